// npm run bench:server — the provisioning server under load, next to nginx serving a static file of
// the same size. The servers run pinned to core 0, wrk to core 1. Phases:
//   cold: every user fetched once, in order (the password check runs for each: scrypt dominates);
//   warm: the same users fetched again and again (after 5 s unmeasured), against three servers in
//   turn, in rounds, so that a machine whose speed drifts during the run affects all three alike:
//     zprov; a bare node:http server with the users in a Map (the reference); nginx serving a
//     static copy of a rendered document.
// Options: --users N (10000) --duration S (15: measured seconds per server, split over the rounds)
//          --rounds R (3) --connections C (50) --keep (keep the temp dir)
//          --profile DIR (run the server under node --cpu-prof, profile written to DIR on exit)
//          --no-metrics (the server without its metrics listener; by default it runs with one)
//          --admin (the administration API on, on its own listener and on the phones' port too).
// Installs nothing: needs taskset, wrk and nginx on PATH (Debian packages).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from './server-bench/nginx.js';
import {
  cpuSeconds,
  freePort,
  killAll,
  sleep,
  spawnPinned,
  stop,
  waitForOutput,
  type Pinned,
  countOption,
  startZprov,
} from './server-bench/processes.js';
import { formatReport } from './server-bench/report.js';
import { BENCH_PASSWORD, benchUsername, seedUsers } from './server-bench/seed.js';
import { combineRounds, runWrk, type WrkResult } from './server-bench/wrk.js';

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const WARM_UP_SECONDS = 5;

interface Options {
  readonly users: number;
  readonly durationSeconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly keep: boolean;
  readonly profileDir: string | undefined;
  /** --no-metrics: the server without its metrics listener, to measure what metrics cost. */
  readonly metrics: boolean;
  /** --admin: the administration API on (its listener, and registered on the phones' port). */
  readonly admin: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => countOption(argv, name, fallback);
  return {
    users: value('--users', 10_000),
    durationSeconds: value('--duration', 15),
    rounds: value('--rounds', 3),
    connections: value('--connections', 50),
    keep: argv.includes('--keep'),
    profileDir: argv.includes('--profile') ? resolve(argv[argv.indexOf('--profile') + 1] ?? '.') : undefined,
    metrics: !argv.includes('--no-metrics'),
    admin: argv.includes('--admin'),
  };
}

