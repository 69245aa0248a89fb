// zprov render <user>: exactly the document the endpoint serves that user's phone now (Desktop, or
// with --platform an app's); with --against, what a Desktop holding the given Config.xml ends up
// with after its overlay.
import type { Command } from 'commander';
import { overlay, serializeConfig, ZOIPER_PLATFORMS } from '../../core/index.js';
import { ZprovError } from '../../core/errors.js';
import { PHONE_MESSAGES } from '../../services/messages.js';
import {
  formatTable,
  printJson,
  storageOptions,
  tenantOption,
  withApp,
  type StorageFlags,
} from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { writeOutput } from '../files.js';
import { platformFlag } from '../platform-flag.js';
import { loadDocument, type LoadedDocument } from '../load-document.js';
import { errorsOnly, formatFindings } from '../report-findings.js';

interface RenderFlags extends StorageFlags {
  readonly tenant: string;
  readonly against?: string;
  readonly provision?: string;
  readonly output?: string;
  readonly platform: string;
  readonly compare?: boolean;
  readonly json?: boolean;
}

/** How many paths of what a platform is not sent are named before "and N more". */
const LEFT_OUT_SHOWN = 8;

function usable<K extends 'config' | 'provision'>(ctx: CliContext, loaded: LoadedDocument, kind: K) {
  const errors = errorsOnly(loaded.findings);
  if (loaded.document?.kind !== kind || errors.length > 0) {
    ctx.io.stderr(formatFindings(errors));
    throw new ZprovError(
      'invalid_input',
      `${loaded.file} is not a usable ${kind === 'config' ? 'Config.xml' : 'Provision.xml'}`,
      loaded.file,
    );
  }
  return loaded.document as Extract<LoadedDocument['document'], { kind: K }>;
}

export function registerRender(program: Command, ctx: CliContext): void {
  storageOptions(
    tenantOption(
      program
        .command('render')
        .description('print the document a user is served now (byte for byte what the endpoint sends)')
        .argument('<user>', 'provisioning username'),
      'tenant of the user',
    )
      .option(
        '--against <Config.xml>',
        'show instead what a phone with this local Config.xml holds after applying it',
      )
      .option(
        '--provision <Provision.xml>',
        "with --against: take the delete_* flags from this file, not the tenant's",
      )
      .option('-o, --output <file>', "write to a file instead of standard output ('-': standard output)")
      .option(
        '--platform <platform>',
        `whose phone: ${ZOIPER_PLATFORMS.join(', ')} (the apps are sent their own dialect)`,
        'desktop',
      )
      .option('--compare', 'print instead what each platform is not sent, and why')
      .option('--json', 'with --compare: as JSON, by platform'),
  ).action(async (username: string, flags: RenderFlags) => {
    if (flags.compare === true) return compare(ctx, username, flags);
    if (flags.json === true)
      throw new ZprovError('invalid_input', '--json goes with --compare (render prints Config.xml)', 'json');
    if (flags.provision !== undefined && flags.against === undefined)
      throw new ZprovError('invalid_input', '--provision only makes sense with --against', 'provision');
    const platform = platformFlag(flags.platform);
    if (platform !== 'desktop' && flags.against !== undefined)
      throw new ZprovError(
        'invalid_input',
        '--against is for Desktop: the apps replace their configuration with what they are sent',
        'against',
      );
    const local =
      flags.against === undefined
        ? undefined
        : usable(ctx, await loadDocument(ctx.io, flags.against), 'config');
    const provision =
      flags.provision === undefined
        ? undefined
        : usable(ctx, await loadDocument(ctx.io, flags.provision), 'provision');
    const { user, rendered, tenant } = await withApp(ctx, flags, async (app) => ({
      ...(await app.management.reports.render(flags.tenant, username, platform)),
      // Only needed for the overlay's flags when no Provision.xml gives them.
      tenant:
        local !== undefined && provision === undefined
          ? await app.management.tenants.get(flags.tenant)
          : undefined,
    }));
    if (!user.enabled)
      ctx.io.stderr(
        `zprov: note: ${username} is disabled; the endpoint answers "${PHONE_MESSAGES.disabled}"\n`,
      );
    if (rendered.empty)
      ctx.io.stderr(
        `zprov: note: nothing is set for ${username}; the endpoint answers "${PHONE_MESSAGES.nothing_to_serve}"\n`,
      );
    if (rendered.leftOut.length > 0) {
      const shown = rendered.leftOut.slice(0, LEFT_OUT_SHOWN).map((l) => `${l.path} (${l.reason})`);
      const more = rendered.leftOut.length - shown.length;
      ctx.io.stderr(
        `zprov: note: not sent to ${platform}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}\n`,
      );
    }
    // The delete_* flags from --provision, else the tenant's (the Provision.xml zprov would write).
    const text =
      local === undefined
        ? rendered.body
        : serializeConfig(overlay(local, rendered.document, provision?.options ?? tenant));
    await writeOutput(ctx.io, flags.output, text, local === undefined ? ` (sha256 ${rendered.hash})` : '');
  });
}

/** render --compare: one row per option a platform is not sent; a platform sent everything says so. */
async function compare(ctx: CliContext, username: string, flags: RenderFlags): Promise<void> {
  if (flags.against !== undefined || flags.output !== undefined || flags.platform !== 'desktop')
    throw new ZprovError(
      'invalid_input',
      '--compare covers every platform and prints a table: leave out --against, --output and --platform',
      'compare',
    );
  const { losses } = await withApp(ctx, flags, (app) =>
    app.management.reports.platformLosses(flags.tenant, username),
  );
  if (flags.json === true) return printJson(ctx, losses);
  const rows = ZOIPER_PLATFORMS.flatMap((platform) => {
    const lost = losses[platform];
    if (lost.length === 0) return [[platform, '(sent everything)', '', '']];
    return lost.map((l) => [
      platform,
      l.path,
      l.instead === undefined ? l.value : `${l.value} (sent: ${l.instead})`,
      l.reason,
    ]);
  });
  ctx.io.stdout(formatTable(['PLATFORM', 'NOT SENT', 'VALUE', 'WHY'], rows));
}
