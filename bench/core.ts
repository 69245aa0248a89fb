// Benchmark of the pure core: time per operation (parse, validate, overlay, serialize) on a
// 1,000-account provisioning reply and on an ordinary one-account Config.xml, peak memory of one full
// pass, and libxml2's own parse time for the same files (xmllint --timing) as the yardstick.
// Run: npm run bench:core (builds, then measures dist/). Timings are medians after a warm-up; other load on the machine shows up
// in them, so quote figures from a quiet run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Core from '../src/core/index.js';
import type { ConfigDocument, OverlayOptions } from '../src/core/index.js';
import { manyAccountsConfig, typicalConfig } from './config-generator.js';
import { measure, median, type Timing } from './measure.js';
import { xmllintOnce, xmllintParse, xmllintRepeat, type XmllintTiming } from './xmllint.js';

// The build in dist/ is measured, as `zprov` runs it (the script builds first): the same source run
// through a development loader can be twice as slow, which would say nothing about zprov.
const { overlay, parseConfig, serializeConfig, validateConfig } = (await import(
  new URL('../dist/core/index.js', import.meta.url).href
)) as typeof Core;

/** Accounts are matched by ident, the costlier of the two overlay rules. */
const OVERLAY_OPTIONS: OverlayOptions = { deleteAccountsBeforehand: false };

interface Case {
  readonly label: string;
  readonly file: string;
  readonly bytes: number;
  /** Target for parse + validate + overlay, as a multiple of xmllint's parse time or in ms. */
  readonly target: { readonly ratio: number } | { readonly ms: number };
}

interface Result {
  readonly parse: Timing;
  readonly validate: Timing;
  readonly overlay: Timing;
  readonly serialize: Timing;
  readonly pipeline: Timing;
  readonly xmllint: XmllintTiming | undefined;
  /** Median of per-round ratios p+v+o / xmllint parse, measured alternately. */
  readonly interleaved: number;
  readonly memory: MemoryProbe;
}

const LOCAL = typicalConfig('local-1');

function mustParse(text: string): ConfigDocument {
  const { document, diagnostics } = parseConfig(text);
  const errors = [...diagnostics, ...(document ? validateConfig(document) : [])].filter(
    (d) => d.severity === 'error',
  );
  if (document === undefined || errors.length > 0) {
    throw new Error(`benchmark input is not a valid Config.xml: ${errors[0]?.message ?? 'no document'}`);
  }
  return document;
}

function benchCase(c: Case): Result {
  const text = readFileSync(c.file, 'utf8');
  const local = mustParse(LOCAL);
  const remote = mustParse(text);
  const merged = overlay(local, remote, OVERLAY_OPTIONS);
  const xmllint = xmllintParse(c.file);
  return {
    parse: measure(() => parseConfig(text)),
    validate: measure(() => validateConfig(remote)),
    overlay: measure(() => overlay(local, remote, OVERLAY_OPTIONS)),
    serialize: measure(() => serializeConfig(merged)),
    pipeline: measure(() => pipeline(local, text)),
    xmllint,
    interleaved:
      xmllint === undefined
        ? Number.NaN
        : interleavedRatio(c.file, () => passWithoutWriting(local, text), xmllint.parseMs < 5),
    memory: probeMemory(c.file),
  };
}

/** Parse, validate and overlay: what the ratio to xmllint's parse is about. */
function passWithoutWriting(local: ConfigDocument, text: string): ConfigDocument {
  const { document } = parseConfig(text);
  if (document === undefined) throw new Error('unparseable');
  validateConfig(document);
  return overlay(local, document, OVERLAY_OPTIONS);
}

/** Everything a provisioning reply goes through: read, judge, lay over the local file, write. */
function pipeline(local: ConfigDocument, text: string): string {
  const { document } = parseConfig(text);
  if (document === undefined) throw new Error('unparseable');
  validateConfig(document);
  return serializeConfig(overlay(local, document, OVERLAY_OPTIONS));
}

// ---- libxml2 ----------------------------------------------------------------------------------

/**
 * The ratio measured in alternating rounds (one xmllint parse, then a few zprov passes), so both
 * sides see the same load from whatever else runs on the machine. Files that xmllint parses in
 * under 5 ms are timed with --repeat, since its whole-millisecond reading is too coarse there.
 */
function interleavedRatio(file: string, pvo: () => unknown, coarse: boolean, rounds = 11): number {
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const x = coarse ? xmllintRepeat(file) : xmllintOnce(file);
    if (x === undefined || x <= 0) continue;
    const z = measure(pvo, { warmupMs: 0, minTimeMs: 0, minSamples: 5, maxSamples: 5 }).median;
    ratios.push(z / x);
  }
  return ratios.length === 0 ? Number.NaN : median(ratios);
}

// ---- memory -----------------------------------------------------------------------------------

interface MemoryProbe {
  /** Peak resident set size during one pass, above the process before it. */
  readonly peakRssDelta: number;
  /** False when the pass stayed under the process's earlier peak: peakRssDelta is then an upper bound. */
  readonly peakRaised: boolean;
  /** Heap in use right after the pass, before any collection: roughly what the pass allocated. */
  readonly heapDelta: number;
  /** Heap still held after a full collection while the documents are kept: the size of the models. */
  readonly retainedDelta: number;
}

