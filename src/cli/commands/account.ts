// zprov account add|list|show|update|remove|set-default
import type { Command } from 'commander';
import { serializeAccountItem, optionIn, REGISTRAR_OPTION, ZprovError } from '../../core/index.js';
import type { AccountChanges, AccountView } from '../../services/management/account-admin.js';
import type { AccountProtocol } from '../../services/model.js';
import {
  collect,
  formatTable,
  printJson,
  secretInput,
  storageOptions,
  tenantOption,
  tenantScoped,
  withApp,
  type StorageFlags,
} from '../admin-session.js';
import { printWarnings, type CliContext } from '../cli-context.js';

interface AccountFlags extends StorageFlags {
  readonly protocol?: string;
  readonly username?: string;
  /** A string, false for --no-password, true (commander's default once --no-password exists) for neither. */
  readonly password?: string | boolean;
  readonly passwordStdin?: boolean;
  readonly domain?: string;
  readonly name?: string;
  readonly codecs?: string;
  readonly set?: string[];
  readonly unset?: string[];
  readonly default?: boolean;
}

const accountOptions = (c: Command): Command =>
  storageOptions(
    c
      .option('--protocol <protocol>', 'sip or iax2')
      .option('--username <name>', 'the SIP/IAX username')
      .option('--password <password>', 'the SIP/IAX password (stored encrypted; prefer --password-stdin)')
      .option('--password-stdin', 'read the SIP/IAX password from the first line of standard input')
      .option('--domain <host>', 'registrar: SIP_domain for SIP, IAX2_host for IAX2 (host[:port])')
      .option('--name <name>', "the account's name in the phone (default username@domain)")
      .option(
        '--codecs <list>',
        'codecs in order of preference, by name or id: opus,g722,pcmu,pcma or 37,7,0,6',
      )
      .option(
        '--set <path=value>',
        'any account option, e.g. SIP_transport_type=tls, stun/use_stun=custom (repeatable)',
        collect,
      )
      .option('--default', "make it the user's default account (general/account)"),
  );

