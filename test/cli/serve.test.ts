// `zprov serve` as an operator runs it: the built binary, a real data directory, real signals.
// Needs `npm run build` first (npm test does it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { BIN } from '../client/run-binary.js';
import { send } from '../server/http-client.js';
import { selfSignedCertificate } from '../server/tls-fixture.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zprov-serve-'));
  dirs.push(dir);
  return dir;
}

async function startServe(cwd: string, args: readonly string[]): Promise<ServeProcess> {
  const server = await startServeProcess(args, cwd);
  children.push(server.child);
  return server;
}

describe('zprov serve', () => {
  it('creates ./data and its database on first start, says what to do next, and stops with exit 0 on SIGTERM', async () => {
    const cwd = tempDir();
    const server = await startServe(cwd, []);
    expect(existsSync(join(cwd, 'data', 'zprov.sqlite'))).toBe(true);
    expect(server.output()).toMatch(/First start/);
    expect(server.output()).toMatch(/zprov user add/);
    expect(server.output()).toMatch(/zprov provision-file/);
    // Loopback (startServeProcess listens on 127.0.0.1): no plain-HTTP warning.
    expect(server.output()).not.toMatch(/plain HTTP/);
    expect((await send(server.url, '/healthz')).status).toBe(200);
    expect((await send(server.url, '/readyz')).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);

    const again = await startServe(cwd, []);
    expect(again.output()).not.toMatch(/First start/);
    again.child.kill('SIGINT');
    expect(await again.exited()).toBe(0);
  });

  it('finishes a request in flight on SIGTERM, writes its audit entry, then exits 0', async () => {
    const cwd = tempDir();
    const config = loadConfig({ flags: { dataDir: join(cwd, 'data') }, env: {} });
    const setup = await composeApp(config, { passwordHash: { logN: 10, r: 8, p: 1 } });
    await setup.management.users.add({ tenant: 'default', username: 'ann', password: 'ann-password' });
    await setup.management.accounts.add('default', 'ann', { username: '100', domain: 'pbx.example.com' });
    await setup.close();

    const server = await startServe(cwd, ['--trusted-proxies', '127.0.0.1/32']);
    const { port } = new URL(server.url);
    const body = 'user=ann&pass=ann-password';
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    socket.on('data', (c: Buffer) => (response += c.toString('utf8')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    // Headers and half the body now; the rest after the server has been told to stop.
    socket.write(
      'POST /provision HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n' +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n` +
        body.slice(0, 10),
    );
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull();
    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/<options>/);
    expect(await server.exited()).toBe(0);

    const after = await composeApp(config);
    const log = await after.management.reports.fetchLog({ tenant: 'default', username: 'ann', limit: 10 });
    await after.close();
    expect(log.map((e) => [e.outcome, e.clientAddress])).toEqual([['served', '203.0.113.7']]);
  });

  it('serves HTTPS with --tls-cert and --tls-key', async () => {
    const cwd = tempDir();
    const { cert, key } = selfSignedCertificate(cwd);
    const server = await startServe(cwd, ['--tls-cert', cert, '--tls-key', key]);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await send(server.url, '/provision?user=x&pass=y', { ca: readFileSync(cert, 'utf8') });
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/<error code="1">/);
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
  });

  it('exits 2 with a clear message when the port is taken', async () => {
    const cwd = tempDir();
    const first = await startServe(cwd, []);
    const { port } = new URL(first.url);
    const args = ['serve', '--host', '127.0.0.1', '--port', port, '--metrics-port', '0'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd });
    children.push(child);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
  });

  it('refuses to start with a certificate but no key, naming the setting', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--tls-cert', 'c.pem'], { cwd });
    children.push(child);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/tlsKey/);
  });
});
