// zprov profile create|list|show|delete|set|unset|import|assign|unassign
import type { Command } from 'commander';
import {
  accountItemDocument,
  flattenConfig,
  pathInAccountItem,
  serializeConfig,
  ZOIPER_PLATFORMS,
} from '../../core/index.js';
import { terminalSafe } from '../terminal-text.js';
import { ZprovError } from '../../core/errors.js';
import type { ProfileTarget } from '../../services/management/profile-admin.js';
import type { ProfileAssignments } from '../../services/store.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import { printWarnings, type CliContext } from '../cli-context.js';
import { decodeUtf8Text, readFileBytes, resolvePath } from '../files.js';
import { platformList } from '../platform-flag.js';

interface TargetFlags extends StorageFlags {
  readonly server?: boolean;
  readonly tenant?: string;
  readonly group?: string;
  readonly user?: string;
}

/** --server | --tenant T | --group G [--tenant T] | --user U [--tenant T] */
function target(flags: TargetFlags): ProfileTarget {
  const chosen = [flags.server === true, flags.group !== undefined, flags.user !== undefined].filter(
    Boolean,
  ).length;
  if (chosen > 1 || (chosen === 0 && flags.tenant === undefined))
    throw new ZprovError(
      'invalid_input',
      'say where: --server, --tenant T, --group G [--tenant T] or --user U [--tenant T]',
      'target',
    );
  if (flags.server === true) {
    if (flags.tenant !== undefined)
      throw new ZprovError('invalid_input', '--server takes no --tenant', 'target');
    return { kind: 'server' };
  }
  const tenant = flags.tenant ?? 'default';
  if (flags.group !== undefined) return { kind: 'group', tenant, group: flags.group };
  if (flags.user !== undefined) return { kind: 'user', tenant, username: flags.user };
  return { kind: 'tenant', tenant };
}

function describeTarget(t: ProfileTarget): string {
  switch (t.kind) {
    case 'server':
      return 'server-wide';
    case 'tenant':
      return `tenant ${t.tenant}`;
    case 'group':
      return `group ${t.group} of tenant ${t.tenant}`;
    case 'user':
      return `user ${t.username} of tenant ${t.tenant}`;
  }
}

function describeAssignments(a: ProfileAssignments): string {
  const parts = [
    ...(a.server ? ['server'] : []),
    ...a.tenants.map((t) => `tenant:${t}`),
    ...a.groups.map((g) => `group:${g.tenant}/${g.name}`),
    ...a.users.map((u) => `user:${u.tenant}/${u.username}`),
  ];
  return parts.length === 0 ? '-' : parts.join(' ');
}

const targetOptions = (c: Command): Command =>
  storageOptions(
    c
      .option('--server', 'the server-wide layer (every user)')
      .option('--tenant <slug>', 'a tenant (or the tenant of --group/--user, default "default")')
      .option('--group <name>', 'a group')
      .option('--user <username>', 'a user'),
  );

