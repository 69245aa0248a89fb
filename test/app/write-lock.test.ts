// Another process holding SQLite's write lock (a CLI command, the sqlite3 shell) must not freeze the
// server: fetches and timers go on, audit batches and management writes wait without blocking, and
// nothing is lost once the lock is released.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../src/app/compose-app.js';
import { SERVER_BUSY_TIMEOUT_MS } from '../../src/cli/commands/serve.js';
import { loadConfig } from '../../src/config/app-config.js';
import { tempDir } from '../support/test-databases.js';
import { request, TEST_HASH } from '../support/test-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOLD_MS = 1500;

/** A separate process that takes the write lock, says so, holds it for HOLD_MS and commits. */
async function holdWriteLock(path: string): Promise<{ released: Promise<unknown> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${HOLD_MS});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return { released: once(child, 'exit') };
}

const dirs: { remove(): void }[] = [];
let app: ComposedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const dir of dirs.splice(0)) dir.remove();
});

describe("another process's write lock", () => {
  it('holds the event loop no longer than a short wait, and loses no audit entry', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const config = loadConfig({ flags: { dataDir: dir.path } });
    app = await composeApp(config, { passwordHash: TEST_HASH, busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
    await app.management.users.add({ tenant: 'default', username: 'alice', password: 'password-1' });
    await app.management.accounts.add('default', 'alice', { username: '1001', password: 'sip secret' });
    expect((await app.provisioning.provision(request('alice', 'password-1'))).ok).toBe(true);
    await app.provisioning.flushAudit();

    const { released } = await holdWriteLock(config.database.kind === 'sqlite' ? config.database.path : '');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const write = app.management.users.add({ tenant: 'default', username: 'bob', password: 'password-2' });
    let sent = 0;
    let answeredWhileLocked = 0;
    let locked = true;
    const ticker = setInterval(() => {
      sent += 1;
      void Promise.resolve(app?.provisioning.provision(request('alice', 'password-1'))).then((result) => {
        if (result?.ok === true && locked) answeredWhileLocked += 1;
      });
    }, 10);
    await released;
    locked = false;
    await write;
    clearInterval(ticker);
    loop.disable();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await app.provisioning.flushAudit();

    // Fetches went on while the lock was held (every 10 ms, over a lock of HOLD_MS) ...
    expect(answeredWhileLocked).toBeGreaterThan(HOLD_MS / 10 / 2);
    expect(loop.max / 1e6).toBeLessThan(250);
    const log = await app.management.reports.fetchLog({ limit: 1000 });
    // ... and once it was released, every one of them is in the audit log, as is the write.
    expect(log.filter((e) => e.outcome === 'served')).toHaveLength(sent + 1);
    expect((await app.management.users.list('default')).map((u) => u.username)).toEqual(['alice', 'bob']);
  }, 20_000);
});
