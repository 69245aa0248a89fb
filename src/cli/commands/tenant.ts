// zprov tenant add|update|list|remove
import type { Command } from 'commander';
import type { PhoneParamNames } from '../../core/index.js';
import { ZprovError } from '../../core/errors.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

interface PhoneFlags {
  readonly language?: string;
  readonly usernameParam?: string;
  readonly passwordParam?: string;
  readonly versionParam?: string;
}

interface AddFlags extends StorageFlags, PhoneFlags {
  readonly name?: string;
  readonly keepAccounts?: boolean;
  readonly deleteContactServices?: boolean;
}

interface UpdateFlags extends StorageFlags, PhoneFlags {
  readonly name?: string;
  readonly defaultParams?: boolean;
}

/** What a tenant's phones are told and send: the same flags on add and update. */
function phoneOptions(command: Command): Command {
  return command
    .option('--language <code>', 'language of the error texts its phones show: en (default) or ru')
    .option('--username-param <name>', "URL parameter its phones send the username in (besides zprov's)")
    .option('--password-param <name>', 'URL parameter its phones send the password in')
    .option('--version-param <name>', "URL parameter its apps send the version in (Zoiper's sample: v)");
}

/** The names the flags give; undefined when no flag names one. */
function phoneParams(flags: PhoneFlags): PhoneParamNames | undefined {
  const names = {
    ...(flags.usernameParam === undefined ? {} : { username: flags.usernameParam }),
    ...(flags.passwordParam === undefined ? {} : { password: flags.passwordParam }),
    ...(flags.versionParam === undefined ? {} : { version: flags.versionParam }),
  };
  return Object.keys(names).length === 0 ? undefined : names;
}

const paramsShown = (names: PhoneParamNames): string =>
  (['username', 'password', 'version'] as const)
    .filter((role) => names[role] !== undefined)
    .map((role) => `${role}=${names[role] ?? ''}`)
    .join(' ') || '-';

export function registerTenant(program: Command, ctx: CliContext): void {
  const tenant = program
    .command('tenant')
    .description('organisations, each with its own users and provisioning URL');

  storageOptions(
    phoneOptions(
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
    ),
  ).action(async (slug: string, flags: AddFlags) => {
    const names = phoneParams(flags);
    const added = await withApp(ctx, flags, (app) =>
      app.management.tenants.add({
        slug,
        ...(flags.name === undefined ? {} : { name: flags.name }),
        deleteAccountsBeforehand: flags.keepAccounts !== true,
        deleteContactServicesBeforehand: flags.deleteContactServices === true,
        ...(flags.language === undefined ? {} : { language: flags.language }),
        ...(names === undefined ? {} : { phoneParams: names }),
      }),
    );
    ctx.io.stdout(`added tenant ${added.slug}\n`);
  });

  storageOptions(
    phoneOptions(
      tenant
        .command('update')
        .description("change a tenant's name or what its phones are told and send")
        .argument('<slug>')
        .option('--name <name>', 'display name'),
    )
      .option('--default-params', "its phones send zprov's parameter names only (drops the tenant's own)")
      .option('--oem-provider-id <id>', "its branded apps' provider id in Zoiper's OEM portal (token links)")
      .option('--no-oem-provider-id', 'forget the OEM provider id'),
  ).action(async (slug: string, flags: UpdateFlags & { oemProviderId?: string | false }) => {
    const names = phoneParams(flags);
    if (names !== undefined && flags.defaultParams === true)
      throw new ZprovError(
        'invalid_input',
        '--default-params drops the parameter names the other flags set',
        'default-params',
      );
    const updated = await withApp(ctx, flags, (app) =>
      app.management.tenants.update(slug, {
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.language === undefined ? {} : { language: flags.language }),
        // The names given replace the tenant's: one not given again is dropped.
        ...(names === undefined ? {} : { phoneParams: names }),
        ...(flags.defaultParams === true ? { phoneParams: {} } : {}),
        ...(flags.oemProviderId === undefined
          ? {}
          : { oemProviderId: flags.oemProviderId === false ? null : flags.oemProviderId }),
      }),
    );
    ctx.io.stdout(
      `updated tenant ${updated.slug}: language ${updated.language}, parameters ${paramsShown(updated.phoneParams)}\n`,
    );
  });

  storageOptions(tenant.command('list').description('list tenants').option('--json', 'print JSON')).action(
    async (flags: StorageFlags & { json?: boolean }) => {
      const tenants = await withApp(ctx, flags, (app) => app.management.tenants.list());
      if (flags.json === true) return printJson(ctx, tenants);
      ctx.io.stdout(
        formatTable(
          ['SLUG', 'NAME', 'DELETE ACCOUNTS', 'DELETE CONTACT SERVICES', 'LANGUAGE', 'PARAMETERS'],
          tenants.map((t) => [
            t.slug,
            t.name,
            String(t.deleteAccountsBeforehand),
            String(t.deleteContactServicesBeforehand),
            t.language,
            paramsShown(t.phoneParams),
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
