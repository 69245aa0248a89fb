// What every management command shares: where the data lives (--data-dir, --database, --config,
// --secret-key-file, else ZPROV_* variables or the config file), opening the composed app for the
// length of one command, and reading secrets without putting them on the command line.
import type { Command } from 'commander';
import { composeApp, type ComposedApp } from '../app/compose-app.js';
import { loadConfig, type AppConfig, type ConfigInput } from '../config/app-config.js';
import { ZprovError } from '../core/errors.js';
import { DEFAULT_TENANT_SLUG } from '../services/model.js';
import type { CliContext } from './cli-context.js';
import { addSettingOptions } from './setting-options.js';
import { terminalSafe } from './terminal-text.js';

export interface StorageFlags {
  readonly dataDir?: string;
  readonly database?: string;
  readonly config?: string;
  readonly secretKeyFile?: string;
}

/** Adds the options that say where the data lives. */
export function storageOptions(command: Command): Command {
  return addSettingOptions(command, ['dataDir', 'database', 'config', 'secretKeyFile']);
}

/** The settings of one command: its storage flags and any others, over ZPROV_* variables and --config. */
export function loadCliConfig(ctx: CliContext, flags: StorageFlags, settings: ConfigInput = {}): AppConfig {
  return loadConfig({
    flags: {
      ...settings,
      dataDir: flags.dataDir,
      database: flags.database,
      secretKeyFile: flags.secretKeyFile,
    },
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
  });
}

/** The storage flags as they would be typed again, shell-quoted ('' when none was given). */
export function storageArgs(flags: StorageFlags): string {
  const pairs: [string, string | undefined][] = [
    ['--data-dir', flags.dataDir],
    ['--database', flags.database],
    ['--config', flags.config],
    ['--secret-key-file', flags.secretKeyFile],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([flag, value]) => `${flag} ${shellQuote(value)}`)
    .join(' ');
}

const shellQuote = (text: string): string =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/** Opens the app for one command and closes it afterwards, whatever happens. */
export async function withApp<T>(
  ctx: CliContext,
  flags: StorageFlags,
  work: (app: ComposedApp) => Promise<T>,
): Promise<T> {
  const app = await composeApp(loadCliConfig(ctx, flags));
  for (const notice of app.notices) ctx.io.stderr(`zprov: ${notice}\n`);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** Adds --tenant: the default tenant unless given. */
export const tenantOption = (command: Command, description = 'tenant'): Command =>
  command.option('--tenant <slug>', description, DEFAULT_TENANT_SLUG);

/** The storage options and --tenant, for commands within one tenant. */
export const tenantScoped = (command: Command): Command => storageOptions(tenantOption(command));

export { collect } from './setting-options.js';

/** Reads a secret from standard input: the first line, without its line ending. */
async function readSecretFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new ZprovError('invalid_input', 'password: nothing on standard input', 'password');
  return line;
}

/**
 * The secret a command was given: --password, --password-stdin, else a prompt at a terminal (empty
 * answer: none). undefined when none was given.
 */
export async function secretInput(
  ctx: CliContext,
  options: { password?: string; passwordStdin?: boolean },
  question: string | undefined,
): Promise<string | undefined> {
  if (options.password !== undefined && options.passwordStdin === true)
    throw new ZprovError('invalid_input', '--password and --password-stdin exclude each other', 'password');
  if (options.password !== undefined) return options.password;
  if (options.passwordStdin === true) return readSecretFromStdin();
  // The prompt is there only at a terminal (cli-context.ts); elsewhere nothing is asked.
  if (question === undefined || ctx.io.prompt === undefined) return undefined;
  const answer = await ctx.io.prompt(question, { secret: true });
  return answer === '' ? undefined : answer;
}

/** Plain text columns, padded to the widest cell. */
/** A table for a terminal; cells are made terminal-safe, since many hold what strangers sent. */
export function formatTable(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map(terminalSafe));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export const printJson = (ctx: CliContext, value: unknown): void =>
  ctx.io.stdout(JSON.stringify(value, null, 2) + '\n');
