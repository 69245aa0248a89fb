// libxml2's own parse time, as `xmllint --timing` reports it: the yardstick for the core benchmark.
import { spawnSync } from 'node:child_process';
import { median } from './measure.js';

export interface XmllintTiming {
  /** Median of "Parsing took N ms" over several runs (whole milliseconds, as xmllint prints them). */
  readonly parseMs: number;
  /** xmllint --repeat: 100 parses (and frees) in one process, per parse; finer than whole ms. */
  readonly repeatMs: number;
}

/** One run's "Parsing took N ms", or undefined when xmllint is missing or fails. */
export function xmllintOnce(file: string): number | undefined {
  const out = spawnSync('xmllint', ['--timing', '--noout', file], { encoding: 'utf8' });
  if (out.error !== undefined || out.status !== 0) return undefined;
  const m = /Parsing took (\d+) ms/.exec(out.stderr);
  return m === null ? undefined : Number(m[1]);
}

/** Milliseconds per parse from one `--repeat` run (100 parses). */
export function xmllintRepeat(file: string): number | undefined {
  const out = spawnSync('xmllint', ['--timing', '--noout', '--repeat', file], { encoding: 'utf8' });
  if (out.error !== undefined || out.status !== 0) return undefined;
  const m = /(\d+) iterations took (\d+) ms/.exec(out.stderr);
  return m === null ? undefined : Number(m[2]) / Number(m[1]);
}

export function xmllintParse(file: string, runs = 9): XmllintTiming | undefined {
  const once: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = xmllintOnce(file);
    if (ms === undefined) return undefined;
    once.push(ms);
  }
  const repeated: number[] = [];
  for (let i = 0; i < 3; i++) {
    const ms = xmllintRepeat(file);
    if (ms !== undefined) repeated.push(ms);
  }
  return { parseMs: median(once), repeatMs: repeated.length > 0 ? median(repeated) : Number.NaN };
}
