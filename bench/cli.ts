// npm run bench:cli — how long a management command takes from start to exit, next to `node -e 0`
// measured in the same run (the floor no Node program starts under). Commands run from the built
// binary, bin/zprov.js, against a temp data directory with 300 users, each with one SIP account.
// Options: --runs N (15). Prints a table: median and slowest run of each, and the median over `node -e 0`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';
import { countOption } from './server-bench/processes.js';
import { seedUsers } from './server-bench/seed.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin/zprov.js');
/** A management command's target, from the issue that asked for quick commands. */
const TARGET_RATIO = 4;

function timeRun(args: readonly string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - started;
}

async function main(): Promise<void> {
  const runs = countOption(process.argv.slice(2), '--runs', 15);
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-cli-'));
  try {
    const dataDir = join(dir, 'data');
    await seedUsers(dataDir, 300);
    const cases: [string, string[]][] = [
      ['node -e 0', ['-e', '0']],
      ['zprov --version', [BIN, '--version']],
      ['zprov validate --help', [BIN, 'validate', '--help']],
      ['zprov user list', [BIN, 'user', 'list', '--data-dir', dataDir]],
      ['zprov render bench00001', [BIN, 'render', 'bench00001', '--data-dir', dataDir]],
    ];
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    // Interleaved, so that the machine's drift touches every case alike.
    for (let run = 0; run < runs; run++)
      for (const [name, args] of cases) times.get(name)?.push(timeRun(args));
    const floor = median(times.get('node -e 0') ?? []);
    const rows = [
      '| command | median ms | slowest ms | median / node -e 0 |',
      '| --- | ---: | ---: | ---: |',
      ...cases.map(([name]) => {
        const t = times.get(name) ?? [];
        return `| ${name} | ${median(t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | ${(median(t) / floor).toFixed(2)} |`;
      }),
    ];
    process.stdout.write(`${runs} runs each\n\n${rows.join('\n')}\n\n`);
    for (const name of ['zprov user list', 'zprov render bench00001']) {
      const ratio = median(times.get(name) ?? []) / floor;
      process.stdout.write(
        `${ratio < TARGET_RATIO ? 'met   ' : 'MISSED'}  ${name}: under ${TARGET_RATIO} × node -e 0\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cli failed: ${String(error)}\n`);
  process.exit(1);
});
