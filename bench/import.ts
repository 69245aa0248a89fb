// npm run bench:import — `zprov import pjsip` on one generated pjsip.conf of 10,000 endpoints (every
// one inheriting from templates, with an auth and an aor of its own), from the built binary: the dry
// run, the first real run (10,000 users and accounts added), and a second run that finds nothing to
// change. Then the same number of rows of zprov's CSV imported through the administration API
// (`zprov serve --admin`, one POST, one transaction): the request's time and the server's peak
// memory. Prints a table of wall time and peak memory (the process's own maxRSS) per run, against
// the targets: under 10 s and under 300 MB each.
// Options: --endpoints N (10000).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countOption, freePort, spawnPinned, stop, waitForOutput } from './server-bench/processes.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin/zprov.js');
const PEAK = pathToFileURL(join(ROOT, 'bench/import-bench/peak-memory.mjs')).href;
const TARGET_SECONDS = 10;
const TARGET_MB = 300;

/** A pjsip.conf as FreePBX-style systems write one: templates, then an endpoint, auth and aor each. */
export function generatePjsipConf(endpoints: number): string {
  const lines = [
    '; generated for bench:import',
    '[transport-tls]',
    'type = transport',
    'protocol = tls',
    'bind = 0.0.0.0:5061',
    '',
    '[phone](!)',
    'type = endpoint',
    'transport = transport-tls',
    'context = from-internal',
    'disallow = all',
    'allow = opus,ulaw,alaw',
    'media_encryption = sdes',
    '',
    '[phone-auth](!)',
    'type = auth',
    'auth_type = userpass',
    '',
    '[phone-aor](!)',
    'type = aor',
    'max_contacts = 1',
    '',
  ];
  for (let i = 0; i < endpoints; i++) {
    const ext = String(100000 + i);
    lines.push(
      `[${ext}](phone)`,
      `auth = ${ext}-auth`,
      `aors = ${ext}`,
      `callerid = "Phone ${ext}" <${ext}>`,
      `[${ext}-auth](phone-auth)`,
      `username = ${ext}`,
      `password = pw-${ext}-${(i * 7919) % 100003}`,
      `[${ext}](phone-aor)`,
      '',
    );
  }
  return lines.join('\n');
}

/** zprov's own CSV: one SIP account per row, each its own user. */
export function generateZprovCsv(rows: number): string {
  const lines = ['key,username,password,domain,codecs,transport'];
  for (let i = 0; i < rows; i++) lines.push(`${200000 + i},${200000 + i},pw-${i},pbx.example.com,opus,tls`);
  return `${lines.join('\n')}\n`;
}

/** One POST of the whole CSV to a started `zprov serve --admin`; the server's peak memory when it stops. */
async function runThroughApi(dir: string, rows: number): Promise<RunResult> {
  const data = ['--data-dir', join(dir, 'api-data')];
  execFileSync(process.execPath, [BIN, 'tenant', 'add', 'api', ...data], { stdio: 'ignore' });
  const token = execFileSync(process.execPath, [
    BIN,
    'token',
    'create',
    'bench',
    '--role',
    'server-admin',
    ...data,
  ])
    .toString('utf8')
    .trim()
    .split('\n')
    .pop() as string;
  const peakFile = join(dir, 'api-peak');
  const adminPort = await freePort();
  process.env['ZPROV_BENCH_PEAK_FILE'] = peakFile;
  const server = spawnPinned(0, process.execPath, [
    '--import',
    PEAK,
    BIN,
    'serve',
    ...data,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--no-metrics',
    '--log-level',
    'warn',
    '--admin',
    '--admin-port',
    String(adminPort),
  ]);
  delete process.env['ZPROV_BENCH_PEAK_FILE'];
  try {
    await waitForOutput(server, /administration API http:\/\/\S+/, 30_000);
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${adminPort}/api/v1/tenants/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv', text: generateZprovCsv(rows), file: 'accounts.csv' }),
    });
    const reply = (await response.json()) as { written?: boolean; plan?: { accounts: { add: unknown[] } } };
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || reply.written !== true)
      throw new Error(
        `the import through the API answered ${response.status}: ${JSON.stringify(reply).slice(0, 500)}`,
      );
    await stop(server);
    const peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
    return {
      seconds,
      peakMb,
      summary: `${reply.plan?.accounts.add.length ?? 0} accounts added in one transaction (server peak)`,
    };
  } finally {
    await stop(server);
  }
}

interface RunResult {
  readonly seconds: number;
  readonly peakMb: number;
  readonly summary: string;
}

function run(dir: string, args: readonly string[]): RunResult {
  const peakFile = join(dir, 'peak');
  rmSync(peakFile, { force: true });
  const started = performance.now();
  const stdout = execFileSync(process.execPath, ['--import', PEAK, BIN, ...args], {
    env: { ...process.env, ZPROV_BENCH_PEAK_FILE: peakFile },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString('utf8');
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
  const summary = stdout.trimEnd().split('\n').pop() ?? '';
  return { seconds, peakMb, summary };
}

async function main(): Promise<void> {
  const endpoints = countOption(process.argv.slice(2), '--endpoints', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-import-'));
  try {
    const conf = join(dir, 'pjsip.conf');
    writeFileSync(conf, generatePjsipConf(endpoints));
    const data = ['--data-dir', join(dir, 'data')];
    execFileSync(process.execPath, [BIN, 'tenant', 'add', 'bench', ...data], { stdio: 'ignore' });
    const common = ['import', 'pjsip', conf, '--tenant', 'bench', '--domain', 'pbx.example.com', ...data];
    const results: [string, RunResult][] = [
      ['dry run', run(dir, [...common, '--dry-run'])],
      ['first run (all added)', run(dir, [...common, '--credentials-out', join(dir, 'credentials.csv')])],
      ['second run (all unchanged)', run(dir, common)],
      [`${endpoints} CSV rows through the API`, await runThroughApi(dir, endpoints)],
    ];
    const rows = [
      '| run | seconds | peak MB | summary |',
      '| --- | ---: | ---: | --- |',
      ...results.map(
        ([name, r]) => `| ${name} | ${r.seconds.toFixed(2)} | ${r.peakMb.toFixed(0)} | ${r.summary} |`,
      ),
    ];
    process.stdout.write(
      `${endpoints} PJSIP endpoints, ${(readFileSync(conf).length / 1e6).toFixed(1)} MB of pjsip.conf\n\n${rows.join('\n')}\n\n`,
    );
    for (const [name, r] of results) {
      const met = r.seconds < TARGET_SECONDS && r.peakMb < TARGET_MB;
      process.stdout.write(
        `${met ? 'met   ' : 'MISSED'}  ${name}: under ${TARGET_SECONDS} s and ${TARGET_MB} MB\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${String(error)}\n`);
  process.exit(1);
});
