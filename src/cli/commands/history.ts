// zprov history list|show|preview|restore: every change to tenants, groups, profiles, users, accounts
// and tokens, whoever made it (the CLI, the API, an import), and the way back.
import type { Command } from 'commander';
import { ZprovError } from '../../core/errors.js';
import type { Revision } from '../../services/model.js';
import { formatTable, printJson, storageOptions, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { terminalSafe } from '../terminal-text.js';

function seqOf(text: string): number {
  const seq = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new ZprovError('invalid_input', `'${text}' is not a revision number`, 'seq');
  return seq;
}

const changeText = (r: Revision): string =>
  r.changes
    .map((c) =>
      c.from === undefined
        ? `${c.path}=${c.to ?? ''}`
        : c.to === undefined
          ? `-${c.path}`
          : `${c.path}: ${c.from} -> ${c.to}`,
    )
    .join(', ');

export function registerHistory(program: Command, ctx: CliContext): void {
  const history = program.command('history').description('every change made, by whom, and restoring one');

  storageOptions(
    history
      .command('list')
      .description('revisions, most recent first')
      .option('--tenant <slug>', "one tenant's changes")
      .option('--user <username>', "one user's (with --tenant)")
      .option('--account <ident>', "one account's")
      .option('--profile <name>', "one profile's")
      .option('--before <seq>', 'only revisions older than this one (paging back)')
      .option('--limit <n>', 'at most this many', '50')
      .option('--json', 'print JSON'),
  ).action(
    async (
      flags: StorageFlags & {
        tenant?: string;
        user?: string;
        account?: string;
        profile?: string;
        before?: string;
        limit: string;
        json?: boolean;
      },
    ) => {
      const revisions = await withApp(ctx, flags, (app) =>
        app.management.history.list({
          ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }),
          ...(flags.user === undefined ? {} : { user: flags.user }),
          ...(flags.account === undefined ? {} : { account: flags.account }),
          ...(flags.profile === undefined ? {} : { profile: flags.profile }),
          ...(flags.before === undefined ? {} : { beforeSeq: seqOf(flags.before) }),
          limit: Number(flags.limit),
        }),
      );
      if (flags.json === true)
        return printJson(
          ctx,
          revisions.map(({ before: _b, after: _a, ...r }) => r),
        );
      ctx.io.stdout(
        formatTable(
          ['#', 'AT', 'WHO', 'WHAT', 'ACTION', 'CHANGES'],
          revisions.map((r) => [
            String(r.seq),
            r.at,
            r.actor,
            `${r.entity} ${r.label}`,
            r.action,
            changeText(r),
          ]),
        ),
      );
    },
  );

  storageOptions(
    history.command('show').description('one revision and what it changed').argument('<seq>'),
  ).action(async (seq: string, flags: StorageFlags) => {
    const r = await withApp(ctx, flags, (app) => app.management.history.show(seqOf(seq)));
    ctx.io.stdout(
      terminalSafe(
        `#${r.seq} ${r.at} ${r.actor}: ${r.action} ${r.entity} ${r.label}\n${r.changes
          .map((c) => `  ${c.path}: ${c.from ?? '(none)'} -> ${c.to ?? '(none)'}`)
          .join('\n')}\n`,
      ),
    );
  });

  storageOptions(
    history
      .command('preview')
      .description('the document a user would be served were this revision restored (nothing is changed)')
      .argument('<seq>')
      .requiredOption('--user <username>', 'whose document')
      .option('--tenant <slug>', 'the user’s tenant', 'default'),
  ).action(async (seq: string, flags: StorageFlags & { user: string; tenant: string }) => {
    const rendered = await withApp(ctx, flags, (app) =>
      app.management.history.preview(seqOf(seq), flags.tenant, flags.user),
    );
    ctx.io.stdout(rendered.body);
  });

  storageOptions(
    history
      .command('restore')
      .description('bring a record back to what this revision made it')
      .argument('<seq>'),
  ).action(async (seq: string, flags: StorageFlags) => {
    const r = await withApp(ctx, flags, (app) => app.management.history.restore(seqOf(seq)));
    ctx.io.stdout(
      `restored ${r.entity} ${terminalSafe(r.label)} to revision #${seqOf(seq)} (now #${r.seq})\n`,
    );
  });
}