/** Runs one pass in a fresh process so earlier benchmarks do not hide its peak. */
function probeMemory(file: string): MemoryProbe {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', self, '--memory-probe', file],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`memory probe failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as MemoryProbe;
}

function memoryProbeChild(file: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  const text = readFileSync(file, 'utf8');
  const local = mustParse(LOCAL);
  pipeline(local, LOCAL); // load and compile every code path first
  gc();
  gc();
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const { document } = parseConfig(text);
  const diagnostics = validateConfig(document as ConfigDocument);
  const merged = overlay(local, document as ConfigDocument, OVERLAY_OPTIONS);
  const written = serializeConfig(merged);
  const after = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc();
  gc();
  const retained = process.memoryUsage();
  const keep = [document, diagnostics, merged, written];
  process.stdout.write(
    JSON.stringify({
      peakRssDelta: Math.max(0, peakRss - before.rss),
      peakRaised: peakRss > peakBefore,
      heapDelta: after.heapUsed - before.heapUsed,
      retainedDelta: retained.heapUsed - before.heapUsed,
      kept: keep.length,
    }),
  );
}

// ---- report -----------------------------------------------------------------------------------

const ms = (n: number): string =>
  Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function report(cases: readonly Case[], results: readonly Result[]): string {
  const timing = table(
    ['file', 'size', 'parse', 'validate', 'overlay', 'serialize', 'sum', 'one pass', 'spread p10–p90 (sum)'],
    cases.map((c, i) => {
      const r = results[i] as Result;
      const ops = [r.parse, r.validate, r.overlay, r.serialize];
      const sum = ops.reduce((t, o) => t + o.median, 0);
      return [
        c.label,
        `${(c.bytes / 1024).toFixed(0)} kB`,
        ...ops.map((o) => ms(o.median)),
        ms(sum),
        ms(r.pipeline.median),
        `${ms(ops.reduce((t, o) => t + o.p10, 0))}–${ms(ops.reduce((t, o) => t + o.p90, 0))}`,
      ];
    }),
  );
  const versus = table(
    [
      'file',
      'p+v+o (zprov)',
      'xmllint parse',
      'xmllint --repeat',
      'ratio',
      'interleaved',
      'target',
      'met',
      'peak RSS Δ',
      'heap Δ',
      'retained',
    ],
    cases.map((c, i) => {
      const r = results[i] as Result;
      const pvo = r.parse.median + r.validate.median + r.overlay.median;
      const sum = pvo + r.serialize.median;
      const x = r.xmllint;
      // whole-millisecond readings under 5 ms are too coarse; the --repeat average is used there
      const yardstick = x === undefined ? Number.NaN : x.parseMs >= 5 ? x.parseMs : x.repeatMs;
      const ratio = pvo / yardstick;
      const met = 'ratio' in c.target ? r.interleaved <= c.target.ratio : sum < c.target.ms;
      return [
        c.label,
        ms(pvo),
        x === undefined ? 'n/a' : `${x.parseMs} ms`,
        x === undefined ? 'n/a' : ms(x.repeatMs),
        Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a',
        Number.isFinite(r.interleaved) ? `${r.interleaved.toFixed(2)}x` : 'n/a',
        'ratio' in c.target ? `≤ ${c.target.ratio}x xmllint` : `sum < ${c.target.ms} ms`,
        met ? 'yes' : 'NO',
        `${r.memory.peakRaised ? '' : '≤ '}${mb(r.memory.peakRssDelta)}`,
        mb(r.memory.heapDelta),
        mb(r.memory.retainedDelta),
      ];
    }),
  );
  return `${timing}\n\n${versus}\n`;
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-'));
  try {
    const big = manyAccountsConfig(1000);
    const small = typicalConfig('acct-1');
    const cases: Case[] = [
      {
        label: '1,000 accounts',
        file: join(dir, 'many-accounts.xml'),
        bytes: Buffer.byteLength(big),
        target: { ratio: 3 },
      },
      {
        label: 'one account',
        file: join(dir, 'one-account.xml'),
        bytes: Buffer.byteLength(small),
        target: { ms: 2 },
      },
    ];
    writeFileSync(cases[0]!.file, big);
    writeFileSync(cases[1]!.file, small);
    process.stdout.write(
      `zprov core benchmark — node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n` +
        `times in ms per operation (median); overlay lays each file over a one-account local Config.xml,\n` +
        `matching accounts by ident; p+v+o = parse + validate + overlay; ratio = p+v+o / xmllint parse\n` +
        `(medians; under 5 ms xmllint's --repeat figure); interleaved = median ratio over rounds that\n` +
        `alternate one xmllint parse with a few zprov passes (fairer when the machine is busy; 'met' uses it)\n\n`,
    );
    const results = cases.map(benchCase);
    process.stdout.write(report(cases, results));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--memory-probe') memoryProbeChild(process.argv[3] as string);
else await run();
