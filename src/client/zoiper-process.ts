// Is Zoiper running? A phone that is running keeps its configuration in memory and writes it back
// on exit, so a Config.xml replaced under it may be overwritten. Each OS is asked its own way:
// Linux /proc/<pid>/comm, Windows `tasklist`, macOS `pgrep`.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesktopOs } from './zoiper-locations.js';

export interface ProcessCheck {
  readonly running: boolean;
  /** Matching process names (with pid where known). */
  readonly matches: readonly string[];
  /** How the check was made, or why it could not be. */
  readonly method: string;
}

export type ProcessProbe = () => Promise<ProcessCheck>;

const ZOIPER = /^zoiper/i;

/** Linux: every /proc/<pid>/comm whose name starts with "zoiper" (any case). `procRoot` for tests. */
export async function linuxProcessCheck(procRoot = '/proc'): Promise<ProcessCheck> {
  const method = `${procRoot}/*/comm`;
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch {
    return { running: false, matches: [], method: `${method} (unreadable)` };
  }
  const matches: string[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(join(procRoot, entry, 'comm'), 'utf8').catch(() => '');
    const name = comm.trim();
    if (ZOIPER.test(name)) matches.push(`${name} (pid ${entry})`);
  }
  return { running: matches.length > 0, matches, method };
}

/** Windows: `tasklist /FO CSV /NH`, image names starting with "zoiper". */
export async function windowsProcessCheck(): Promise<ProcessCheck> {
  const method = 'tasklist';
  const output = await run('tasklist', ['/FO', 'CSV', '/NH']);
  if (output === undefined) return { running: false, matches: [], method: `${method} (failed)` };
  const matches = output
    .split(/\r?\n/)
    .map((line) => /^"([^"]*)","(\d+)"/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && ZOIPER.test(m[1] ?? ''))
    .map((m) => `${m[1] ?? ''} (pid ${m[2] ?? ''})`);
  return { running: matches.length > 0, matches, method };
}

/** macOS: `pgrep -il zoiper` (exit status 1 means none). */
export async function macosProcessCheck(): Promise<ProcessCheck> {
  const method = 'pgrep';
  const output = await run('pgrep', ['-il', 'zoiper'], [1]);
  if (output === undefined) return { running: false, matches: [], method: `${method} (failed)` };
  const matches = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [pid, ...name] = l.split(/\s+/);
      return `${name.join(' ')} (pid ${pid ?? ''})`;
    });
  return { running: matches.length > 0, matches, method };
}

export function processProbeFor(os: DesktopOs): ProcessProbe {
  switch (os) {
    case 'linux':
      return () => linuxProcessCheck();
    case 'windows':
      return windowsProcessCheck;
    case 'macos':
      return macosProcessCheck;
  }
}

/** stdout of a command, '' for an accepted non-zero exit, undefined when it cannot run. */
function run(
  command: string,
  args: readonly string[],
  emptyExitCodes: readonly number[] = [],
): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, [...args], { timeout: 10_000, windowsHide: true }, (error, stdout) => {
      if (error === null) resolve(stdout);
      else if (typeof error.code === 'number' && emptyExitCodes.includes(error.code)) resolve('');
      else resolve(undefined);
    });
  });
}
