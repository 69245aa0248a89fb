import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySimulation, type ApplyOptions } from '../../src/client/apply-config.js';
import { backupPathFor, removeStaleTemps } from '../../src/fs/atomic-write.js';
import { simulateDesktop } from '../../src/client/desktop-simulation.js';
import type { ProcessCheck } from '../../src/client/zoiper-process.js';
import { FIXTURES, provisionXml, realPorts, tempDir, writeIn } from './client-fixtures.js';
import { answer, startStub, type StubServer } from './stub-server.js';

const NOW = Date.UTC(2026, 10, 26, 10, 0, 0);
const notRunning = async (): Promise<ProcessCheck> => ({ running: false, matches: [], method: 'test' });
const running = async (): Promise<ProcessCheck> => ({
  running: true,
  matches: ['Zoiper5 (pid 4242)'],
  method: 'test',
});

let dir: { path: string; remove(): Promise<void> };
let server: StubServer;
let configPath: string;
let original: string;

beforeEach(async () => {
  dir = await tempDir();
  server = await startStub(answer(200, await readFile(new URL('remote-reply.xml', FIXTURES), 'utf8')));
  original = await readFile(new URL('local-Config.xml', FIXTURES), 'utf8');
  configPath = await writeIn(join(dir.path, 'data'), 'Config.xml', original);
  await writeIn(
    join(dir.path, 'data'),
    'Provision.xml',
    provisionXml([`${server.origin}/p`], { useAuthentication: false }),
  );
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const simulate = () =>
  simulateDesktop(
    {
      os: 'linux',
      env: {},
      workingDirectory: join(dir.path, 'work'),
      executableDirectory: join(dir.path, 'bin'),
      dataDirectory: join(dir.path, 'data'),
    },
    realPorts(),
  );

const options = (more: Partial<ApplyOptions> = {}): ApplyOptions => ({
  strict: false,
  now: NOW,
  probe: notRunning,
  ...more,
});

describe('apply', () => {
  it('writes the merged Config.xml next to a timestamped backup of the old one', async () => {
    const applied = await applySimulation(await simulate(), options());
    expect(applied.outcome).toBe('applied');
    expect(applied.backup).toBe(`${configPath}.2026-11-26T10-00-00Z.bak`);
    expect(await readFile(applied.backup ?? '', 'utf8')).toBe(original);
    expect(await readFile(configPath, 'utf8')).toBe(
      await readFile(new URL('expected-merged.xml', FIXTURES), 'utf8'),
    );
  });

  it('keeps the file mode of the Config.xml it replaces', async () => {
    const { chmod } = await import('node:fs/promises');
    await chmod(configPath, 0o640);
    await applySimulation(await simulate(), options());
    expect((await stat(configPath)).mode & 0o777).toBe(0o640);
  });

  it('writes nothing, not even a backup, when nothing changes', async () => {
    await applySimulation(await simulate(), options());
    const before = await readdir(join(dir.path, 'data'));
    const again = await applySimulation(await simulate(), options({ now: NOW + 60_000 }));
    expect(again.outcome).toBe('unchanged');
    expect(await readdir(join(dir.path, 'data'))).toEqual(before);
  });

  it('does not overwrite an earlier backup taken in the same second', async () => {
    await writeFile(backupPathFor(configPath, NOW), 'older backup');
    const applied = await applySimulation(await simulate(), options());
    expect(applied.backup).toBe(backupPathFor(configPath, NOW, 2));
    expect(await readFile(backupPathFor(configPath, NOW), 'utf8')).toBe('older backup');
  });

  it('warns but writes when Zoiper appears to be running', async () => {
    const applied = await applySimulation(await simulate(), options({ probe: running }));
    expect(applied.outcome).toBe('applied');
    expect(applied.warnings.join(' ')).toContain('Zoiper5 (pid 4242)');
  });

  it('refuses with strict when Zoiper appears to be running, leaving the file alone', async () => {
    const applied = await applySimulation(await simulate(), options({ probe: running, strict: true }));
    expect(applied.outcome).toBe('refused-running');
    expect(await readFile(configPath, 'utf8')).toBe(original);
    expect((await readdir(join(dir.path, 'data'))).sort()).toEqual(['Config.xml', 'Provision.xml']);
  });

  it('writes nothing when the simulation failed', async () => {
    await server.close();
    const applied = await applySimulation(await simulate(), options());
    expect(applied.outcome).toBe('not-applied');
    expect(await readFile(configPath, 'utf8')).toBe(original);
  });

  it('leaves the original intact and no temporary file when the write fails before the rename', async () => {
    const failing = applySimulation(
      await simulate(),
      options({
        hooks: {
          beforeRename: () => {
            throw new Error('injected');
          },
        },
      }),
    );
    await expect(failing).rejects.toThrow('injected');
    expect(await readFile(configPath, 'utf8')).toBe(original);
    expect((await readdir(join(dir.path, 'data'))).filter((n) => n.endsWith('.zprov-tmp'))).toEqual([]);
  });

  it('clears temporary files left by a writer that no longer runs', async () => {
    const stale = join(dir.path, 'data', '.Config.xml.999999.abcdef.zprov-tmp');
    const live = join(dir.path, 'data', '.Config.xml.4242.abcdef.zprov-tmp');
    const other = join(dir.path, 'data', '.Other.xml.999999.abcdef.zprov-tmp');
    for (const f of [stale, live, other]) await writeFile(f, '<options><half');
    const removed = await removeStaleTemps(configPath, (pid) => pid === 4242);
    expect(removed).toEqual([stale]);
    const left = await readdir(join(dir.path, 'data'));
    expect(left).toContain('.Config.xml.4242.abcdef.zprov-tmp');
    expect(left).toContain('.Other.xml.999999.abcdef.zprov-tmp');
  });

  it('creates the data directory on a first apply', async () => {
    const result = await simulateDesktop(
      {
        os: 'linux',
        env: {},
        workingDirectory: join(dir.path, 'data'),
        executableDirectory: join(dir.path, 'bin'),
        dataDirectory: join(dir.path, 'new-home', 'Zoiper5'),
      },
      realPorts(),
    );
    const applied = await applySimulation(result, options());
    expect(applied.outcome).toBe('applied');
    expect(applied.backup).toBeUndefined();
    expect(await readFile(join(dir.path, 'new-home', 'Zoiper5', 'Config.xml'), 'utf8')).toContain(
      'prov-alice',
    );
  });
});
