// zprov render <user>: exactly the document the endpoint serves that user now; with --against, what
// a phone holding the given Config.xml ends up with after its overlay.
import type { Command } from 'commander';
import { overlay, serializeConfig } from '../../core/index.js';
import { ZprovError } from '../../core/errors.js';
import { PHONE_MESSAGES } from '../../services/phone-messages.js';
import { storageOptions, tenantOption, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { writeOutput } from '../files.js';
import { loadDocument, type LoadedDocument } from '../load-document.js';
import { errorsOnly, formatFindings } from '../report-findings.js';

interface RenderFlags extends StorageFlags {
  readonly tenant: string;
  readonly against?: string;
  readonly provision?: string;
  readonly output?: string;
}

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
      .option('-o, --output <file>', "write to a file instead of standard output ('-': standard output)"),
  ).action(async (username: string, flags: RenderFlags) => {
    if (flags.provision !== undefined && flags.against === undefined)
      throw new ZprovError('invalid_input', '--provision only makes sense with --against', 'provision');
    const local =
      flags.against === undefined
        ? undefined
        : usable(ctx, await loadDocument(ctx.io, flags.against), 'config');
    const provision =
      flags.provision === undefined
        ? undefined
        : usable(ctx, await loadDocument(ctx.io, flags.provision), 'provision');
    const { user, rendered, tenant } = await withApp(ctx, flags, async (app) => ({
      ...(await app.management.reports.render(flags.tenant, username)),
      // Only needed for the overlay's flags when no provision.xml gives them.
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
    // The delete_* flags from --provision, else the tenant's (the provision.xml zprov would write).
    const text =
      local === undefined
        ? rendered.body
        : serializeConfig(overlay(local, rendered.document, provision?.options ?? tenant));
    await writeOutput(ctx.io, flags.output, text, local === undefined ? ` (sha256 ${rendered.hash})` : '');
  });
}
