// zprov admin add|list|remove|set-password: the people who sign in to the web pages under /admin/.
import { Option, type Command } from 'commander';
import { ZprovError } from '../../core/errors.js';
import { ADMIN_ROLES } from '../../services/model.js';
import {
  formatTable,
  printJson,
  secretInput,
  storageOptions,
  withApp,
  type StorageFlags,
} from '../admin-session.js';
import type { CliContext } from '../cli-context.js';

interface PasswordFlags extends StorageFlags {
  readonly passwordStdin?: boolean;
}

/** The password from standard input, or asked for at a terminal; never from the command line. */
async function passwordOf(ctx: CliContext, flags: PasswordFlags): Promise<string> {
  const password = await secretInput(ctx, { passwordStdin: flags.passwordStdin === true }, 'Password: ');
  if (password === undefined)
    throw new ZprovError('invalid_input', 'password: give it with --password-stdin', 'password');
  return password;
}

export function registerAdmin(program: Command, ctx: CliContext): void {
  const admin = program
    .command('admin')
    .description('people who sign in to the web pages (/admin/ on the admin address)');

  storageOptions(
    admin
      .command('add')
      .description('let a person sign in, with the roles API tokens have')
      .argument('<name>', 'the sign-in name')
      .addOption(
        new Option('--role <role>', 'what they may do').choices([...ADMIN_ROLES]).makeOptionMandatory(),
      )
      .option('--tenant <slug>', 'the one tenant they may see (required for tenant-admin)')
      .option('--password-stdin', 'read the password from the first line of standard input'),
  ).action(async (name: string, flags: PasswordFlags & { role: string; tenant?: string }) => {
    const password = await passwordOf(ctx, flags);
    const view = await withApp(ctx, flags, (app) =>
      app.management.admins.add(name, flags.role, password, flags.tenant),
    );
    const scope = view.tenant === undefined ? 'every tenant' : `tenant ${view.tenant}`;
    ctx.io.stdout(`${name} can sign in as ${view.role} of ${scope}\n`);
  });

  storageOptions(
    admin.command('list').description('the people who can sign in').option('--json', 'print JSON'),
  ).action(async (flags: StorageFlags & { json?: boolean }) => {
    const views = await withApp(ctx, flags, (app) => app.management.admins.list());
    if (flags.json === true) return printJson(ctx, views);
    ctx.io.stdout(
      formatTable(
        ['NAME', 'ROLE', 'TENANT', 'CREATED'],
        views.map((v) => [v.name, v.role, v.tenant ?? '*', v.createdAt]),
      ),
    );
  });

  storageOptions(
    admin
      .command('set-password')
      .description('a new password; every session of theirs ends')
      .argument('<name>')
      .option('--password-stdin', 'read the password from the first line of standard input'),
  ).action(async (name: string, flags: PasswordFlags) => {
    const password = await passwordOf(ctx, flags);
    await withApp(ctx, flags, (app) => app.management.admins.setPassword(name, password));
    ctx.io.stdout(`new password for ${name}; their sessions ended\n`);
  });

  storageOptions(
    admin.command('remove').description('they can no longer sign in; their sessions end').argument('<name>'),
  ).action(async (name: string, flags: StorageFlags) => {
    await withApp(ctx, flags, (app) => app.management.admins.remove(name));
    ctx.io.stdout(`removed ${name}\n`);
  });
}
