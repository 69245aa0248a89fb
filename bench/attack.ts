// npm run bench:attack — the provisioning server under attack, on loopback only, each phase bounded in
// time. The server runs pinned to core 0; this process sends from many loopback addresses (127.x.y.z
// all reach the local host), so the server sees many clients. Phases:
//   flood: wrong logins with random (unknown) usernames from 127.1.0.0/16 at 100, 300 and 1,000 a
//          second, --flood-seconds each (20), while known phones (typed passwords: scrypt) make five
//          first fetches a second, each from its own address, and fifty repeat fetches a second;
//   burst: 1,000 concurrent guesses at one known user from one address, then 1,000 at random known
//          users from another: how many reached the password check (answered 401);
//   boot storm: --boot-users users (10000) with passwords as zprov generates them (keyed HMAC), the
//          server restarted, all fetching at once over 200 connections.
// Options: --flood-seconds S (20), --boot-users N (10000), --keep (keep the temp dir),
//          --profile DIR (run the server under node --cpu-prof, a profile per server start in DIR).
// Needs taskset (util-linux). Prints a table; targets from the issue are checked at the end.
import { execFileSync } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killAll, sleep, stop, countOption, startZprov } from './server-bench/processes.js';
import { BENCH_PASSWORD, benchUsername, seedUsers } from './server-bench/seed.js';

const SERVER_CORE = 0;
const LOAD_CORE = 1;
/** Known phones with typed (scrypt) passwords: bench00001 … */
const TYPED_USERS = 1000;
/** Boot-storm phones with generated (keyed) passwords start here. */
const KEYED_FIRST = 10_001;
const REQUEST_TIMEOUT_MS = 10_000;

interface Options {
  readonly floodSeconds: number;
  readonly bootUsers: number;
  readonly keep: boolean;
  readonly profileDir: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => countOption(argv, name, fallback);
  return {
    floodSeconds: value('--flood-seconds', 20),
    bootUsers: value('--boot-users', 10_000),
    keep: argv.includes('--keep'),
    profileDir: argv.includes('--profile') ? resolve(argv[argv.indexOf('--profile') + 1] ?? '.') : undefined,
  };
}

interface Reply {
  readonly status: number; // 0: no answer (connection error or timeout)
  readonly ms: number;
}

/**
 * One attacker's GET from `localAddress` on a new connection, written raw and read only as far as the
 * status code: a lean tool, as an attacker's would be, so that this process's own HTTP client does not
 * crowd out the phones it also measures.
 */
function rawGet(port: number, path: string, localAddress: string): Promise<number> {
  return new Promise((resolveStatus) => {
    let head = '';
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      if (head.length < 12) head += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolveStatus(Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1] ?? 0)));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

/** One phone's GET from `localAddress`, on a new connection unless an agent is given. */
function get(port: number, path: string, localAddress: string, agent?: Agent): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolveReply) => {
    const done = (status: number): void => resolveReply({ status, ms: performance.now() - started });
    const req = httpRequest(
      { host: '127.0.0.1', port, path, localAddress, agent: agent ?? false, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
    req.end();
  });
}

const fetchPath = (username: string, password: string): string =>
  `/provision?user=${encodeURIComponent(username)}&pass=${encodeURIComponent(password)}`;

/** A loopback address from a number: 127.<net>.<n / 250 + 1>.<n % 250 + 1>. */
const loopback = (net: number, n: number): string =>
  `127.${net}.${(Math.floor(n / 250) % 250) + 1}.${(n % 250) + 1}`;

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const startServer = (dataDir: string, profileDir: string | undefined) =>
  startZprov(SERVER_CORE, dataDir, ['--log-level', 'error'], profileDir);

interface FloodRow {
  readonly rate: number;
  readonly attacks: number;
  readonly attackAnswered: number;
  readonly first: Reply[];
  readonly repeat: Reply[];
}

/** One flood phase: attackers at `rate` a second while known phones fetch. */
async function flood(port: number, rate: number, seconds: number, nextUser: () => number): Promise<FloodRow> {
  const first: Reply[] = [];
  const repeat: Reply[] = [];
  const fetched: number[] = [];
  const pending: Promise<unknown>[] = [];
  let attacks = 0;
  let attackAnswered = 0;
  const phoneAgent = new Agent({ keepAlive: true, maxSockets: 50 });
  const started = performance.now();
  for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
    const due = Math.round(((tick + 1) * rate) / 100) - Math.round((tick * rate) / 100);
    for (let i = 0; i < due; i++) {
      attacks += 1;
      const stranger = `x${Math.random().toString(36).slice(2, 10)}`;
      pending.push(
        rawGet(port, fetchPath(stranger, 'guess123'), loopback(1, Math.floor(Math.random() * 60_000))).then(
          (status) => {
            if (status !== 0) attackAnswered += 1;
          },
        ),
      );
    }
    if (tick % 20 === 0) {
      // A new phone: its first fetch, from its own address.
      const user = nextUser();
      pending.push(
        get(port, fetchPath(benchUsername(user), BENCH_PASSWORD), loopback(2, user)).then((r) => {
          first.push(r);
          if (r.status === 200) fetched.push(user);
        }),
      );
    }
    if (tick % 2 === 0 && fetched.length > 0) {
      const user = fetched[Math.floor(Math.random() * fetched.length)] as number;
      pending.push(
        get(port, fetchPath(benchUsername(user), BENCH_PASSWORD), loopback(2, user), phoneAgent).then((r) =>
          repeat.push(r),
        ),
      );
    }
    const wait = started + (tick + 1) * 10 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(pending);
  phoneAgent.destroy();
  return { rate, attacks, attackAnswered, first, repeat };
}

