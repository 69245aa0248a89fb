// /metrics as an operator scrapes it: the built binary with its metrics listener on a free port,
// real fetches, then exact counts. Needs `npm run build` first (npm test does it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { send } from './http-client.js';

const dirs: string[] = [];
const servers: ServeProcess[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function seededDataDir(): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'zprov-metrics-'));
  dirs.push(cwd);
  const setup = await composeApp(loadConfig({ flags: { dataDir: join(cwd, 'data') }, env: {} }), {
    passwordHash: { logN: 10, r: 8, p: 1 },
  });
  await setup.management.tenants.add({ slug: 'acme' });
  for (const username of ['ann', 'bob']) {
    await setup.management.users.add({ tenant: 'acme', username, password: `${username}-password` });
    await setup.management.accounts.add('acme', username, { username: '100', domain: 'pbx.example.com' });
  }
  await setup.close();
  return cwd;
}

async function startServe(cwd: string, args: readonly string[]): Promise<ServeProcess> {
  const server = await startServeProcess(args, cwd);
  servers.push(server);
  return server;
}

function metricsUrl(server: ServeProcess): string {
  const match = /^ {2}metrics (http:\/\/\S+)\/metrics \(Prometheus\)$/m.exec(server.output());
  if (match === null) throw new Error(`no metrics URL in:\n${server.output()}`);
  return match[1] as string;
}

/** The value of one sample line, e.g. sample(text, 'zprov_fetches_total{tenant="acme",outcome="served"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const fetches = (tenant: string, outcome: string): string =>
  `zprov_fetches_total{tenant="${tenant}",outcome="${outcome}"}`;

describe('metrics', () => {
  it('counts fetches by outcome and tenant, their durations, lockouts, caches and audit, on their own port', async () => {
    const cwd = await seededDataDir();
    const server = await startServe(cwd, ['--max-failures-per-user', '3', '--lockout-seconds', '300']);
    const metrics = metricsUrl(server);
    expect(new URL(metrics).port).not.toBe(new URL(server.url).port);

    const N = 5;
    for (let i = 0; i < N; i++)
      expect((await send(server.url, '/t/acme/provision?user=ann&pass=ann-password')).status).toBe(200);
    // Three wrong passwords lock bob out; the fourth attempt is refused as locked out.
    const M = 3;
    for (let i = 0; i < M; i++)
      expect((await send(server.url, '/t/acme/provision?user=bob&pass=wrong')).status).toBe(401);
    expect((await send(server.url, '/t/acme/provision?user=bob&pass=wrong')).status).toBe(429);
    // A tenant nobody created: counted, but its name is no label.
    expect((await send(server.url, '/t/made-up-tenant/provision?user=x&pass=y')).status).toBe(401);
    expect((await send(server.url, '/provision')).status).toBe(401);

    // The phones' port knows nothing of metrics.
    expect((await send(server.url, '/metrics')).status).toBe(404);

    // Audit entries are written every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const scrape = await send(metrics, '/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scrape.body;

    expect(sample(text, fetches('acme', 'served'))).toBe(N);
    expect(sample(text, fetches('acme', 'wrong_password'))).toBe(M);
    expect(sample(text, fetches('acme', 'locked_out'))).toBe(1);
    expect(sample(text, fetches('(none)', 'unknown_user'))).toBe(1);
    expect(sample(text, fetches('(none)', 'missing_credentials'))).toBe(1);
    expect(sample(text, fetches('acme', 'unknown_user'))).toBe(0);
    expect(text).not.toContain('made-up-tenant');
    const total = N + M + 1 + 1 + 1;
    const sum = text
      .split('\n')
      .filter((l) => l.startsWith('zprov_fetches_total{'))
      .reduce((acc, l) => acc + Number(l.split(' ')[1]), 0);
    expect(sum).toBe(total);

    expect(sample(text, 'zprov_fetch_duration_seconds_count')).toBe(total);
    expect(sample(text, 'zprov_fetch_duration_seconds_bucket{le="+Inf"}')).toBe(total);
    expect(sample(text, 'zprov_fetch_duration_seconds_bucket{le="0.0005"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'zprov_fetch_duration_seconds_sum')).toBeGreaterThan(0);

    expect(sample(text, 'zprov_lockouts_total{scope="username"}')).toBe(1);
    expect(sample(text, 'zprov_lockouts_total{scope="address"}')).toBe(0);
    // The first fetch of ann checks the stored hash and renders; the other four are remembered.
    expect(sample(text, 'zprov_login_cache_hits_total')).toBe(N - 1);
    expect(sample(text, 'zprov_document_cache_hits_total')).toBe(N - 1);
    expect(sample(text, 'zprov_document_cache_misses_total')).toBe(1);

    const buffered = sample(text, 'zprov_audit_entries_buffered_total') ?? 0;
    expect(buffered).toBeGreaterThanOrEqual(N);
    expect(sample(text, 'zprov_audit_entries_written_total')).toBe(buffered);
    expect(sample(text, 'zprov_audit_entries_dropped_total')).toBe(0);
    expect(text).toMatch(/^# TYPE zprov_database_errors_total counter$/m);
    expect(text).not.toMatch(/^zprov_database_errors_total\{/m);

    // prom-client's process metrics come along, all but the GC durations (an observer at every
    // collection, which a busy server pays for).
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_start_time_seconds',
      'process_resident_memory_bytes',
      'process_open_fds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_active_handles_total',
      'nodejs_heap_size_used_bytes',
      'nodejs_version_info',
    ])
      expect(text).toMatch(new RegExp(`^${name}[ {]`, 'm'));
    expect(text).not.toContain('nodejs_gc_duration_seconds');

    expect((await send(metrics, '/')).status).toBe(404);
    expect(await server.stop()).toBe(0);
    await expect(send(metrics, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('serves no metrics with --no-metrics', async () => {
    const cwd = await seededDataDir();
    const server = await startServe(cwd, ['--no-metrics']);
    expect(server.output()).not.toMatch(/metrics http/);
    expect((await send(server.url, '/metrics')).status).toBe(404);
  });
});
