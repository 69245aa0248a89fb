// simulate and apply through main(), in this process: the command modules' own paths.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { FIXTURES, provisionXml, REPLY, tempDir, writeIn } from '../client/client-fixtures.js';
import { answer, startStub, type StubServer } from '../client/stub-server.js';

let dir: { path: string; remove(): Promise<void> };
let server: StubServer;
beforeEach(async () => {
  dir = await tempDir('zprov-sim-main-');
  server = await startStub(answer(200, REPLY));
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

async function run(args: string[], prompt?: (q: string, o: { secret: boolean }) => Promise<string>) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir.path,
    env: { HOME: join(dir.path, 'home') },
    ...(prompt === undefined ? {} : { prompt }),
  });
  return { code, stdout, stderr };
}

describe('simulate and apply in-process', () => {
  it('finds the provision file in the data directory derived from HOME, and asks at the prompt', async () => {
    await writeIn(
      join(dir.path, 'home', '.Zoiper5'),
      'provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        userInputAuthentication: true,
        passwordFormat: 1,
      }),
    );
    const asked: boolean[] = [];
    const result = await run(
      ['simulate', '--platform-os', 'linux', '--exe-dir', join(dir.path, 'bin')],
      async (_q, o) => {
        asked.push(o.secret);
        return o.secret ? 'pw' : 'carol';
      },
    );
    expect(result.code).toBe(EXIT.OK);
    expect(asked).toEqual([false, true]);
    expect(result.stdout).toContain(`found ${join(dir.path, 'home', '.Zoiper5', 'provision.xml')}`);
    expect(server.requests[0]?.url).toBe('/p?u=carol&p=pw');
  });

  it('applies into the data directory and prints the apply report as JSON', async () => {
    const data = join(dir.path, 'home', '.Zoiper5');
    await writeIn(data, 'Config.xml', await readFile(new URL('local-Config.xml', FIXTURES), 'utf8'));
    await writeIn(data, 'Provision.xml', provisionXml([`${server.origin}/p`], { useAuthentication: false }));
    const result = await run([
      'apply',
      '--platform-os',
      'linux',
      '--exe-dir',
      join(dir.path, 'bin'),
      '--json',
    ]);
    expect(result.code).toBe(EXIT.OK);
    const report = JSON.parse(result.stdout) as {
      outcome: string;
      backup: string;
      simulation: { outcome: string };
    };
    expect(report).toMatchObject({ outcome: 'applied', simulation: { outcome: 'success' } });
    expect(report.backup).toContain(join(data, 'Config.xml.'));
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toContain('<ident>prov-1</ident>');
  });

  it('rejects a timeout that is not a positive number of seconds', async () => {
    const result = await run(['simulate', '--timeout', 'soon']);
    expect(result.code).toBe(EXIT.INVALID);
    expect(result.stderr).toContain('--timeout soon');
  });

  it('needs --url in mobile mode', async () => {
    const result = await run(['simulate', '--platform', 'ios']);
    expect(result.code).toBe(EXIT.INVALID);
    expect(result.stderr).toContain('needs --url');
  });
});
