// zprov token create|list|revoke: tokens of the administration API.
import { Option, type Command } from 'commander';
import { ADMIN_ROLES } from '../../services/model.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

export function registerToken(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('tokens of the administration API (REST)');

  storageOptions(
    token
      .command('create')
      .description('make a token; it is printed once, alone on the last line, and stored only hashed')
      .argument('<name>', 'what the change history and the logs call it')
      .addOption(
        new Option('--role <role>', 'what it may do').choices([...ADMIN_ROLES]).makeOptionMandatory(),
      )
      .option('--tenant <slug>', 'the one tenant it may see (required for tenant-admin)'),
  ).action(async (name: string, flags: StorageFlags & { role: string; tenant?: string }) => {
    const created = await withApp(ctx, flags, (app) =>
      app.management.tokens.create(name, flags.role, flags.tenant),
    );
    const scope = created.view.tenant === undefined ? 'every tenant' : `tenant ${created.view.tenant}`;
    ctx.io.stderr(`created ${created.view.role} token ${name} for ${scope}; it is shown this once:\n`);
    ctx.io.stdout(`${created.token}\n`);
  });

  storageOptions(
    token.command('list').description('the tokens, without their secrets').option('--json', 'print JSON'),
  ).action(async (flags: StorageFlags & { json?: boolean }) => {
    const views = await withApp(ctx, flags, (app) => app.management.tokens.list());
    if (flags.json === true) return printJson(ctx, views);
    ctx.io.stdout(
      formatTable(
        ['NAME', 'ROLE', 'TENANT', 'CREATED', 'LAST USED'],
        views.map((v) => [v.name, v.role, v.tenant ?? '*', v.createdAt, v.lastUsedAt ?? 'never']),
      ),
    );
  });

  storageOptions(
    token.command('revoke').description('delete a token: it stops working at once').argument('<name>'),
  ).action(async (name: string, flags: StorageFlags) => {
    await withApp(ctx, flags, (app) => app.management.tokens.revoke(name));
    ctx.io.stdout(`revoked token ${name}\n`);
  });
}
