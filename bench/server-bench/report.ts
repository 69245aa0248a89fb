// The benchmark's closing table and the verdict against the targets.
import type { WrkResult } from './wrk.js';

export const TARGETS = { warmToNginx: 0.3, p99Ms: 10 } as const;

export interface Report {
  readonly users: number;
  readonly connections: number;
  readonly documentBytes: number;
  readonly cold: WrkResult;
  readonly warm: WrkResult;
  readonly nginx: WrkResult;
  /** A bare node:http server with the users in a Map: what Node's HTTP stack allows here. */
  readonly nodeReference: WrkResult;
  /** warm / nginx requests/s in each round (the two measured back to back). */
  readonly warmToNginxByRound: readonly number[];
  readonly serverExit: number | string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

export function formatReport(r: Report): string {
  const rows: [string, WrkResult][] = [
    ['zprov cold (first fetch)', r.cold],
    ['zprov warm (repeat fetch)', r.warm],
    ['node:http + Map reference', r.nodeReference],
    ['nginx static file', r.nginx],
  ];
  const header = [
    'phase',
    'requests',
    'req/s',
    'req/s per core',
    'server CPU',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
  ];
  const lines = rows.map(([name, w]) => [
    name,
    String(w.requests),
    w.requestsPerSecond.toFixed(0),
    w.requestsPerCpuSecond.toFixed(0),
    `${((w.serverCpuSeconds / w.seconds) * 100).toFixed(0)}%`,
    w.p50Ms.toFixed(2),
    w.p99Ms.toFixed(2),
    w.maxMs.toFixed(1),
    `${w.httpErrors} http, ${w.socketErrors} socket`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const row = (cells: string[]) =>
    '| ' +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join(' | ') +
    ' |';
  const ratio = r.warm.requestsPerSecond / r.nginx.requestsPerSecond;
  const errors = r.warm.httpErrors + r.warm.socketErrors + r.cold.httpErrors + r.cold.socketErrors;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    '',
    `${r.users} users, ${r.connections} connections, document ${r.documentBytes} bytes; servers on core 0, wrk on core 1`,
    `warm rows: ${r.warmToNginxByRound.length} rounds (zprov, reference, nginx in turn); p50 the median round's, p99 and max the worst round's`,
    `load average before ${r.loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${r.loadAfter.map((n) => n.toFixed(2)).join(' ')}`,
    '',
    row(header),
    '| ' + widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ') + ' |',
    ...lines.map(row),
    '',
    `warm / nginx requests/s: ${ratio.toFixed(2)} (target >= ${TARGETS.warmToNginx}: ${verdict(ratio >= TARGETS.warmToNginx)})`,
    `warm / nginx by round: ${r.warmToNginxByRound.map((x) => x.toFixed(2)).join(', ')}`,
    `warm p99 (worst round): ${r.warm.p99Ms.toFixed(2)} ms (target < ${TARGETS.p99Ms} ms: ${verdict(r.warm.p99Ms < TARGETS.p99Ms)})`,
    `warm / node:http reference requests/s: ${(r.warm.requestsPerSecond / r.nodeReference.requestsPerSecond).toFixed(2)}; node:http reference / nginx: ${(r.nodeReference.requestsPerSecond / r.nginx.requestsPerSecond).toFixed(2)}`,
    `errors, cold and warm: ${errors} (target 0: ${verdict(errors === 0)})`,
    `cold: ${r.cold.requestsPerCpuSecond.toFixed(1)} first fetches per second of server processor time`,
    `server exit after SIGTERM: ${r.serverExit}`,
    '',
  ].join('\n');
}
