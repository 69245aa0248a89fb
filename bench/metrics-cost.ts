// npm run bench:metrics — what the metrics listener costs a phone's repeat fetch. Three zprov servers
// on the same seeded data (a database each): one with metrics (the default), one with --no-metrics,
// and a second --no-metrics server as a control, all pinned to core 0 and loaded in turn from core 1
// by wrk, round after round, the order rotating each round, so that a machine whose speed drifts
// affects all alike. The control makes the run judge itself: two identical servers differ by noise
// alone, so the metrics cost is measurable only where on/off lies outside the control's own spread.
// Each server has fetched every user once first (cold, unmeasured), then warms up for 5 s.
// With --variant admin it measures the administration API the same way instead: one server with
// --admin on its own listener and on the phones' port, one without (metrics on in all three).
// Options: --users N (2000) --rounds R (9) --seconds S (4: per server per round) --connections C (50)
//          --off-first (start the server without the feature before the one with it; the control
//          always starts first, since the first server started measured 5-10 % slower here).
// Prints a table: median requests/s and p99 per server; the ratios on/off and control/off, each with
// the spread of its per-round ratios. Needs taskset and wrk (Debian packages).
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
  const rounds = countOption(argv, '--rounds', 9);
  const seconds = countOption(argv, '--seconds', 4);
  const connections = countOption(argv, '--connections', 50);
  const offFirst = argv.includes('--off-first');
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-metrics-'));
  process.on('exit', killAll);
  try {
    // A database each: two servers on one file slow each other (checkpoints, locks) unevenly.
    process.stdout.write(`seeding ${users} users three times ...\n`);
    for (const name of ['on', 'off', 'control']) await seedUsers(join(dir, name), users);
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
    const startOff = async (data = 'off') => ({
      name: admin ? 'admin API off (default)' : 'metrics off (--no-metrics)',
      ...(await startServer(join(dir, data), admin ? ['--metrics-port', '0'] : ['--no-metrics'])),
    });
    const startControl = async () => ({
      ...(await startOff('control')),
      name: `${admin ? 'admin API off' : 'metrics off'}, control (same as off)`,
    });
    // Kept as [on, off, control] whichever started first.
    const control = await startControl();
    const first = await (offFirst ? startOff() : startOn());
    const second = await (offFirst ? startOn() : startOff());
    const servers = offFirst ? [second, first, control] : [first, second, control];
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
    }
    // Warmed up after every cold phase, not after its own: a server left idle for minutes while the
    // others ran theirs measured its first round with a tail the others did not have.
    for (const target of servers) await run(target, 'warm', WARM_UP_SECONDS);
    const results: WrkResult[][] = servers.map(() => []);
    for (let round = 0; round < rounds; round++) {
      process.stdout.write(`round ${round + 1}/${rounds}: ${seconds} s against each ...\n`);
      // Each server goes first, second and third equally often (rounds a multiple of three).
      for (let k = 0; k < servers.length; k++) {
        const i = (round + k) % servers.length;
        results[i]?.push(await run(servers[i] as (typeof servers)[number], 'warm', seconds));
      }
    }
    for (const target of servers) await stop(target.server, 'SIGTERM');

    const [on, off, same] = results as [WrkResult[], WrkResult[], WrkResult[]];
    const rps = (runs: readonly WrkResult[]) => median(runs.map((r) => r.requestsPerSecond));
    const perRound = (a: readonly WrkResult[]) =>
      a.map((r, i) => r.requestsPerSecond / (off[i] as WrkResult).requestsPerSecond);
    const spread = (ratios: readonly number[]) =>
      `median ${median(ratios).toFixed(3)}, from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)}`;
    const onRatios = perRound(on);
    const controlRatios = perRound(same);
    const rows = servers.map((target, i) => {
      const runs = results[i] as WrkResult[];
      return `| ${target.name} | ${rps(runs).toFixed(0)} | ${median(runs.map((r) => r.p50Ms)).toFixed(2)} | ${median(runs.map((r) => r.p99Ms)).toFixed(2)} | ${Math.max(...runs.map((r) => r.p99Ms)).toFixed(2)} | ${runs.reduce((n, r) => n + r.httpErrors + r.socketErrors, 0)} |`;
    });
    // Outside the noise: beyond what the two identical servers differed by, in either direction.
    const noise = Math.max(...controlRatios.map((r) => Math.abs(1 - r)), Math.abs(1 - rps(same) / rps(off)));
    const cost = 1 - rps(on) / rps(off);
    process.stdout.write(
      [
        '',
        `${users} users, ${connections} connections, ${rounds} rounds of ${seconds} s per server; servers on core ${SERVER_CORE}, wrk on core ${LOAD_CORE}; started: control, then ${feature} ${offFirst ? 'off, on' : 'on, off'}`,
        '',
        '| server | median req/s | median p50 ms | median p99 ms | worst p99 ms | errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...rows,
        '',
        `${feature} on / off: ${(rps(on) / rps(off)).toFixed(3)} (per round: ${spread(onRatios)})`,
        `control / off (A/A): ${(rps(same) / rps(off)).toFixed(3)} (per round: ${spread(controlRatios)})`,
        Math.abs(cost) <= noise
          ? `verdict: no measurable difference (${(cost * 100).toFixed(1)} % against ${(noise * 100).toFixed(1)} % between two identical servers)`
          : `verdict: ${feature} ${cost > 0 ? 'cost' : 'gained'} ${(Math.abs(cost) * 100).toFixed(1)} %, beyond the ${(noise * 100).toFixed(1)} % two identical servers differed by`,
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
