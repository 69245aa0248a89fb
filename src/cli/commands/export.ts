// zprov export: a tenant's accounts in zprov's own CSV or JSON columns, what `zprov import csv|json`
// reads back onto the same accounts. No secret leaves unless asked for.
import { Option, type Command } from 'commander';
import { formatZprovCsv, formatZprovJson } from '../../core/index.js';
import { tenantScoped, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { writeOutput } from '../files.js';

interface ExportFlags extends StorageFlags {
  readonly tenant: string;
  readonly format: 'csv' | 'json';
  readonly includeSecrets?: boolean;
  readonly output?: string;
}

export function registerExport(program: Command, ctx: CliContext): void {
  tenantScoped(
    program
      .command('export')
      .description("a tenant's accounts as zprov's CSV or JSON (what zprov import csv|json reads)")
      .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
      .option('--include-secrets', "write each account's SIP/IAX password too")
      .option('-o, --output <file>', "write to a file instead of standard output ('-': standard output)"),
  ).action(async (flags: ExportFlags) => {
    const includeSecrets = flags.includeSecrets === true;
    const rows = await withApp(ctx, flags, (app) =>
      app.management.exports.rows(flags.tenant, { includeSecrets }),
    );
    const text =
      flags.format === 'json'
        ? formatZprovJson(rows, { includeSecrets })
        : formatZprovCsv(rows, { includeSecrets });
    await writeOutput(
      ctx.io,
      flags.output,
      text,
      includeSecrets ? ' (it holds SIP passwords: keep it safe)' : '',
    );
  });
}
