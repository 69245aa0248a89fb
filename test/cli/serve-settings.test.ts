// What `zprov serve` tells about its settings and its exposure, as an operator sees it: the built
// binary. Needs `npm run build` first (npm test does it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_SETTING, CONFIG_KEYS, SETTINGS } from '../../src/config/settings.js';
import { assertBuilt, BIN } from '../client/run-binary.js';
import { send } from '../server/http-client.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';

const dirs: string[] = [];
const servers: ServeProcess[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zprov-serve-settings-'));
  dirs.push(dir);
  return dir;
}

async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const server = await startServeProcess(args, tempDir());
  servers.push(server);
  return server;
}

// eslint-disable-next-line no-control-regex
const withoutColors = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('zprov serve settings', () => {
  it('lists every setting in --help: its flag, its variable, its config file key and its default', () => {
    assertBuilt();
    const run = spawnSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    // Wrapped to 80 columns on a pipe: compare with the wrapping undone.
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const key of CONFIG_KEYS) {
      const setting = SETTINGS[key];
      expect(help).toContain(setting.env);
      if (setting.flag !== undefined) {
        expect(help).toContain(setting.flag);
        expect(help).toContain(`config "${key}"`);
      }
    }
    expect(help).toContain(CONFIG_FILE_SETTING.flag);
    expect(help).toContain(CONFIG_FILE_SETTING.env);
    expect(help).toContain('ZPROV_MAX_FAILURES_PER_USER; config "maxFailuresPerUser"; default 5');
  });

  it('takes a setting that used to be a variable only from its flag', async () => {
    const server = await startServe(['--max-failures-per-user', '1', '--lockout-seconds', '300']);
    const wrong = (): Promise<{ status: number }> => send(server.url, '/provision?user=nobody&pass=x');
    expect((await wrong()).status).toBe(401);
    const locked = await send(server.url, '/provision?user=nobody&pass=x');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('warns that passwords travel in clear when listening on every interface over plain HTTP', async () => {
    const server = await startServe(['--host', '0.0.0.0']);
    // The warning goes to standard error, which may arrive after the listening line.
    await server.stop();
    expect(server.output()).toMatch(/zprov: warning: plain HTTP on every interface \(0\.0\.0\.0\)/);
    expect(server.output()).toContain('--tls-cert <file> --tls-key <file>');
    expect(server.output()).toContain('--host 127.0.0.1 --trusted-proxies 127.0.0.1');
  });

  it('logs JSON lines to a pipe, and lines for a person with --log-format pretty', async () => {
    const json = await startServe([]);
    expect(json.output()).toMatch(/^\{"level":30,.*"msg":"Server listening at /m);

    const pretty = await startServe(['--log-format', 'pretty']);
    await send(pretty.url, '/provision?user=nobody&pass=x');
    expect(await pretty.stop()).toBe(0);
    const out = pretty.output();
    expect(out).not.toMatch(/"level":/);
    expect(out).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: Server listening at http/m);
    expect(out).toMatch(/\] INFO: provisioning refused .*"outcome":"unknown_user"/);
    expect(out).toMatch(/\] INFO: stopped$/m);
    // The query string stays redacted in the readable form too.
    expect(out).not.toContain('pass=x');
  });

  it.skipIf(!hasScript)('logs lines for a person at a terminal, unless told json', async () => {
    const underTerminal = async (extra: string): Promise<string> => {
      const cwd = tempDir();
      // script(1) gives the server a pseudo-terminal as standard output; it stops after 3 s.
      const command = `timeout -s TERM 3 ${process.execPath} ${BIN} serve --host 127.0.0.1 --port 0 --metrics-port 0 ${extra}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd,
        env: { PATH: process.env['PATH'] },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await new Promise((resolve) => child.on('exit', resolve));
      return withoutColors(output);
    };
    const [auto, json] = await Promise.all([underTerminal(''), underTerminal('--log-format json')]);
    expect(auto).toMatch(/\] INFO: Server listening at http/);
    expect(auto).toMatch(/zprov listening on http/);
    expect(auto).not.toMatch(/"level":/);
    expect(json).toMatch(/\{"level":30,.*"msg":"Server listening at /);
  });
});
