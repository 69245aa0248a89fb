// zprov provision-file: the Provision.xml a tenant's phones start with.
import { Option, type Command } from 'commander';
import { collect, secretInput, tenantScoped, withApp, type StorageFlags } from '../admin-session.js';
import { printWarnings, type CliContext } from '../cli-context.js';
import { writeOutput } from '../files.js';

interface ProvisionFlags extends StorageFlags {
  readonly tenant: string;
  readonly url?: string[];
  /** commander admits only the choices. */
  readonly auth: 'url' | 'basic';
  readonly passwordFormat: 'md5' | 'plain';
  readonly user?: string;
  readonly password?: string;
  readonly passwordStdin?: boolean;
  readonly userInput?: boolean;
  readonly keepAccounts?: boolean;
  readonly deleteContactServices?: boolean;
  readonly output?: string;
}

export function registerProvisionFile(program: Command, ctx: CliContext): void {
  tenantScoped(
    program
      .command('provision-file')
      .description("write the Provision.xml that points a tenant's phones at this server")
      .option(
        '--url <base>',
        'public base URL, repeatable in failover order (default: publicUrls, else this host)',
        collect,
      )
      .addOption(
        new Option('--auth <type>', '[user]/[pass] in the URL, or HTTP Basic')
          .choices(['url', 'basic'])
          .default('url'),
      )
      .addOption(
        new Option('--password-format <format>', 'md5: a preset password is written as its MD5 hex')
          .choices(['md5', 'plain'])
          .default('md5'),
      )
      .option('--user <username>', 'preset the credentials of this user in the file')
      .option('--password <password>', "the preset user's current provisioning password (checked)")
      .option('--password-stdin', 'read that password from standard input')
      .option('--user-input', 'the phone asks its user for the credentials (the default without --user)')
      .option('--keep-accounts', 'delete_accounts_beforehand false: the phone keeps accounts it has')
      .option('--delete-contact-services', 'delete_contact_services_beforehand true')
      .option('-o, --output <file>', "write to a file instead of standard output ('-': standard output)"),
  ).action(async (flags: ProvisionFlags) => {
    const password =
      flags.user === undefined
        ? undefined
        : await secretInput(ctx, flags, `Provisioning password of ${flags.user}: `);
    const file = await withApp(ctx, flags, (app) =>
      app.management.provisionFiles.build({
        tenant: flags.tenant,
        ...(flags.url === undefined ? {} : { urls: flags.url }),
        auth: flags.auth,
        passwordFormat: flags.passwordFormat,
        ...(flags.user === undefined ? {} : { user: flags.user }),
        ...(password === undefined ? {} : { password }),
        userInput: flags.userInput === true,
        keepAccounts: flags.keepAccounts === true,
        deleteContactServices: flags.deleteContactServices === true,
      }),
    );
    printWarnings(ctx, file.warnings);
    await writeOutput(ctx.io, flags.output, file.text);
  });
}
