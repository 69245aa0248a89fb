// zprov user add|list|show|update|disable|enable|remove|set-password
import type { Command } from 'commander';
import {
  formatTable,
  printJson,
  secretInput,
  tenantScoped,
  withApp,
  type StorageFlags,
} from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { onPreviousPassword, type StalenessRow } from '../../services/management/report-admin.js';
import { deviceLabel, printStaleness } from './fetch-log.js';
import { DEFAULT_VALID_HOURS } from '../../services/management/enrolments.js';
import { terminalSafe } from '../terminal-text.js';

interface TenantFlags extends StorageFlags {
  readonly tenant: string;
  readonly json?: boolean;
}

interface PasswordFlags extends TenantFlags {
  readonly password?: string;
  readonly passwordStdin?: boolean;
}

const withPassword = (c: Command): Command =>
  c
    .option(
      '--password <password>',
      'the provisioning password (visible to other local users; prefer --password-stdin)',
    )
    .option('--password-stdin', 'read the password from the first line of standard input');

export function registerUser(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('the provisioning credentials phones send');

  withPassword(
    tenantScoped(
      user
        .command('add')
        .description(
          'add a user; without a password one is asked for at a terminal, else generated and printed once',
        )
        .argument('<username>')
        .option('--display-name <name>', 'name shown to administrators (default: the username)')
        .option('--group <name>', 'put the user in a group')
        .option('--disabled', 'add the user disabled'),
    ),
  ).action(
    async (
      username: string,
      flags: PasswordFlags & { displayName?: string; group?: string; disabled?: boolean },
    ) => {
      const password = await secretInput(ctx, flags, 'Provisioning password (empty: generate one): ');
      const added = await withApp(ctx, flags, (app) =>
        app.management.users.add({
          tenant: flags.tenant,
          username,
          ...(flags.displayName === undefined ? {} : { displayName: flags.displayName }),
          ...(flags.group === undefined ? {} : { group: flags.group }),
          enabled: flags.disabled !== true,
          ...(password === undefined ? { generatePassword: true } : { password }),
        }),
      );
      ctx.io.stdout(`added user ${added.user.username} to tenant ${flags.tenant}\n`);
      if (added.generatedPassword !== undefined)
        ctx.io.stdout(`provisioning password (shown once): ${added.generatedPassword}\n`);
    },
  );

  tenantScoped(
    user
      .command('list')
      .description("list a tenant's users")
      .option('--group <name>', 'only this group')
      .option(
        '--stale',
        'only devices that have not picked up the document they would get now (a row per device)',
      )
      .option(
        '--on-previous-password',
        'only users whose password was changed and whose phone has not fetched with the new one yet ' +
          '(they need their new Provision.xml before --revoke-old)',
      )
      .option('--json', 'print JSON'),
  ).action(async (flags: TenantFlags & { group?: string; stale?: boolean; onPreviousPassword?: boolean }) => {
    if (flags.stale === true || flags.onPreviousPassword === true) {
      const rows = await withApp(ctx, flags, (app) => app.management.reports.staleness(flags.tenant));
      return printStaleness(
        ctx,
        rows.filter(
          (r) =>
            (flags.stale !== true ||
              r.status === 'stale' ||
              r.status === 'never' ||
              r.status === 'revoking') &&
            (flags.onPreviousPassword !== true || onPreviousPassword(r)),
        ),
        flags.json === true,
      );
    }
    const users = await withApp(ctx, flags, async (app) => {
      const list = await app.management.users.list(
        flags.tenant,
        flags.group === undefined ? {} : { group: flags.group },
      );
      const groups = new Map((await app.management.groups.list(flags.tenant)).map((g) => [g.id, g.name]));
      return list.map((u) => ({ ...u, group: u.groupId === undefined ? undefined : groups.get(u.groupId) }));
    });
    if (flags.json === true)
      return printJson(
        ctx,
        users.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          enabled: u.enabled,
          group: u.group,
        })),
      );
    ctx.io.stdout(
      formatTable(
        ['USERNAME', 'ENABLED', 'GROUP', 'DISPLAY NAME'],
        users.map((u) => [u.username, u.enabled ? 'yes' : 'no', u.group ?? '-', u.displayName]),
      ),
    );
  });

  tenantScoped(
    user
      .command('show')
      .description("show a user, their accounts and each device's last fetch")
      .argument('<username>')
      .option('--json', 'print JSON'),
  ).action(async (username: string, flags: TenantFlags) => {
    const shown = await withApp(ctx, flags, async (app) => {
      // The user first: a missing one is reported as such, not by whichever other read fails first.
      const found = await app.management.users.get(flags.tenant, username);
      const [accounts, groups, status] = await Promise.all([
        app.management.accounts.list(flags.tenant, username),
        app.management.groups.list(flags.tenant),
        app.management.reports.userStatus(flags.tenant, username),
      ]);
      return { found, accounts, group: groups.find((g) => g.id === found.groupId)?.name, status };
    });
    const view = {
      username: shown.found.username,
      tenant: flags.tenant,
      displayName: shown.found.displayName,
      enabled: shown.found.enabled,
      revokedAt: shown.found.revokedAt,
      group: shown.group,
      ownProfile: shown.found.profileId !== undefined,
      accounts: shown.accounts.map((a) => ({ ident: a.ident, protocol: a.protocol, default: a.isDefault })),
      devices: shown.status,
    };
    if (flags.json === true) return printJson(ctx, view);
    ctx.io.stdout(
      [
        `user:          ${view.username} (tenant ${view.tenant})`,
        `display name:  ${view.displayName}`,
        `enabled:       ${view.enabled ? 'yes' : 'no'}`,
        ...(view.revokedAt === undefined
          ? []
          : [`revoked:       ${view.revokedAt} (each device is sent the removal of its accounts once)`]),
        `group:         ${view.group ?? '-'}`,
        `accounts:      ${view.accounts.map((a) => `${a.ident} (${a.protocol}${a.default ? ', default' : ''})`).join(', ') || '-'}`,
        ...view.devices.flatMap((d) => [
          terminalSafe(
            `device:        ${deviceLabel(d)}: ${d.status}${d.lastFetchAt === undefined ? '' : `, last fetch ${d.lastFetchAt} from ${d.lastClientAddress ?? '?'}`}`,
          ),
          `  password:    ${passwordLine(d)}`,
        ]),
      ].join('\n') + '\n',
    );
  });

  tenantScoped(
    user
      .command('update')
      .description("change a user's display name or group")
      .argument('<username>')
      .option('--display-name <name>')
      .option('--group <name>', 'move the user to this group')
      .option('--no-group', 'take the user out of their group'),
  ).action(
    async (username: string, flags: TenantFlags & { displayName?: string; group?: string | false }) => {
      await withApp(ctx, flags, (app) =>
        app.management.users.update(flags.tenant, username, {
          ...(flags.displayName === undefined ? {} : { displayName: flags.displayName }),
          ...(flags.group === undefined ? {} : { group: flags.group === false ? null : flags.group }),
        }),
      );
      ctx.io.stdout(`updated user ${username}\n`);
    },
  );

  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    tenantScoped(
      user
        .command(name)
        .description(
          enabled
            ? "enable a user's provisioning (and take back a revocation)"
            : "disable a user's provisioning: refused, while each phone keeps what it has (see revoke)",
        )
        .argument('<username>'),
    ).action(async (username: string, flags: TenantFlags) => {
      await withApp(ctx, flags, (app) => app.management.users.setEnabled(flags.tenant, username, enabled));
      ctx.io.stdout(`${name}d user ${username}\n`);
    });
  }

  tenantScoped(
    user
      .command('revoke')
      .description(
        "take a user's accounts off their phones: each device's next fetch gets a document that " +
          'removes them, later fetches are refused; `user enable` takes it back',
      )
      .argument('<username>'),
  ).action(async (username: string, flags: TenantFlags) => {
    const devices = await withApp(ctx, flags, async (app) => {
      await app.management.users.revoke(flags.tenant, username);
      return app.management.reports.userStatus(flags.tenant, username);
    });
    const pending = devices.filter((d) => d.status === 'revoking');
    ctx.io.stdout(
      `revoked user ${username}: ${pending.length} device${pending.length === 1 ? '' : 's'} to remove the accounts from` +
        (pending.length === 0 ? '' : terminalSafe(` (${pending.map(deviceLabel).join(', ')})`)) +
        '; `zprov status` shows each one turn removed\n',
    );
  });

  tenantScoped(
    user
      .command('enrol')
      .description(
        'make a one-time link for the user: it shows their settings once (Provision.xml for Desktop, ' +
          'username and password for the apps), then stops working; --token: a link for the branded ' +
          "apps' token provisioning instead. The link holds no password.",
      )
      .argument('<username>')
      .option('--token', "a Zoiper OEM token link (needs the tenant's --oem-provider-id)")
      .option('--valid-hours <hours>', 'how long it works if unused', String(DEFAULT_VALID_HOURS)),
  ).action(async (username: string, flags: TenantFlags & { token?: boolean; validHours: string }) => {
    const hours = Number(flags.validHours);
    const offer = await withApp(ctx, flags, (app) =>
      app.management.enrolments.create(
        flags.tenant,
        username,
        flags.token === true ? 'token' : 'link',
        hours,
      ),
    );
    ctx.io.stderr(`one-time ${offer.kind} for ${username}, valid until ${offer.expiresAt}:\n`);
    ctx.io.stdout(`${offer.link}\n`);
  });

  tenantScoped(
    user.command('remove').description('remove a user and their accounts').argument('<username>'),
  ).action(async (username: string, flags: TenantFlags) => {
    await withApp(ctx, flags, (app) => app.management.users.remove(flags.tenant, username));
    ctx.io.stdout(`removed user ${username}\n`);
  });

  withPassword(
    tenantScoped(
      user
        .command('set-password')
        .description('set a new provisioning password; the old one keeps working for the rotation window')
        .argument('<username>')
        .option('--revoke-old', 'the old password stops working at once'),
    ),
  ).action(async (username: string, flags: PasswordFlags & { revokeOld?: boolean }) => {
    const password = await secretInput(ctx, flags, 'New provisioning password (empty: generate one): ');
    const change = await withApp(ctx, flags, (app) =>
      app.management.users.setPassword(flags.tenant, username, password, {
        revokeOld: flags.revokeOld === true,
      }),
    );
    ctx.io.stdout(`set a new password for ${username}\n`);
    if (change.generatedPassword !== undefined)
      ctx.io.stdout(`provisioning password (shown once): ${change.generatedPassword}\n`);
    if (change.previousValidUntil !== undefined)
      ctx.io.stdout(`the previous password keeps working until ${change.previousValidUntil}\n`);
  });
}

/** Which password the phone last proved, and whether an old one still works. */
function passwordLine(status: StalenessRow | undefined): string {
  const last =
    status?.lastPasswordUsed === undefined
      ? 'not known from a fetch'
      : status.lastPasswordUsed === 'replaced'
        ? 'its last fetch used a password replaced since: the phone cannot log in'
        : `${status.lastPasswordUsed} at the last fetch`;
  if (status?.previousPasswordUntil === undefined) return last;
  return onPreviousPassword(status)
    ? `${last}; the previous one works until ${status.previousPasswordUntil}: this phone needs its new Provision.xml before --revoke-old`
    : `${last}; the previous one works until ${status.previousPasswordUntil}, this phone no longer needs it`;
}