function requireTools(): void {
  const missing = ['taskset', 'wrk', 'nginx'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0)
    throw new Error(
      `missing ${missing.join(', ')}: install the Debian packages (wrk, nginx, util-linux) first`,
    );
  if (cpus().length < 2)
    throw new Error('needs two cores: the server on one, the load generator on the other');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  requireTools();
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-'));
  let removeNginx = (): void => undefined;
  const cleanup = (): void => {
    killAll();
    removeNginx();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const loadBefore = loadavg();
  try {
    const dataDir = join(dir, 'data');
    process.stdout.write(`seeding ${options.users} users in ${dataDir} ...\n`);
    const seeded = await seedUsers(dataDir, options.users + 1);
    process.stdout.write(`seeded in ${seeded.seconds.toFixed(1)} s\n`);

    const { server, url } = await startZprov(
      SERVER_CORE,
      dataDir,
      [
        '--log-level',
        'warn',
        ...(options.metrics ? ['--metrics-port', '0'] : ['--no-metrics']),
        ...(options.admin ? ['--admin', '--admin-port', '0', '--admin-on-phone-port'] : []),
      ],
      options.profileDir,
    );
    const serverPid = server.child.pid as number;
    // One user beyond the measured ones shows what a rendered document looks like (and its size).
    const probe = await fetch(
      `${url}/provision?user=${benchUsername(options.users + 1)}&pass=${BENCH_PASSWORD}`,
    );
    const document = await probe.text();
    if (!probe.ok) throw new Error(`probe fetch failed with ${probe.status}: ${document}`);

    const template = `/provision?user=${benchUsername('%s')}&pass=${BENCH_PASSWORD}`;
    const common = { core: LOAD_CORE, connections: options.connections, firstUser: 1, users: options.users };
    process.stdout.write(`cold: fetching each of ${options.users} users once ...\n`);
    const cold = await runWrk({
      ...common,
      url,
      mode: 'cold',
      // Long enough for every user; the run ends as soon as the last one is served.
      durationSeconds: Math.max(60, Math.ceil(options.users / 5)),
      pathTemplate: template,
      serverPids: [serverPid],
    });
    await settle(serverPid);

    const reference = await startNodeReference(dir, document, options.users);
    process.stdout.write(`nginx: serving a static ${Buffer.byteLength(document)}-byte document\n`);
    const nginx = await startNginx(SERVER_CORE, await freePort(), '/provision', document);
    removeNginx = () => nginx.remove();
    const targets = [
      { url, pids: () => [serverPid] },
      { url: reference.url, pids: () => [reference.pid] },
      { url: nginx.url, pids: () => nginx.pids() },
    ];
    const measure = (target: (typeof targets)[number], durationSeconds: number): Promise<WrkResult> =>
      runWrk({
        ...common,
        url: target.url,
        mode: 'warm',
        durationSeconds,
        pathTemplate: template,
        serverPids: target.pids(),
      });
    // Unmeasured: the first seconds of a new request mix compile the hot path (JIT) and would put
    // that one-off pause into the tail latency. Every server gets the same.
    for (const target of targets) await measure(target, WARM_UP_SECONDS);
    const roundSeconds = Math.max(1, Math.round(options.durationSeconds / options.rounds));
    const results: WrkResult[][] = targets.map(() => []);
    for (let round = 1; round <= options.rounds; round++) {
      process.stdout.write(
        `warm round ${round}/${options.rounds}: ${roundSeconds} s against each server ...\n`,
      );
      for (const [i, target] of targets.entries()) results[i]?.push(await measure(target, roundSeconds));
    }
    const [warmRounds, referenceRounds, nginxRounds] = results as [WrkResult[], WrkResult[], WrkResult[]];
    const serverExit = await stop(server, 'SIGTERM');
    await stop(reference.process, 'SIGTERM');
    await stop(nginx.process, 'SIGQUIT');

    process.stdout.write(
      formatReport({
        users: options.users,
        connections: options.connections,
        documentBytes: Buffer.byteLength(document),
        cold,
        warm: combineRounds(warmRounds),
        nginx: combineRounds(nginxRounds),
        nodeReference: combineRounds(referenceRounds),
        warmToNginxByRound: warmRounds.map(
          (w, i) => w.requestsPerSecond / (nginxRounds[i] as WrkResult).requestsPerSecond,
        ),
        serverExit,
        loadBefore,
        loadAfter: loadavg(),
      }),
    );
  } finally {
    cleanup();
    if (options.keep) process.stdout.write(`kept ${dir}\n`);
    if (options.profileDir !== undefined) process.stdout.write(`server profile in ${options.profileDir}\n`);
  }
}

/** A bare node:http server with the users in a Map (node-reference-server.mjs), pinned like zprov. */
async function startNodeReference(
  dir: string,
  document: string,
  users: number,
): Promise<{ process: Pinned; pid: number; url: string }> {
  process.stdout.write('node:http reference: users in a Map, no framework\n');
  const file = join(dir, 'reference-document.xml');
  writeFileSync(file, document);
  const port = await freePort();
  const server = spawnPinned(SERVER_CORE, process.execPath, [
    fileURLToPath(new URL('./server-bench/node-reference-server.mjs', import.meta.url)),
    String(port),
    file,
    String(users),
  ]);
  await waitForOutput(server, /listening/, 10_000);
  return { process: server, pid: server.child.pid as number, url: `http://127.0.0.1:${port}` };
}

/** Waits until the server has finished work left over from the previous phase (idle processor). */
async function settle(pid: number): Promise<void> {
  let last = cpuSeconds(pid);
  for (let i = 0; i < 100; i++) {
    await sleep(250);
    const now = cpuSeconds(pid);
    if (now - last < 0.01) return;
    last = now;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
