// zprov import <format> <source>: a PBX's accounts (pjsip.conf, sip.conf, iax.conf, FreePBX's CSV,
// FusionPBX's database) or zprov's own CSV/JSON into a tenant, with a dry run, in one transaction.
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { formatProblem, IMPORT_FORMATS, type ImportFormat, type ImportProblem } from '../../core/index.js';
import {
  ImportRefused,
  MISSING_POLICIES,
  type AccountPlanItem,
  type GeneratedCredential,
  type ImportOutcome,
  type ImportPlan,
  type MissingPolicy,
} from '../../services/import/account-import.js';
import { collect, printJson, tenantScoped, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { resolvePath, writeFileAtomic } from '../files.js';
import { readImportSource } from '../import-sources.js';
import { progressBar } from '../progress-bar.js';
import { terminalSafe } from '../terminal-text.js';

interface ImportFlags extends StorageFlags {
  readonly tenant: string;
  readonly dryRun?: boolean;
  readonly missing: MissingPolicy;
  readonly domain?: string;
  readonly groupBy?: string;
  readonly group?: string;
  readonly wizard?: string;
  readonly fusionpbxDomain?: string;
  readonly credentialsOut?: string;
  readonly provisionFiles?: string;
  readonly url?: string[];
  readonly json?: boolean;
}

export function registerImport(program: Command, ctx: CliContext): void {
  tenantScoped(
    program
      .command('import')
      .description("bring a PBX's accounts in (or zprov's own CSV/JSON); importing again updates in place")
      .addArgument(program.createArgument('<format>', 'what the source is').choices([...IMPORT_FORMATS]))
      .argument('<source>', 'the file to read; for fusionpbx a postgres:// URL (read only)')
      .option('--dry-run', 'print the plan and every problem; write nothing')
      .addOption(
        new Option('--missing <policy>', 'accounts imported before that the source no longer has')
          .choices([...MISSING_POLICIES])
          .default('keep'),
      )
      .option('--domain <host>', 'SIP_domain (IAX2_host) for accounts whose source names none: the PBX')
      .option('--group-by <column>', 'one provisioning user per value of this column (CSV sources)')
      .option('--group <name>', 'the provisioning group new users join')
      .option('--wizard <file>', 'pjsip: also read this pjsip_wizard.conf')
      .option('--fusionpbx-domain <name>', 'fusionpbx: only the extensions of this domain')
      .option('--credentials-out <file>', "new users' generated passwords, written once (mode 0600)")
      .option('--provision-files <dir>', 'write a Provision.xml for each new user into this directory')
      .option(
        '--url <base>',
        'public base URL for --provision-files, repeatable (default: publicUrls)',
        collect,
      )
      .option('--json', 'print the plan as JSON'),
  ).action(async (format: ImportFormat, source: string, flags: ImportFlags) => {
    const parsed = await readImportSource(ctx, format, source, {
      ...(flags.wizard === undefined ? {} : { wizard: flags.wizard }),
      ...(flags.fusionpbxDomain === undefined ? {} : { fusionpbxDomain: flags.fusionpbxDomain }),
    });
    const bar = flags.dryRun === true ? undefined : progressBar(ctx.io, 'importing');
    const credentialsOut = flags.credentialsOut;
    let outcome: ImportOutcome;
    try {
      outcome = await withApp(ctx, flags, async (app) => {
        const result = await app.management.imports.run({
          tenant: flags.tenant,
          format,
          source: parsed,
          missing: flags.missing,
          dryRun: flags.dryRun === true,
          ...(flags.domain === undefined ? {} : { domain: flags.domain }),
          ...(flags.groupBy === undefined ? {} : { groupBy: flags.groupBy }),
          ...(flags.group === undefined ? {} : { group: flags.group }),
          ...(bar === undefined ? {} : { onProgress: bar.update }),
          ...(credentialsOut === undefined
            ? {}
            : {
                keepCredentials: (c: readonly GeneratedCredential[]) =>
                  writeCredentials(ctx, credentialsOut, c),
              }),
        });
        bar?.done();
        if (result.written && flags.provisionFiles !== undefined && result.credentials.length > 0) {
          const dir = resolvePath(ctx.io.cwd, flags.provisionFiles);
          await mkdir(dir, { recursive: true, mode: 0o700 });
          for (const { user, password } of result.credentials) {
            const file = await app.management.provisionFiles.build({
              tenant: flags.tenant,
              user,
              password,
              ...(flags.url === undefined ? {} : { urls: flags.url }),
            });
            await writeFileAtomic(join(dir, provisionFileName(user)), file.text);
          }
          ctx.io.stderr(
            `wrote ${result.credentials.length} Provision.xml files into ${terminalSafe(flags.provisionFiles)}\n`,
          );
        }
        return result;
      });
    } catch (error) {
      bar?.done();
      if (error instanceof ImportRefused) {
        printProblems(ctx, error.plan.problems);
        if (flags.json === true) printJson(ctx, error.plan);
      }
      throw error;
    }
    printProblems(ctx, outcome.plan.problems);
    if (flags.json === true) printJson(ctx, outcome.plan);
    else if (flags.dryRun === true) ctx.io.stdout(formatPlan(outcome.plan));
    ctx.io.stdout(summary(outcome));
    if (outcome.plan.problems.some((p) => p.severity === 'error')) ctx.exitCode = 1;
  });
}

async function writeCredentials(
  ctx: CliContext,
  path: string,
  credentials: readonly GeneratedCredential[],
): Promise<void> {
  const target = resolvePath(ctx.io.cwd, path);
  const lines = ['user,password', ...credentials.map((c) => `${csvCell(c.user)},${c.password}`)];
  await writeFileAtomic(target, lines.join('\n') + '\n', path);
  // A file that existed keeps its mode through the atomic write: make sure only the owner reads it.
  await chmod(target, 0o600);
  ctx.io.stderr(`wrote ${credentials.length} generated passwords to ${terminalSafe(path)} (mode 0600)\n`);
}

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** A file name for a user's Provision.xml that no username can turn into a path elsewhere. */
export function provisionFileName(user: string): string {
  const safe = encodeURIComponent(user).replace(/^\./, '%2E').replace(/\*/g, '%2A');
  return `${safe}.Provision.xml`;
}

function printProblems(ctx: CliContext, problems: readonly ImportProblem[]): void {
  for (const problem of problems) ctx.io.stderr(`${terminalSafe(formatProblem(problem))}\n`);
}

function describeItem(verb: string, item: AccountPlanItem): string {
  const changes = item.changes
    .map((c) =>
      c.from === undefined
        ? `${c.path}=${c.to ?? ''}`
        : c.to === undefined
          ? `-${c.path}`
          : `${c.path}: ${c.from} -> ${c.to}`,
    )
    .join(', ');
  const ident = item.ident === undefined ? '' : ` ident ${item.ident}`;
  return (
    terminalSafe(
      `${verb.padEnd(8)}${item.sourceKey}  user ${item.user}${ident}${changes === '' ? '' : `  ${changes}`}`,
    ) + '\n'
  );
}

export function formatPlan(plan: ImportPlan): string {
  const missingVerb = { keep: 'missing', disable: 'disable', remove: 'remove' }[plan.missing];
  return [
    ...plan.users.add.map((u) => terminalSafe(`new user ${u}`) + '\n'),
    ...plan.accounts.add.map((i) => describeItem('add', i)),
    ...plan.accounts.update.map((i) => describeItem('update', i)),
    ...plan.accounts.missing.map((i) => describeItem(missingVerb, i)),
    ...plan.users.disable.map((u) => terminalSafe(`disable user ${u}`) + '\n'),
    ...plan.users.remove.map((u) => terminalSafe(`remove user ${u}`) + '\n'),
  ].join('');
}

function summary({ plan, written }: ImportOutcome): string {
  const { accounts, users } = plan;
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  const warnings = plan.problems.length - errors;
  const missing =
    accounts.missing.length === 0
      ? '0 missing'
      : `${accounts.missing.length} missing (${plan.missing === 'keep' ? 'kept' : plan.missing === 'disable' ? 'disabled' : 'removed'})`;
  return (
    `${written ? 'imported' : 'dry run, nothing written:'} ${plan.format} into tenant ${plan.tenant}: ` +
    `accounts ${accounts.add.length} added, ${accounts.update.length} updated, ${accounts.unchanged} unchanged, ${missing}; ` +
    `users ${users.add.length} added${users.disable.length > 0 ? `, ${users.disable.length} disabled` : ''}${users.remove.length > 0 ? `, ${users.remove.length} removed` : ''}; ` +
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`
  );
}
