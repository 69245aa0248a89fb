// The server's metrics: the provisioning use case's events (ProvisioningObserver) counted into plain
// numbers as they happen, and turned into prom-client metrics only when /metrics is scraped, so a
// phone's fetch pays a map look-up and a few array writes (prom-client's labelled inc() builds a
// label hash on every call). prom-client's default process metrics come with them, all but one: the
// GC durations, whose observer runs at every garbage collection of a busy server.
import { createRequire } from 'node:module';
import { Counter, Registry } from 'prom-client';
import type { FetchOutcome } from '../services/provisioning-contract.js';
import type { LockoutScope, ProvisioningObserver } from '../services/provisioning-observer.js';
import { TalliedHistogram } from './tallied-histogram.js';

const requireCommonJs = createRequire(import.meta.url);

/**
 * prom-client's default metrics (its lib/metrics modules, as collectDefaultMetrics registers them)
 * except `gc`: a PerformanceObserver called at every collection, which a warm server under load runs
 * many times a second. With it the metrics-on server's median p99 was 6.5 ms against 3.7 ms without
 * metrics (bench:metrics); without it the two could not be told apart. Everything else is read when
 * scraped, but for the event-loop delay monitor (a native timer every 10 ms).
 */
const PROCESS_METRICS = [
  'processCpuTotal',
  'processStartTime',
  'osMemoryHeap',
  'processOpenFileDescriptors',
  'processMaxFileDescriptors',
  'eventLoopLag',
  'processResources',
  'processHandles',
  'processRequests',
  'heapSizeAndUsed',
  'heapSpacesSizeAndUsed',
  'version',
] as const;

type DefaultMetric = (registry: Registry, config: { eventLoopMonitoringPrecision: number }) => void;

function registerProcessMetrics(registry: Registry): void {
  for (const name of PROCESS_METRICS) {
    const register = requireCommonJs(`prom-client/lib/metrics/${name}.js`) as DefaultMetric;
    register(registry, { eventLoopMonitoringPrecision: 10 });
  }
}

/** Every outcome, in a fixed order: a fetch's count is one slot of its tenant's row. */
const OUTCOME_INDEX: Readonly<Record<FetchOutcome, number>> = {
  served: 0,
  missing_credentials: 1,
  unknown_user: 2,
  wrong_password: 3,
  disabled: 4,
  locked_out: 5,
  nothing_to_serve: 6,
  busy: 7,
  internal_error: 8,
  removed: 9,
  revoked: 10,
};
const OUTCOMES = Object.keys(OUTCOME_INDEX) as FetchOutcome[];

/** The tenant label of fetches that named no existing tenant; no tenant slug can look like it. */
export const NO_TENANT = '(none)';

/** From half a millisecond (a repeat fetch takes far less) to the slow hash and beyond. */
export const FETCH_SECONDS_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export class ServerMetrics implements ProvisioningObserver {
  readonly registry = new Registry();
  /** Per tenant label: one count per outcome, in OUTCOME_INDEX order. */
  private readonly fetches = new Map<string, Float64Array>();
  private readonly duration = new TalliedHistogram({
    name: 'zprov_fetch_duration_seconds',
    help: 'Time from a fetch reaching the provisioning service to its answer',
    buckets: FETCH_SECONDS_BUCKETS,
  });
  private readonly lockouts: Record<LockoutScope, number> = { username: 0, address: 0 };
  private readonly loginLookups = { hit: 0, miss: 0 };
  private readonly documentLookups = { hit: 0, miss: 0 };
  private readonly audit = { buffered: 0, written: 0, dropped: 0 };
  private readonly databaseErrors = new Map<string, number>();

  constructor() {
    registerProcessMetrics(this.registry);
    this.registry.registerMetric(this.duration);
    const fetches = this.fetches;
    this.counter(
      'zprov_fetches_total',
      'Provisioning fetches by how they ended',
      ['tenant', 'outcome'],
      (set) => {
        for (const [tenant, row] of fetches)
          OUTCOMES.forEach((outcome, i) => set({ tenant, outcome }, row[i] as number));
      },
    );
    this.counter('zprov_lockouts_total', 'Usernames and client addresses locked out', ['scope'], (set) => {
      for (const scope of ['username', 'address'] as const) set({ scope }, this.lockouts[scope]);
    });
    this.counter(
      'zprov_login_cache_hits_total',
      'Fetches whose credentials were found among the remembered logins (no slow hash)',
      [],
      (set) => set({}, this.loginLookups.hit),
    );
    this.counter(
      'zprov_login_cache_misses_total',
      'Fetches whose credentials were not remembered (checked against the stored hash, or refused)',
      [],
      (set) => set({}, this.loginLookups.miss),
    );
    this.counter(
      'zprov_document_cache_hits_total',
      "Users' documents found rendered for the current data generation",
      [],
      (set) => set({}, this.documentLookups.hit),
    );
    this.counter(
      'zprov_document_cache_misses_total',
      "Users' documents loaded and rendered because none was",
      [],
      (set) => set({}, this.documentLookups.miss),
    );
    this.counter('zprov_audit_entries_buffered_total', 'Audit entries recorded in memory', [], (set) =>
      set({}, this.audit.buffered),
    );
    this.counter('zprov_audit_entries_written_total', 'Audit entries written to the database', [], (set) =>
      set({}, this.audit.written),
    );
    this.counter(
      'zprov_audit_entries_dropped_total',
      'Audit entries given up because the audit log could not be written',
      [],
      (set) => set({}, this.audit.dropped),
    );
    this.counter(
      'zprov_database_errors_total',
      'Storage calls that failed, by repository and method',
      ['operation'],
      (set) => {
        for (const [operation, count] of this.databaseErrors) set({ operation }, count);
      },
    );
  }

  fetched(outcome: FetchOutcome, tenant: string | undefined, seconds: number): void {
    const label = tenant ?? NO_TENANT;
    let row = this.fetches.get(label);
    if (row === undefined) this.fetches.set(label, (row = new Float64Array(OUTCOMES.length)));
    row[OUTCOME_INDEX[outcome]] = (row[OUTCOME_INDEX[outcome]] as number) + 1;
    this.duration.record(seconds);
  }

  lockedOut(scope: LockoutScope): void {
    this.lockouts[scope] += 1;
  }

  loginCache(hit: boolean): void {
    if (hit) this.loginLookups.hit += 1;
    else this.loginLookups.miss += 1;
  }

  documentCache(hit: boolean): void {
    if (hit) this.documentLookups.hit += 1;
    else this.documentLookups.miss += 1;
  }

  auditBuffered(): void {
    this.audit.buffered += 1;
  }

  auditWritten(entries: number): void {
    this.audit.written += entries;
  }

  auditDropped(entries: number): void {
    this.audit.dropped += entries;
  }

  databaseError(operation: string): void {
    this.databaseErrors.set(operation, (this.databaseErrors.get(operation) ?? 0) + 1);
  }

  /** A counter whose values are copied from the tallies above each time it is scraped. */
  private counter<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: (set: (labels: Partial<Record<L, string>>, value: number) => void) => void,
  ): void {
    new Counter<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        read((labels, value) => this.inc(labels, value));
      },
    });
  }
}
