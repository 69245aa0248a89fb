// zprov group add|list|remove
import type { Command } from 'commander';
import { formatTable, printJson, tenantScoped, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

type Flags = StorageFlags & { readonly tenant: string; readonly json?: boolean };

export function registerGroup(program: Command, ctx: CliContext): void {
  const group = program.command('group').description('groups of users within a tenant (a profile layer)');

  tenantScoped(group.command('add').description('add a group').argument('<name>')).action(
    async (name: string, flags: Flags) => {
      await withApp(ctx, flags, (app) => app.management.groups.add(flags.tenant, name));
      ctx.io.stdout(`added group ${name} to tenant ${flags.tenant}\n`);
    },
  );

  tenantScoped(
    group.command('list').description("list a tenant's groups").option('--json', 'print JSON'),
  ).action(async (flags: Flags) => {
    const groups = await withApp(ctx, flags, (app) => app.management.groups.list(flags.tenant));
    if (flags.json === true) return printJson(ctx, groups);
    ctx.io.stdout(
      formatTable(
        ['NAME', 'CREATED'],
        groups.map((g) => [g.name, g.createdAt]),
      ),
    );
  });

  tenantScoped(
    group
      .command('remove')
      .description('remove a group (its users stay, without a group)')
      .argument('<name>'),
  ).action(async (name: string, flags: Flags) => {
    await withApp(ctx, flags, (app) => app.management.groups.remove(flags.tenant, name));
    ctx.io.stdout(`removed group ${name} from tenant ${flags.tenant}\n`);
  });
}
