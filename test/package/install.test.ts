// The package as an administrator installs it: `npm pack`, then `npm install -g` of the tarball into
// a fresh prefix, then `zprov` from that prefix's bin/ serving a phone. Proves the tarball carries
// what runs (the bundled command line) and that nothing from devDependencies is needed at run time.
// Dependencies come from npm's cache where it has them (--prefer-offline), else from the registry;
// better-sqlite3's install script is allowed by name, as the README tells administrators to do.
// Needs `npm run build` first (npm test does it); takes about a minute, mostly compiling SQLite.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../client/run-binary.js';
import { send } from '../server/http-client.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';

const work = mkdtempSync(join(tmpdir(), 'zprov-package-'));
const prefix = join(work, 'prefix');
const installed = join(prefix, 'lib', 'node_modules', 'zprov');
const zprov = join(prefix, 'bin', 'zprov');
/** Node.js itself must be on PATH: the installed bin starts with `#!/usr/bin/env node`. */
const PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);
let server: ServeProcess | undefined;

/** Asynchronous: a synchronous minute-long install would starve vitest's worker of its event loop. */
async function npm(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', args, { cwd, encoding: 'utf8', timeout: 600_000 });
  return stdout;
}

function installedZprov(
  args: readonly string[],
  stdin = '',
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(zprov, args, {
    cwd: work,
    input: stdin,
    encoding: 'utf8',
    env: { PATH },
    timeout: 60_000,
  });
}

beforeAll(async () => {
  assertBuilt();
  // Scripts are skipped: `npm test` has just built dist/, and packing must not rebuild it under
  // other tests that run the binary.
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
  await npm(
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--allow-scripts=better-sqlite3',
      '--no-audit',
      '--no-fund',
      join(work, filename),
    ],
    work,
  );
}, 600_000);

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('installs the bundled command line and run-time dependencies only', () => {
    expect(existsSync(join(installed, 'dist', 'bundle', 'main.js'))).toBe(true);
    expect(existsSync(join(installed, 'deploy', 'zprov.service'))).toBe(true);
    for (const notShipped of ['src', 'test', 'bench', 'dist/cli', 'node_modules/.bin/tsc'])
      expect(existsSync(join(installed, notShipped)), notShipped).toBe(false);
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const devOnly of ['typescript', 'vitest', 'esbuild', 'eslint', 'prettier', 'tsx'])
      expect(modules, devOnly).not.toContain(devOnly);
    const version = installedZprov(['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs zprov serve from the install, and a phone gets its configuration', async () => {
    const data = join(work, 'data');
    server = await startServeProcess(['--data-dir', data], work, [zprov], PATH);
    expect(
      installedZprov(['user', 'add', 'alice', '--password-stdin', '--data-dir', data], 'prov-pass-1\n')
        .status,
    ).toBe(0);
    const account = installedZprov(
      [
        'account',
        'add',
        'alice',
        '--username',
        '1001',
        '--domain',
        'pbx.example.com',
        '--password-stdin',
        '--data-dir',
        data,
      ],
      'sip-secret-1\n',
    );
    expect(account.stderr).toBe('');
    expect(account.status).toBe(0);
    const reply = await send(server.url, '/provision?user=alice&pass=prov-pass-1');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<username>1001</username>');
    expect(reply.body).toContain('<password>sip-secret-1</password>');
  });
});
