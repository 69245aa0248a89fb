// zprov backup <dir> and zprov restore <dir> [--force]: the database and the key that seals SIP/IAX
// passwords, copied while the server runs, and put back while it does not (src/storage/data-backup.ts).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createBackup, restoreBackup } from '../../storage/data-backup.js';
import { loadCliConfig, storageOptions, type StorageFlags } from '../admin-session.js';
import { printWarnings, type CliContext } from '../cli-context.js';
import { packageVersion } from '../package-version.js';

const describeCounts = (counts: { tenants: number; users: number; accounts: number }): string =>
  `${counts.tenants} tenant(s), ${counts.users} user(s), ${counts.accounts} account(s)`;

export function registerBackup(program: Command, ctx: CliContext): void {
  storageOptions(
    program
      .command('backup')
      .description('copy the database and the secret key into a new directory, also while the server runs')
      .argument('<dir>', 'a new or empty directory (created with mode 0700)'),
  ).action(async (dir: string, flags: StorageFlags) => {
    const config = loadCliConfig(ctx, flags);
    const result = await createBackup(config, resolve(ctx.io.cwd, dir), { zprovVersion: packageVersion() });
    const { manifest } = result;
    ctx.io.stdout(
      `backed up ${describeCounts(manifest.counts)} (schema ${manifest.database.schemaVersion}) ` +
        `into ${result.dir}: ${manifest.files.map((f) => f.name).join(', ')} and manifest.json\n`,
    );
    printWarnings(ctx, result.warnings);
  });

  storageOptions(
    program
      .command('restore')
      .description('put a backup in place as the database and secret key (the server must be stopped)')
      .argument('<dir>', 'a directory written by zprov backup')
      .option('--force', 'replace an existing database and key file (never one a running server uses)'),
  ).action(async (dir: string, flags: StorageFlags & { force?: boolean }) => {
    const config = loadCliConfig(ctx, flags);
    const result = await restoreBackup(config, resolve(ctx.io.cwd, dir), {
      force: flags.force === true,
      zprovVersion: packageVersion(),
    });
    const { manifest } = result;
    ctx.io.stdout(
      `restored ${describeCounts(manifest.counts)} from the backup of ${manifest.createdAt} ` +
        `(zprov ${manifest.zprovVersion}) into ${result.databasePath}` +
        `${result.keyPath === undefined ? '' : ` and ${result.keyPath}`}\n`,
    );
    printWarnings(ctx, result.warnings);
  });
}
