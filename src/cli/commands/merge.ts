// zprov merge: what the phone holds after laying a downloaded configuration over its local
// Config.xml, honouring the delete_* flags of Provision.xml (the vendor defaults without one).
// Only a result free of errors is written, and a file is replaced atomically.
import type { Command } from 'commander';
import {
  OVERLAY_DEFAULTS,
  overlay,
  serializeConfig,
  validateConfig,
  type ConfigDocument,
  type OverlayOptions,
} from '../../core/index.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { resolvePath, writeFileAtomic } from '../files.js';
import {
  fileFinding,
  findingHasErrors,
  loadDocument,
  type Finding,
  type LoadedDocument,
} from '../load-document.js';
import { formatFindings } from '../report-findings.js';

interface MergeOptions {
  readonly provision?: string;
  readonly output?: string;
}

export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description(
      'lay a remote configuration over a local Config.xml as the phone does; refuses (exit 1) when an input or the result has errors',
    )
    .argument('<local>', 'the Config.xml the phone holds')
    .argument('<remote>', 'the configuration downloaded from the provisioning server')
    .option(
      '-p, --provision <file>',
      'Provision.xml whose delete_accounts_beforehand and delete_contact_services_beforehand apply',
    )
    .option('-o, --output <file>', 'write the result to this file (atomically) instead of standard output')
    .action(async (local: string, remote: string, options: MergeOptions) => {
      ctx.exitCode = await merge(ctx, local, remote, options);
    });
}

async function merge(
  ctx: CliContext,
  localFile: string,
  remoteFile: string,
  options: MergeOptions,
): Promise<number> {
  const local = await loadDocument(ctx.io, localFile);
  const remote = await loadDocument(ctx.io, remoteFile);
  const provision =
    options.provision === undefined ? undefined : await loadDocument(ctx.io, options.provision);
  const findings: Finding[] = [
    ...expectKind(local, 'config'),
    ...expectKind(remote, 'config'),
    ...(provision === undefined ? [] : expectKind(provision, 'provision')),
  ];
  ctx.io.stderr(formatFindings(findings));
  if (findingHasErrors(findings)) {
    ctx.io.stderr('zprov: merge refused: the inputs have errors; nothing was written\n');
    return EXIT.INVALID;
  }
  const flags: OverlayOptions =
    provision?.document?.kind === 'provision'
      ? {
          deleteAccountsBeforehand: provision.document.options.deleteAccountsBeforehand,
          deleteContactServicesBeforehand: provision.document.options.deleteContactServicesBeforehand,
        }
      : OVERLAY_DEFAULTS;
  const merged = overlay(local.document as ConfigDocument, remote.document as ConfigDocument, flags);
  const target = options.output === undefined || options.output === '-' ? undefined : options.output;
  const resultName = target ?? '(merged result)';
  const resultFindings = validateConfig(merged).map((d): Finding => ({
    file: resultName,
    kind: 'config',
    ...d,
    line: 0,
    column: 0,
  }));
  ctx.io.stderr(formatFindings(resultFindings));
  if (findingHasErrors(resultFindings)) {
    ctx.io.stderr('zprov: merge refused: the merged configuration has errors; nothing was written\n');
    return EXIT.INVALID;
  }
  const text = serializeConfig(merged);
  if (target === undefined) ctx.io.stdout(text);
  else await writeFileAtomic(resolvePath(ctx.io.cwd, target), text, target);
  return EXIT.OK;
}

/** The document's own findings, plus one if it is not the kind of document this argument takes. */
function expectKind(loaded: LoadedDocument, kind: 'config' | 'provision'): readonly Finding[] {
  if (loaded.document !== undefined ? loaded.kind === kind : findingHasErrors(loaded.findings))
    return loaded.findings;
  const wanted = kind === 'config' ? 'a Config.xml (<options>)' : 'a Provision.xml (<provision>)';
  return [
    ...loaded.findings,
    fileFinding(
      loaded.file,
      loaded.kind,
      'document.kind',
      `this is ${describe(loaded.kind)}; expected ${wanted}`,
    ),
  ];
}

function describe(kind: LoadedDocument['kind']): string {
  switch (kind) {
    case 'config':
      return 'a Config.xml (<options>)';
    case 'provision':
      return 'a Provision.xml (<provision>)';
    case 'error':
      return 'an error reply (<error>)';
    default:
      return 'not a Zoiper document';
  }
}
