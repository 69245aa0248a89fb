// zprov diff: option-level differences between two configurations, secrets masked. Exit codes follow
// diff(1): 0 the same, 1 different, 2 an input that cannot be read as a configuration.
import type { Command } from 'commander';
import { diffConfigs, formatDiff, type ConfigDocument } from '../../core/index.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { errorsOnly, formatFindings } from '../report-findings.js';
import { fileFinding, loadDocument, type LoadedDocument } from '../load-document.js';

interface DiffOptions {
  readonly json?: boolean;
}

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description(
      'show what changes, option by option, from one configuration to another (secrets masked); ' +
        'exit 0: the same, 1: different, 2: an input cannot be read',
    )
    .argument('<a>', 'the configuration before')
    .argument('<b>', 'the configuration after')
    .option('--json', 'print the differences as a JSON array')
    .action(async (a: string, b: string, options: DiffOptions) => {
      ctx.exitCode = await diff(ctx, a, b, options);
    });
}

async function diff(ctx: CliContext, fileA: string, fileB: string, options: DiffOptions): Promise<number> {
  const before = configOf(ctx, await loadDocument(ctx.io, fileA));
  const after = configOf(ctx, await loadDocument(ctx.io, fileB));
  if (before === undefined || after === undefined) return EXIT.USAGE;
  const entries = diffConfigs(before, after);
  if (options.json === true) ctx.io.stdout(JSON.stringify(entries, null, 2) + '\n');
  else if (entries.length > 0) ctx.io.stdout(formatDiff(entries) + '\n');
  return entries.length === 0 ? EXIT.OK : EXIT.INVALID;
}

/** The configuration in a loaded file, or undefined after saying on stderr why there is none. */
function configOf(ctx: CliContext, loaded: LoadedDocument): ConfigDocument | undefined {
  if (loaded.document?.kind === 'config') return loaded.document;
  const why =
    loaded.document === undefined
      ? errorsOnly(loaded.findings)
      : [
          fileFinding(
            loaded.file,
            loaded.kind,
            'document.kind',
            `this is not a Config.xml (its root is not <options>)`,
          ),
        ];
  ctx.io.stderr(formatFindings(why));
  return undefined;
}
