// Runs wrk (pinned to its own core) with users.lua and reads the summary the script prints.
import { fileURLToPath } from 'node:url';
import { cpuSeconds, spawnPinned, stop, waitForOutput, type Pinned } from './processes.js';

const SCRIPT = fileURLToPath(new URL('./users.lua', import.meta.url));

export interface WrkRun {
  readonly core: number;
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly firstUser: number;
  readonly users: number;
  readonly mode: 'cold' | 'warm';
  /** Request path with %s slots for the user number (username, password). */
  readonly pathTemplate: string;
  /** Pid of the server under test, to measure the processor time it used. */
  readonly serverPids: readonly number[];
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answers with status >= 400. */
  readonly httpErrors: number;
  /** Connect, read, write errors and timeouts. */
  readonly socketErrors: number;
  /** Processor time the server used during the run, seconds. */
  readonly serverCpuSeconds: number;
  /** Requests per second of server processor time: the per-core figure. */
  readonly requestsPerCpuSecond: number;
}

interface LuaSummary {
  requests: number;
  /** Cold runs: /healthz requests of connections that found no user left (not counted as fetches). */
  fillers: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
}

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const cpuBefore = run.serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const wrk = spawnPinned(run.core, 'wrk', [
    '-t1',
    `-c${run.connections}`,
    `-d${run.durationSeconds}s`,
    '--timeout',
    '30s',
    '--latency',
    '-s',
    SCRIPT,
    run.url,
    '--',
    String(run.firstUser),
    String(run.users),
    run.mode,
    run.pathTemplate,
  ]);
  if (run.mode === 'cold') await interruptWhenColdDone(wrk, run.durationSeconds);
  const code = await wrk.exited;
  const cpuAfter = run.serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const line = /zprov-bench: (\{.*\})/.exec(wrk.output());
  if (line === null) throw new Error(`wrk (exit ${code}) printed no summary:\n${wrk.output()}`);
  const s = JSON.parse(line[1] as string) as LuaSummary;
  const seconds = s.durationUs / 1e6;
  const serverCpuSeconds = cpuAfter - cpuBefore;
  const requests = s.requests - s.fillers;
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p50Ms: s.p50Us / 1000,
    p90Ms: s.p90Us / 1000,
    p99Ms: s.p99Us / 1000,
    maxMs: s.maxUs / 1000,
    httpErrors: s.status,
    socketErrors: s.connect + s.read + s.write + s.timeout,
    serverCpuSeconds,
    requestsPerCpuSecond: serverCpuSeconds > 0 ? requests / serverCpuSeconds : 0,
  };
}

/**
 * Rounds against one server as one result: requests, seconds, processor time and errors added up;
 * p50 the median of the rounds' p50s; p90, p99 and max the worst round's (percentiles of separate
 * runs do not combine exactly, and the worst round is the safe side of a latency target).
 */
export function combineRounds(rounds: readonly WrkResult[]): WrkResult {
  if (rounds.length === 0) throw new Error('combineRounds: no rounds');
  const sum = (pick: (r: WrkResult) => number): number => rounds.reduce((total, r) => total + pick(r), 0);
  const worst = (pick: (r: WrkResult) => number): number => Math.max(...rounds.map(pick));
  const p50s = rounds.map((r) => r.p50Ms).sort((a, b) => a - b);
  const requests = sum((r) => r.requests);
  const seconds = sum((r) => r.seconds);
  const serverCpuSeconds = sum((r) => r.serverCpuSeconds);
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p50Ms: p50s[Math.floor((p50s.length - 1) / 2)] as number,
    p90Ms: worst((r) => r.p90Ms),
    p99Ms: worst((r) => r.p99Ms),
    maxMs: worst((r) => r.maxMs),
    httpErrors: sum((r) => r.httpErrors),
    socketErrors: sum((r) => r.socketErrors),
    serverCpuSeconds,
    requestsPerCpuSecond: serverCpuSeconds > 0 ? requests / serverCpuSeconds : 0,
  };
}

/** wrk sleeps for its whole duration; SIGINT ends the run (and prints the summary) as soon as every user was fetched. */
async function interruptWhenColdDone(wrk: Pinned, durationSeconds: number): Promise<void> {
  try {
    await waitForOutput(wrk, /zprov-bench: cold done/, durationSeconds * 1000 + 5000);
  } catch {
    return; // ran out of time or exited: the summary tells how far it got
  }
  await stop(wrk, 'SIGINT');
}
