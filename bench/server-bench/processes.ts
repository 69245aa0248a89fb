// Child processes of the benchmark: started pinned to a core, tracked, and all stopped on the way out,
// whether the run succeeds, fails or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const running = new Set<ChildProcess>();

export interface Pinned {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/** Starts `command args` with `taskset -c core`: the pid is the command's own (taskset execs it). */
export function spawnPinned(core: number, command: string, args: readonly string[], cwd?: string): Pinned {
  const child = spawn('taskset', ['-c', String(core), command, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.on('error', (error) => {
      running.delete(child);
      output += `\n${error.message}`;
      resolve('spawn-error');
    });
  });
  return { child, output: () => output, exited };
}

/** Waits until the process prints text matching pattern; fails if it exits first or takes too long. */
export async function waitForOutput(
  p: Pinned,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(p.output());
    if (match !== null) return match;
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`process exited before printing ${pattern}:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${p.output()}`);
    await sleep(50);
  }
}

/** Stops one process: the given signal, then SIGKILL if it is still there after a grace period. */
export async function stop(
  p: Pinned,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<number | string> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    p.child.kill(signal);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
    const code = await p.exited;
    clearTimeout(timer);
    return code;
  }
  return p.exited;
}

/**
 * Kills every process still running, and their children (nginx's worker would outlive a killed
 * master); safe to call more than once.
 */
export function killAll(): void {
  for (const child of running) killTree(child);
  running.clear();
}

/** Kills a process and its descendants, unless it has exited already. */
export function killTree(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  for (const pid of descendants(child.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child.kill('SIGKILL');
}

/** Children, grandchildren, … of a process, from /proc. */
export function descendants(pid: number): number[] {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return [];
  }
  const children = text
    .split(/\s+/)
    .filter((s) => s !== '')
    .map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** Processor time (user + system) a process has used, in seconds, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The whole number after `name` in the arguments, or `fallback` when `name` is absent. */
export function countOption(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
  return n;
}

/**
 * `zprov serve` from the built binary, pinned to `core`, on 127.0.0.1 and a free port, with `args`
 * after the listen flags; under `node --cpu-prof` when a profile directory is given. Resolves once
 * it listens.
 */
export async function startZprov(
  core: number,
  dataDir: string,
  args: readonly string[],
  profileDir?: string,
): Promise<{ server: Pinned; port: number; url: string }> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../../bin/zprov.js', import.meta.url));
  const server = spawnPinned(core, process.execPath, [
    ...(profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir]),
    bin,
    'serve',
    '--data-dir',
    dataDir,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    ...args,
  ]);
  await waitForOutput(server, /listening on http:\/\/\S+/i, 30_000);
  return { server, port, url: `http://127.0.0.1:${port}` };
}
