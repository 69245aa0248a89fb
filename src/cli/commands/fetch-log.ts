// zprov fetch-log: recent provisioning requests; zprov status: which phones have not picked up the
// document they would be served now.
import type { Command } from 'commander';
import type { StalenessRow } from '../../services/management/report-admin.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

export function registerFetchLog(program: Command, ctx: CliContext): void {
  storageOptions(
    program
      .command('fetch-log')
      .description(
        'recent provisioning requests, newest first (written by the server in batches, at most ~100 ms late)',
      )
      .option('--tenant <slug>', 'only this tenant (default: every tenant; with --user, "default")')
      .option('--user <username>', 'only this user')
      .option('--limit <n>', 'how many', '50')
      .option('--json', 'print JSON'),
  ).action(
    async (flags: StorageFlags & { tenant?: string; user?: string; limit: string; json?: boolean }) => {
      const limit = /^\d+$/.test(flags.limit) ? Number(flags.limit) : NaN;
      const entries = await withApp(ctx, flags, (app) =>
        app.management.reports.fetchLog({
          limit,
          ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }),
          ...(flags.user === undefined ? {} : { username: flags.user }),
        }),
      );
      if (flags.json === true) return printJson(ctx, entries);
      ctx.io.stdout(
        formatTable(
          ['TIME', 'TENANT', 'USER', 'OUTCOME', 'PASSWORD', 'FROM', 'VIA', 'HASH', 'AGENT'],
          entries.map((e) => [
            e.at,
            e.tenant,
            e.username,
            e.outcome,
            e.passwordUsed ?? '-',
            e.clientAddress,
            e.transport,
            e.documentHash?.slice(0, 12) ?? '-',
            [e.userAgent, e.clientVersion].filter((x) => x !== undefined).join(' ') || '-',
          ]),
        ),
      );
    },
  );

  storageOptions(
    program
      .command('status')
      .description(
        "each user's devices (platform and User-Agent, a row each) against what they would be served " +
          'now: current, stale (an older document), never (not fetched yet), nothing_to_serve, ' +
          'disabled; for a revoked user revoking (still to take the removal) or removed',
      )
      .option('--tenant <slug>', 'only this tenant (default: every tenant)')
      .option('--json', 'print JSON'),
  ).action(async (flags: StorageFlags & { tenant?: string; json?: boolean }) => {
    const rows = await withApp(ctx, flags, (app) => app.management.reports.staleness(flags.tenant));
    printStaleness(ctx, rows, flags.json === true);
  });
}

/** A device as a person reads it: `android (Zoiper/2.10 …)`, or `no device yet`. */
export function deviceLabel(row: StalenessRow): string {
  if (row.device === undefined) return 'no device yet';
  return row.device.userAgent === ''
    ? row.device.platform
    : `${row.device.platform} (${row.device.userAgent})`;
}

/** The staleness report (`zprov status`, `zprov user list --stale`): a table, or JSON. */
export function printStaleness(ctx: CliContext, rows: readonly StalenessRow[], json: boolean): void {
  if (json) return printJson(ctx, rows);
  ctx.io.stdout(
    formatTable(
      ['TENANT', 'USER', 'STATUS', 'LAST FETCH', 'PASSWORD', 'FROM', 'SERVED HASH', 'DEVICE'],
      rows.map((r) => [
        r.tenant,
        r.username,
        r.status,
        r.lastFetchAt ?? '-',
        r.lastPasswordUsed ?? '-',
        r.lastClientAddress ?? '-',
        r.lastHash === undefined ? '-' : r.lastHash.slice(0, 12),
        deviceLabel(r),
      ]),
    ),
  );
}
