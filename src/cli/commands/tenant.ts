// zprov tenant add|list|remove
import type { Command } from 'commander';
import { ZprovError } from '../../core/errors.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

interface AddFlags extends StorageFlags {
  readonly name?: string;
  readonly keepAccounts?: boolean;
  readonly deleteContactServices?: boolean;
}

export function registerTenant(program: Command, ctx: CliContext): void {
  const tenant = program
    .command('tenant')
    .description('organisations, each with its own users and provisioning URL');

  storageOptions(
    tenant
      .command('add')
      .description('add a tenant; its phones fetch from /t/<slug>/provision')
      .argument('<slug>', 'URL name: lower-case letters, digits and hyphens')
      .option('--name <name>', 'display name (default: the slug)')
      .option(
        '--keep-accounts',
        "its Provision.xml files keep the phone's own accounts (delete_accounts_beforehand false)",
      )
      .option(
        '--delete-contact-services',
        'its Provision.xml files replace contact services (delete_contact_services_beforehand true)',
      ),
  ).action(async (slug: string, flags: AddFlags) => {
    const added = await withApp(ctx, flags, (app) =>
      app.management.tenants.add({
        slug,
        ...(flags.name === undefined ? {} : { name: flags.name }),
        deleteAccountsBeforehand: flags.keepAccounts !== true,
        deleteContactServicesBeforehand: flags.deleteContactServices === true,
      }),
    );
    ctx.io.stdout(`added tenant ${added.slug}\n`);
  });

  storageOptions(tenant.command('list').description('list tenants').option('--json', 'print JSON')).action(
    async (flags: StorageFlags & { json?: boolean }) => {
      const tenants = await withApp(ctx, flags, (app) => app.management.tenants.list());
      if (flags.json === true) return printJson(ctx, tenants);
      ctx.io.stdout(
        formatTable(
          ['SLUG', 'NAME', 'DELETE ACCOUNTS', 'DELETE CONTACT SERVICES'],
          tenants.map((t) => [
            t.slug,
            t.name,
            String(t.deleteAccountsBeforehand),
            String(t.deleteContactServicesBeforehand),
          ]),
        ),
      );
    },
  );

  storageOptions(
    tenant
      .command('remove')
      .description('remove a tenant with all its groups, users and accounts')
      .argument('<slug>')
      .option('--yes', 'really remove everything in it'),
  ).action(async (slug: string, flags: StorageFlags & { yes?: boolean }) => {
    if (flags.yes !== true)
      throw new ZprovError(
        'invalid_input',
        `removing tenant ${slug} removes all its users and accounts; add --yes`,
        'yes',
      );
    await withApp(ctx, flags, (app) => app.management.tenants.remove(slug));
    ctx.io.stdout(`removed tenant ${slug}\n`);
  });
}