/** `count` concurrent guesses from one address; how many reached the password check (401). */
async function burst(
  port: number,
  address: string,
  username: (i: number) => string,
): Promise<Record<number, number>> {
  const replies = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => get(port, fetchPath(username(i), `guess-${i}`), address)),
  );
  const byStatus: Record<number, number> = {};
  for (const r of replies) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return byStatus;
}

async function bootStorm(port: number, users: number): Promise<{ replies: Reply[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 200 });
  const started = performance.now();
  const replies = await Promise.all(
    Array.from({ length: users }, (_, i) =>
      get(port, fetchPath(benchUsername(KEYED_FIRST + i), BENCH_PASSWORD), '127.0.0.1', agent),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { replies, seconds };
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(1));
const failures = (replies: readonly Reply[]): number => replies.filter((r) => r.status !== 200).length;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // This process (every thread of it) sends from core 1, away from the server on core 0.
  execFileSync('taskset', ['-a', '-p', '-c', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'zprov-attack-'));
  const cleanup = (): void => {
    killAll();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const dataDir = join(dir, 'data');
    process.stdout.write(
      `seeding ${TYPED_USERS} phones with typed passwords, ${options.bootUsers} with generated ones ...\n`,
    );
    await seedUsers(dataDir, TYPED_USERS);
    await seedUsers(dataDir, options.bootUsers, { keyed: true, firstUser: KEYED_FIRST });

    let { server, port } = await startServer(dataDir, options.profileDir);
    let next = 0;
    const floods: FloodRow[] = [];
    for (const rate of [100, 300, 1000]) {
      process.stdout.write(`flood: ${rate} wrong logins a second for ${options.floodSeconds} s ...\n`);
      floods.push(await flood(port, rate, options.floodSeconds, () => ((next += 1), next)));
    }

    process.stdout.write('burst: 1,000 concurrent guesses at one user, then at random users ...\n');
    const oneUser = await burst(port, '127.3.0.1', () => benchUsername(TYPED_USERS));
    const randomUsers = await burst(port, '127.3.0.2', () =>
      benchUsername(1 + Math.floor(Math.random() * (TYPED_USERS - 1))),
    );

    process.stdout.write(
      `boot storm: restarting, then ${options.bootUsers} phones at once over 200 connections ...\n`,
    );
    await stop(server);
    ({ server, port } = await startServer(dataDir, options.profileDir));
    const boot = await bootStorm(port, options.bootUsers);
    await stop(server);

    const rows = [
      '| phase | attacks sent | answered | first fetches | first p50 ms | first p99 ms | first failed | repeat fetches | repeat p99 ms | repeat failed |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...floods.map((f) =>
        [
          `flood ${f.rate}/s`,
          f.attacks,
          f.attackAnswered,
          f.first.length,
          ms(
            percentile(
              f.first.map((r) => r.ms),
              50,
            ),
          ),
          ms(
            percentile(
              f.first.map((r) => r.ms),
              99,
            ),
          ),
          failures(f.first),
          f.repeat.length,
          ms(
            percentile(
              f.repeat.map((r) => r.ms),
              99,
            ),
          ),
          failures(f.repeat),
        ].join(' | '),
      ),
    ].map((line) => (line.startsWith('|') ? line : `| ${line} |`));
    process.stdout.write(`\n${rows.join('\n')}\n\n`);
    process.stdout.write(
      [
        '| burst | 401 (checked) | 429 (locked out) | 503 (busy) | connection closed |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...(
          [
            ['one user, one address', oneUser],
            ['random users, one address', randomUsers],
          ] as const
        ).map(([name, by]) => {
          const other = 1000 - (by[401] ?? 0) - (by[429] ?? 0) - (by[503] ?? 0);
          return `| ${name} | ${by[401] ?? 0} | ${by[429] ?? 0} | ${by[503] ?? 0} | ${other} |`;
        }),
      ].join('\n') + '\n\n',
    );
    const bootMs = boot.replies.map((r) => r.ms);
    process.stdout.write(
      `boot storm: ${options.bootUsers} phones served in ${boot.seconds.toFixed(1)} s ` +
        `(${(options.bootUsers / boot.seconds).toFixed(0)} a second), p50 ${ms(percentile(bootMs, 50))} ms, ` +
        `p99 ${ms(percentile(bootMs, 99))} ms, ${failures(boot.replies)} failed\n\n`,
    );

    const worst = floods[floods.length - 1] as FloodRow;
    const checks: [string, boolean][] = [
      [
        'flood 1,000/s: first fetches p99 < 1 s, none failed',
        percentile(
          worst.first.map((r) => r.ms),
          99,
        ) < 1000 && failures(worst.first) === 0,
      ],
      [
        'flood 1,000/s: repeat fetches p99 < 10 ms, none failed',
        percentile(
          worst.repeat.map((r) => r.ms),
          99,
        ) < 10 && failures(worst.repeat) === 0,
      ],
      ['burst at one user: at most 5 guesses checked', (oneUser[401] ?? 0) <= 5],
      ['burst from one address: at most 50 guesses checked', (randomUsers[401] ?? 0) <= 50],
      ['boot storm: all served within 60 s, none failed', boot.seconds < 60 && failures(boot.replies) === 0],
    ];
    for (const [name, met] of checks) process.stdout.write(`${met ? 'met   ' : 'MISSED'}  ${name}\n`);
    if (options.profileDir !== undefined) process.stdout.write(`server profiles in ${options.profileDir}\n`);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:attack failed: ${String(error)}\n`);
  killAll();
  process.exit(1);
});
