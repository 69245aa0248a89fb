// npm run bench:metrics — what the metrics listener costs a phone's repeat fetch. Two zprov servers on
// the same seeded data (a database each), one with metrics (the default) and one with --no-metrics, both pinned to core 0
// and loaded in turn from core 1 by wrk, round after round, so that a machine whose speed drifts
// affects both alike. Each has fetched every user once first (cold, unmeasured), then warms up for 5 s.
// With --variant admin it measures the administration API the same way instead: one server with
// --admin on its own listener and on the phones' port, one without (metrics on in both).
// Options: --users N (2000) --rounds R (8) --seconds S (4: per server per round) --connections C (50)
//          --off-first (start the --no-metrics server first). Whichever server starts first measured
//          5-10 % slower here even with both alike (an A/A run), so run both orders and take the
//          geometric mean of the two ratios.
// Prints a table: median requests/s and p99 per server, and the ratio of the medians with the
// spread of the per-round ratios. Needs taskset and wrk (Debian packages).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countOption, killAll, stop, startZprov } from './server-bench/processes.js';
import { BENCH_PASSWORD, benchUsername, seedUsers } from './server-bench/seed.js';
import { runWrk, type WrkResult } from './server-bench/wrk.js';
import { median } from './measure.js';

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const WARM_UP_SECONDS = 5;

const startServer = async (dataDir: string, metricsArgs: readonly string[]) =>
  startZprov(SERVER_CORE, dataDir, ['--log-level', 'warn', ...metricsArgs]);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const users = countOption(argv, '--users', 2000);
  const rounds = countOption(argv, '--rounds', 8);
  const seconds = countOption(argv, '--seconds', 4);
  const connections = countOption(argv, '--connections', 50);
  const offFirst = argv.includes('--off-first');
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-metrics-'));
  process.on('exit', killAll);
  try {
    // A database each: two servers on one file slow each other (checkpoints, locks) unevenly.
    process.stdout.write(`seeding ${users} users twice ...\n`);
    for (const name of ['on', 'off']) await seedUsers(join(dir, name), users);
    const admin = argv.includes('--variant') && argv[argv.indexOf('--variant') + 1] === 'admin';
    const feature = admin ? 'admin API' : 'metrics';
    const startOn = async () => ({
      name: admin ? 'admin API on (--admin --admin-on-phone-port)' : 'metrics on (default)',
      ...(await startServer(
        join(dir, 'on'),
        admin
          ? ['--metrics-port', '0', '--admin', '--admin-port', '0', '--admin-on-phone-port']
          : ['--metrics-port', '0'],
      )),
    });
    const startOff = async () => ({
      name: admin ? 'admin API off (default)' : 'metrics off (--no-metrics)',
      ...(await startServer(join(dir, 'off'), admin ? ['--metrics-port', '0'] : ['--no-metrics'])),
    });
    const first = await (offFirst ? startOff() : startOn());
    const second = await (offFirst ? startOn() : startOff());
    // Kept as [on, off] whichever started first.
    const servers = offFirst ? [second, first] : [first, second];
    const template = `/provision?user=${benchUsername('%s')}&pass=${BENCH_PASSWORD}`;
    const run = (target: (typeof servers)[number], mode: 'cold' | 'warm', durationSeconds: number) =>
      runWrk({
        core: LOAD_CORE,
        connections,
        firstUser: 1,
        users,
        url: target.url,
        mode,
        durationSeconds,
        pathTemplate: template,
        serverPids: [target.server.child.pid as number],
      });
    for (const target of servers) {
      process.stdout.write(`cold (unmeasured): ${target.name} fetches each user once ...\n`);
      await run(target, 'cold', Math.max(60, Math.ceil(users / 5)));
      await run(target, 'warm', WARM_UP_SECONDS);
    }
    const results: WrkResult[][] = servers.map(() => []);
    for (let round = 1; round <= rounds; round++) {
      process.stdout.write(`round ${round}/${rounds}: ${seconds} s against each ...\n`);
      // Alternate which goes first, so neither always follows the other's audit flush.
      const order = round % 2 === 1 ? [0, 1] : [1, 0];
      for (const i of order)
        results[i]?.push(await run(servers[i] as (typeof servers)[number], 'warm', seconds));
    }
    for (const target of servers) await stop(target.server, 'SIGTERM');

    const [on, off] = results as [WrkResult[], WrkResult[]];
    const ratios = on.map((r, i) => r.requestsPerSecond / (off[i] as WrkResult).requestsPerSecond);
    const rows = servers.map((target, i) => {
      const runs = results[i] as WrkResult[];
      const rps = median(runs.map((r) => r.requestsPerSecond));
      return `| ${target.name} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p50Ms)).toFixed(2)} | ${Math.max(...runs.map((r) => r.p99Ms)).toFixed(2)} | ${runs.reduce((n, r) => n + r.httpErrors + r.socketErrors, 0)} |`;
    });
    process.stdout.write(
      [
        '',
        `${users} users, ${connections} connections, ${rounds} rounds of ${seconds} s per server; servers on core ${SERVER_CORE}, wrk on core ${LOAD_CORE}; started first: ${feature} ${offFirst ? 'off' : 'on'}`,
        '',
        '| server | median req/s | median p50 ms | worst p99 ms | errors |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...rows,
        '',
        `${feature} on / off, median of rounds: ${(median(on.map((r) => r.requestsPerSecond)) / median(off.map((r) => r.requestsPerSecond))).toFixed(3)}`,
        `per-round ratios: ${ratios.map((r) => r.toFixed(3)).join(', ')} (median ${median(ratios).toFixed(3)})`,
        '',
      ].join('\n'),
    );
  } finally {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:metrics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
