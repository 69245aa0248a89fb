// Runs zprov the way users do (the built binary, in a child process) or in-process through main(),
// against real files in a temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { assertBuilt, BIN as bin } from '../client/run-binary.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built binary; `npm test` builds first, a lone `vitest run` needs `npm run build` before it. */
export function runZprov(args: readonly string[], cwd: string): CliRun {
  assertBuilt();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error !== undefined) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export async function runInProcess(args: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

/** A fresh directory per test; the returned function removes it. */
export function makeTempDir(): {
  dir: string;
  write: (name: string, content: string | Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'zprov-cli-'));
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** 1-based line of the first line holding `needle`, so expectations follow the fixture text. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture does not contain ${needle}`);
  return text.slice(0, index).split('\n').length;
}

/** Signs that a failure escaped as a crash rather than a diagnostic. */
export const CRASH = /unexpected failure|\n\s+at .+:\d+:\d+\)?\n|TypeError|RangeError|ReferenceError/;

/**
 * zprov in process against a data directory of its own, fresh for each test of the describe block
 * it is called in: `zprov(...)` runs a command, `ok(...)` runs one that must succeed.
 */
export function cliWithDataDir(): {
  readonly zprov: (...args: string[]) => Promise<CliRun>;
  readonly ok: (...args: string[]) => Promise<CliRun>;
  /** The test's temporary directory (its data directory is `data` inside). */
  readonly tmp: () => ReturnType<typeof makeTempDir>;
} {
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp?.cleanup());
  const current = (): ReturnType<typeof makeTempDir> => {
    if (tmp === undefined) throw new Error('cliWithDataDir: used outside a test');
    return tmp;
  };
  const zprov = (...args: string[]): Promise<CliRun> =>
    runInProcess([...args, '--data-dir', join(current().dir, 'data')], current().dir);
  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await zprov(...args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };
  return { zprov, ok, tmp: current };
}