export function registerProfile(program: Command, ctx: CliContext): void {
  const profile = program
    .command('profile')
    .description('named sets of Config.xml options, layered server -> tenant -> group -> user');

  storageOptions(
    profile.command('create').description('create an empty profile').argument('<profile>'),
  ).action(async (name: string, flags: StorageFlags) => {
    await withApp(ctx, flags, (app) => app.management.profiles.create(name));
    ctx.io.stdout(`created profile ${name}\n`);
  });

  storageOptions(
    profile
      .command('list')
      .description('list profiles and where they are assigned')
      .option('--json', 'print JSON'),
  ).action(async (flags: StorageFlags & { json?: boolean }) => {
    const list = await withApp(ctx, flags, (app) => app.management.profiles.list());
    if (flags.json === true)
      return printJson(
        ctx,
        list.map((p) => ({
          name: p.profile.name,
          updatedAt: p.profile.updatedAt,
          assignments: p.assignments,
        })),
      );
    ctx.io.stdout(
      formatTable(
        ['NAME', 'UPDATED', 'ASSIGNED TO'],
        list.map((p) => [p.profile.name, p.profile.updatedAt, describeAssignments(p.assignments)]),
      ),
    );
  });

  storageOptions(
    profile.command('show').description("print a profile's options as Config.xml").argument('<profile>'),
  ).action(async (name: string, flags: StorageFlags) => {
    const shown = await withApp(ctx, flags, (app) => app.management.profiles.show(name));
    ctx.io.stderr(`# assigned to: ${describeAssignments(shown.assignments)}\n`);
    ctx.io.stdout(serializeConfig(shown.document));
    const defaults = [...flattenConfig(accountItemDocument(shown.accountDefaults))];
    if (defaults.length > 0)
      ctx.io.stderr(
        `# account defaults, for every account of this profile's users:\n${defaults
          .map(([path, value]) => `#   account/${pathInAccountItem(path)} = ${terminalSafe(value.text)}\n`)
          .join('')}`,
      );
    const pins = Object.entries(shown.pins);
    if (pins.length > 0)
      ctx.io.stderr(
        `# pinned, left out of the other platforms' documents:\n${pins
          .map(([path, platforms]) => `#   ${terminalSafe(path)}: ${platforms.join(', ')}\n`)
          .join('')}`,
      );
  });

  storageOptions(
    profile.command('delete').description('delete a profile that is assigned nowhere').argument('<profile>'),
  ).action(async (name: string, flags: StorageFlags) => {
    await withApp(ctx, flags, (app) => app.management.profiles.delete(name));
    ctx.io.stdout(`deleted profile ${name}\n`);
  });

  storageOptions(
    profile
      .command('set')
      .description('set one option by path, e.g. general/auto_away 300')
      .argument('<profile>')
      .argument('<path>', 'section/option path')
      .argument('<value>', 'the value as Config.xml writes it (true/false, numbers, text)')
      .option(
        '--platform <list>',
        `only for these platforms, comma-separated (${ZOIPER_PLATFORMS.join(', ')}); without it, for every platform`,
      ),
  ).action(async (name: string, path: string, value: string, flags: StorageFlags & { platform?: string }) => {
    const platforms = flags.platform === undefined ? undefined : platformList(flags.platform);
    const report = await withApp(ctx, flags, (app) =>
      app.management.profiles.set(name, path, value, platforms),
    );
    printWarnings(ctx, report.warnings);
    if (platforms !== undefined) {
      ctx.io.stdout(`${name}: set ${path} for ${platforms.join(', ')}\n`);
      return;
    }
    ctx.io.stdout(`${name}: set ${path}\n`);
  });

  storageOptions(
    profile
      .command('unset')
      .description('remove one option from a profile')
      .argument('<profile>')
      .argument('<path>'),
  ).action(async (name: string, path: string, flags: StorageFlags) => {
    const report = await withApp(ctx, flags, (app) => app.management.profiles.unset(name, path));
    printWarnings(ctx, report.warnings);
    ctx.io.stdout(`${name}: unset ${path}\n`);
  });

  storageOptions(
    profile
      .command('import')
      .description('take a Config.xml fragment as a profile (every option in it becomes managed)')
      .argument('<profile>')
      .argument('<file>', 'Config.xml or a fragment of it (root <options>)')
      .option('--replace', "replace an existing profile's options with the file's")
      .option('--merge', "lay the file's options over an existing profile's"),
  ).action(
    async (name: string, file: string, flags: StorageFlags & { replace?: boolean; merge?: boolean }) => {
      if (flags.replace === true && flags.merge === true)
        throw new ZprovError('invalid_input', '--replace and --merge exclude each other', 'mode');
      const decoded = decodeUtf8Text(await readFileBytes(resolvePath(ctx.io.cwd, file), file));
      if (!decoded.ok)
        throw new ZprovError(
          'invalid_input',
          `${file}:${decoded.line}:${decoded.column}: ${decoded.message}`,
          file,
        );
      const mode = flags.replace === true ? 'replace' : flags.merge === true ? 'merge' : 'create';
      const report = await withApp(ctx, flags, (app) =>
        app.management.profiles.import(name, decoded.text, mode),
      );
      printWarnings(ctx, report.warnings);
      ctx.io.stdout(
        `${mode === 'create' ? 'imported' : mode === 'replace' ? 'replaced' : 'merged'} profile ${name} from ${file}\n`,
      );
    },
  );

  targetOptions(
    profile.command('assign').description('make a profile the one of a layer').argument('<profile>'),
  ).action(async (name: string, flags: TargetFlags) => {
    const where = target(flags);
    await withApp(ctx, flags, (app) => app.management.profiles.assign(name, where));
    ctx.io.stdout(`assigned profile ${name} to ${describeTarget(where)}\n`);
  });

  targetOptions(profile.command('unassign').description('leave a layer without a profile')).action(
    async (flags: TargetFlags) => {
      const where = target(flags);
      await withApp(ctx, flags, (app) => app.management.profiles.unassign(where));
      ctx.io.stdout(`${describeTarget(where)} has no profile now\n`);
    },
  );
}
