// zprov simulate through the built binary: exit codes, the text and JSON reports, -o and --state.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { provisionXml, REPLY, tempDir, writeIn } from '../client/client-fixtures.js';
import { runBinary } from '../client/run-binary.js';
import { answer, closedPort, startStub, type StubServer } from '../client/stub-server.js';

let dir: { path: string; remove(): Promise<void> };
const stubs: StubServer[] = [];
beforeEach(async () => {
  dir = await tempDir('zprov-sim-cli-');
});
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  await dir.remove();
});
const stub = async (status: number, body: string): Promise<StubServer> => {
  const s = await startStub(answer(status, body));
  stubs.push(s);
  return s;
};

/** simulate with every lookup place inside the test directory. */
const simulate = (...args: string[]) =>
  runBinary(
    [
      'simulate',
      '--platform-os',
      'linux',
      '--exe-dir',
      join(dir.path, 'bin'),
      '--data-dir',
      join(dir.path, 'data'),
      ...args,
    ],
    { cwd: join(dir.path, 'work'), env: { HOME: dir.path } },
  );

describe('zprov simulate', () => {
  beforeEach(async () => {
    await writeIn(join(dir.path, 'work'), '.keep', '');
  });

  it('exits 10 when there is no provision file, naming every place it looked', async () => {
    const run = await simulate();
    expect(run.code).toBe(EXIT.NO_PROVISION_FILE);
    expect(run.stdout).toContain(`working directory ${join(dir.path, 'work')}`);
    expect(run.stdout).toContain(`data directory ${join(dir.path, 'data')}`);
  });

  it('exits 11 for an invalid provision file', async () => {
    await writeIn(join(dir.path, 'work'), 'Provision.xml', '<provision><base_urls/></provision>');
    const run = await simulate();
    expect(run.code).toBe(EXIT.INVALID_PROVISION_FILE);
    expect(run.stdout).toContain('no <base_url>');
  });

  it('exits 12 when every URL fails and 13 when a server answered with an error document', async () => {
    const port = await closedPort();
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`http://127.0.0.1:${port}/p`], { useAuthentication: false }),
    );
    expect((await simulate()).code).toBe(EXIT.ALL_URLS_FAILED);

    const refusing = await stub(401, '<error code="1">Unknown user or wrong password</error>');
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`http://127.0.0.1:${port}/p`, `${refusing.origin}/p?u=[user]&p=[pass]`], {
        user: 'a',
        password: 'b',
      }),
    );
    const run = await simulate();
    expect(run.code).toBe(EXIT.SERVER_ERROR_DOCUMENT);
    expect(run.stdout).toContain('Unknown user or wrong password');
  });

  it('exits 0 on success, prints a JSON report with --json and writes the result with -o', async () => {
    const server = await stub(200, REPLY);
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], { user: 'alice', password: 'hunter2' }),
    );
    const run = await simulate('--json', '-o', 'merged.xml');
    expect(run.code).toBe(EXIT.OK);
    const report = JSON.parse(run.stdout) as {
      outcome: string;
      usedAttempt: number;
      attempts: { url: string }[];
    };
    expect(report.outcome).toBe('success');
    expect(report.attempts[0]?.url).toBe(`${server.origin}/p?u=alice&p=********`);
    expect(run.stdout).not.toContain('hunter2');
    expect(await readFile(join(dir.path, 'work', 'merged.xml'), 'utf8')).toBe(REPLY);
  });

  it('takes the credentials from --user and --password when the provision file asks the user', async () => {
    const server = await stub(200, REPLY);
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        userInputAuthentication: true,
        passwordFormat: 1,
      }),
    );
    expect((await simulate()).code).toBe(EXIT.USAGE);
    const run = await simulate('--user', 'bob', '--password', 's3cret');
    expect(run.code).toBe(EXIT.OK);
    expect(server.requests[0]?.url).toBe('/p?u=bob&p=s3cret');
  });

  it('runs mobile mode with --url and saves the received configuration with --state', async () => {
    const android = REPLY.replace('      <ident>prov-1</ident>\n', '');
    const server = await stub(200, android);
    const run = await runBinary(
      [
        'simulate',
        '--platform',
        'android',
        '--url',
        `${server.origin}/p?username=[username]&password=[password]&version=[version]`,
        '--user',
        'alice',
        '--password',
        'pw',
        '--state',
        'state.xml',
      ],
      { cwd: dir.path },
    );
    expect(run.code).toBe(EXIT.OK);
    expect(server.requests[0]?.url).toBe('/p?username=alice&password=pw&version=1.14');
    expect(await readFile(join(dir.path, 'state.xml'), 'utf8')).toBe(android);
    expect(run.stdout).toContain('Zoiper for Android provisioning');
  });

  it('refuses mobile flags in Desktop mode and Desktop flags in mobile mode', async () => {
    expect((await simulate('--url', 'https://x/p')).code).toBe(EXIT.INVALID);
    const run = await runBinary(
      ['simulate', '--platform', 'ios', '--url', 'https://x/p', '--provision', 'p.xml'],
      { cwd: dir.path },
    );
    expect(run.code).toBe(EXIT.INVALID);
    expect(run.stderr).toContain('--provision belongs to Desktop mode');
  });
});
