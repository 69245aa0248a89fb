// zprov provision-file: the provision.xml a tenant's phones start with.
import type { Command } from 'commander';
import { ZprovError } from '../../services/errors.js';
import { collect, secretInput, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { writeOutput } from '../files.js';

interface ProvisionFlags extends StorageFlags {
  readonly tenant: string;
  readonly url?: string[];
  readonly auth: string;
  readonly passwordFormat: string;
  readonly user?: string;
  readonly password?: string;
  readonly passwordStdin?: boolean;
  readonly userInput?: boolean;
  readonly keepAccounts?: boolean;
  readonly deleteContactServices?: boolean;
  readonly output?: string;
}

export function registerProvisionFile(program: Command, ctx: CliContext): void {
  storageOptions(
    program
      .command('provision-file')
      .description("write the provision.xml that points a tenant's phones at this server")
      .option('--tenant <slug>', 'tenant', 'default')
      .option(
        '--url <base>',
        'public base URL, repeatable in failover order (default: publicUrls, else this host)',
        collect,
      )
      .option('--auth <type>', 'url ([user]/[pass] in the URL) or basic (HTTP Basic)', 'url')
      .option(
        '--password-format <format>',
        'md5 (the preset password is written as its MD5 hex) or plain',
        'md5',
      )
      .option('--user <username>', 'preset the credentials of this user in the file')
      .option('--password <password>', "the preset user's current provisioning password (checked)")
      .option('--password-stdin', 'read that password from standard input')
      .option('--user-input', 'the phone asks its user for the credentials (the default without --user)')
      .option('--keep-accounts', 'delete_accounts_beforehand false: the phone keeps accounts it has')
      .option('--delete-contact-services', 'delete_contact_services_beforehand true')
      .option('-o, --output <file>', "write to a file instead of standard output ('-': standard output)"),
  ).action(async (flags: ProvisionFlags) => {
    if (flags.auth !== 'url' && flags.auth !== 'basic')
      throw new ZprovError('invalid_input', `--auth: '${flags.auth}' is not url or basic`, 'auth');
    if (flags.passwordFormat !== 'md5' && flags.passwordFormat !== 'plain')
      throw new ZprovError(
        'invalid_input',
        `--password-format: '${flags.passwordFormat}' is not md5 or plain`,
        'password-format',
      );
    const password =
      flags.user === undefined
        ? undefined
        : await secretInput(ctx, flags, `Provisioning password of ${flags.user}: `);
    const file = await withApp(ctx, flags, (app) =>
      app.management.provisionFiles.build({
        tenant: flags.tenant,
        ...(flags.url === undefined ? {} : { urls: flags.url }),
        auth: flags.auth as 'url' | 'basic',
        passwordFormat: flags.passwordFormat as 'md5' | 'plain',
        ...(flags.user === undefined ? {} : { user: flags.user }),
        ...(password === undefined ? {} : { password }),
        userInput: flags.userInput === true,
        keepAccounts: flags.keepAccounts === true,
        deleteContactServices: flags.deleteContactServices === true,
      }),
    );
    for (const warning of file.warnings) ctx.io.stderr(`zprov: warning: ${warning}\n`);
    await writeOutput(ctx.io, flags.output, file.text);
  });
}
