// zprov validate: checks Zoiper documents against the schema and reports every finding by position.
import type { Command } from 'commander';
import { isZprovError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { fileFinding, findingHasErrors, loadDocument, type Finding } from '../load-document.js';
import { errorsOnly, findingsToJson, formatFindings } from '../report-findings.js';

interface ValidateOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description(
      'check Config.xml, Provision.xml and <error> replies (recognised by their root element); ' +
        'exit 0: no errors, 1: errors, 2: a file cannot be read',
    )
    .argument('<file...>', 'documents to check')
    .option('--json', 'print the findings as a JSON array')
    .option('-q, --quiet', 'report errors only, not warnings')
    .action(async (files: string[], options: ValidateOptions) => {
      ctx.exitCode = await validateFiles(ctx, files, options);
    });
}

async function validateFiles(
  ctx: CliContext,
  files: readonly string[],
  options: ValidateOptions,
): Promise<number> {
  const findings: Finding[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      findings.push(...(await loadDocument(ctx.io, file)).findings);
    } catch (error) {
      if (!isZprovError(error)) throw error;
      unreadable = true;
      findings.push(fileFinding(file, 'unknown', 'file.unreadable', error.message));
      if (options.json !== true) ctx.io.stderr(`zprov: ${error.message}\n`);
    }
  }
  const shown = options.quiet === true ? errorsOnly(findings) : findings;
  if (options.json === true) ctx.io.stdout(findingsToJson(shown));
  else ctx.io.stdout(formatFindings(shown.filter((f) => f.code !== 'file.unreadable')));
  if (unreadable) return EXIT.USAGE;
  return findingHasErrors(findings) ? EXIT.INVALID : EXIT.OK;
}