async function changes(ctx: CliContext, flags: AccountFlags): Promise<AccountChanges> {
  // --no-password clears the stored one, unless a password comes on standard input all the same.
  const password =
    flags.password === false && flags.passwordStdin !== true
      ? null
      : await secretInput(
          ctx,
          {
            password: typeof flags.password === 'string' ? flags.password : undefined,
            passwordStdin: flags.passwordStdin,
          },
          undefined,
        );
  const set = (flags.set ?? []).map((entry): readonly [string, string] => {
    const at = entry.indexOf('=');
    if (at <= 0) throw new ZprovError('invalid_input', `--set '${entry}': write path=value`, 'set');
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
  return {
    ...(flags.protocol === undefined ? {} : { protocol: flags.protocol as AccountProtocol }),
    ...(flags.username === undefined ? {} : { username: flags.username }),
    ...(password === undefined ? {} : { password }),
    ...(flags.domain === undefined ? {} : { domain: flags.domain }),
    ...(flags.name === undefined ? {} : { name: flags.name }),
    ...(flags.codecs === undefined ? {} : { codecs: flags.codecs }),
    ...(set.length === 0 ? {} : { set }),
    ...(flags.unset === undefined ? {} : { unset: flags.unset }),
    ...(flags.default === true ? { isDefault: true } : {}),
  };
}

const stringOption = (view: AccountView, path: string): string | undefined => {
  const value = optionIn(view.item, path);
  return value === undefined ? undefined : String(value);
};

const TENANT_CHECK = 'tenant of the account (optional: idents are unique; checked when given)';

/** SIP_domain for SIP, IAX2_host for IAX2: where the account registers. */
const registrar = (view: AccountView): string | undefined =>
  stringOption(view, REGISTRAR_OPTION[view.protocol]);

const summary = (view: AccountView): Record<string, unknown> => ({
  ident: view.ident,
  tenant: view.tenant,
  user: view.username,
  protocol: view.protocol,
  username: stringOption(view, 'username'),
  domain: registrar(view),
  name: stringOption(view, 'name'),
  position: view.position,
  default: view.isDefault,
  password: view.hasPassword ? 'set' : 'none',
  enabled: view.enabled,
  source: view.sourceKey ?? null,
});

export function registerAccount(program: Command, ctx: CliContext): void {
  const account = program.command('account').description("SIP and IAX2 accounts served to a user's phone");

  accountOptions(
    tenantOption(
      account
        .command('add')
        .description('add an account to a user; it gets a stable ident the phone keeps it by')
        .argument('<user>', 'provisioning username'),
      'tenant of the user',
    ),
  ).action(async (username: string, flags: AccountFlags & { tenant: string }) => {
    const input = await changes(ctx, flags);
    const view = await withApp(ctx, flags, (app) =>
      app.management.accounts.add(flags.tenant, username, input),
    );
    printWarnings(ctx, view.warnings);
    ctx.io.stdout(
      `added ${view.protocol} account ${view.ident} to ${username}${view.isDefault ? ' (default)' : ''}\n`,
    );
  });

  tenantScoped(
    account
      .command('list')
      .description("list a user's accounts in order")
      .argument('<user>')
      .option('--json', 'print JSON'),
  ).action(async (username: string, flags: StorageFlags & { tenant: string; json?: boolean }) => {
    const views = await withApp(ctx, flags, (app) => app.management.accounts.list(flags.tenant, username));
    if (flags.json === true) return printJson(ctx, views.map(summary));
    ctx.io.stdout(
      formatTable(
        ['IDENT', 'PROTOCOL', 'USERNAME', 'DOMAIN', 'DEFAULT', 'PASSWORD', 'NAME'],
        views.map((v) => [
          v.ident,
          v.protocol,
          stringOption(v, 'username') ?? '',
          registrar(v) ?? '',
          v.isDefault ? 'yes' : '',
          v.hasPassword ? 'set' : 'none',
          stringOption(v, 'name') ?? '',
        ]),
      ),
    );
  });

  storageOptions(
    account
      .command('show')
      .description("print an account's options (password not shown)")
      .argument('<ident>')
      .option('--tenant <slug>', TENANT_CHECK),
  ).action(async (ident: string, flags: StorageFlags & { tenant?: string }) => {
    const view = await withApp(ctx, flags, (app) => app.management.accounts.show(ident, flags.tenant));
    ctx.io.stderr(
      `# ${view.protocol} account of ${view.username} (tenant ${view.tenant})${view.isDefault ? ', default' : ''}; password ${view.hasPassword ? 'set' : 'none'}\n`,
    );
    ctx.io.stdout(serializeAccountItem(view.item));
  });

  accountOptions(
    account
      .command('update')
      .description('change an account; its ident stays')
      .argument('<ident>')
      .option('--unset <path>', 'remove an account option (repeatable)', collect)
      .option('--no-password', 'remove the stored password')
      .option('--tenant <slug>', TENANT_CHECK),
  ).action(async (ident: string, flags: AccountFlags & { tenant?: string }) => {
    const input = await changes(ctx, flags);
    const view = await withApp(ctx, flags, (app) =>
      app.management.accounts.update(ident, input, flags.tenant),
    );
    printWarnings(ctx, view.warnings);
    ctx.io.stdout(`updated account ${view.ident}\n`);
  });

  storageOptions(
    account
      .command('remove')
      .description('remove an account')
      .argument('<ident>')
      .option('--tenant <slug>', TENANT_CHECK),
  ).action(async (ident: string, flags: StorageFlags & { tenant?: string }) => {
    await withApp(ctx, flags, (app) => app.management.accounts.remove(ident, flags.tenant));
    ctx.io.stdout(`removed account ${ident}\n`);
  });

  storageOptions(
    account
      .command('set-default')
      .description("make an account the user's default (general/account)")
      .argument('<ident>')
      .option('--tenant <slug>', TENANT_CHECK),
  ).action(async (ident: string, flags: StorageFlags & { tenant?: string }) => {
    await withApp(ctx, flags, (app) => app.management.accounts.setDefault(ident, flags.tenant));
    ctx.io.stdout(`account ${ident} is the default now\n`);
  });
}
