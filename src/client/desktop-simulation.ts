// Zoiper5 Desktop's provisioning, step by step: find Provision.xml, check it, settle the credentials,
// try each base URL in order until one answers with a valid configuration, lay it over the local
// Config.xml with the provision file's delete_* rules, and say what changes. Every step is recorded
// in the report; nothing is written (apply-config.ts does that).
import { basename, dirname, join } from 'node:path';
import {
  basicAuthorization,
  decodeUtf8,
  diffConfigs,
  hasErrors,
  overlay,
  PASS_PLACEHOLDER,
  PROVISION_OPTION_DEFAULTS,
  readProvision,
  SECRET_MASK,
  USER_PLACEHOLDER,
  desktopConfigSchema,
  type ConfigDocument,
  type ProvisionDocument,
} from '../core/index.js';
import type { Clock, ClientFileSystem, HttpFetch } from './client-ports.js';
import { desktopCredentials, type CredentialInputs } from './credentials.js';
import { DEFAULT_TIMEOUT_MS, runAttempt } from './fetch-attempt.js';
import { readLocalConfig } from './local-config.js';
import { findProvisionFile, type LookupResult } from './provision-lookup.js';
import { substitute, tokensIn } from './request-url.js';
import type { Attempt, OverlayStep, ProvisionStep, SimulationReport } from './simulation-report.js';
import { fetchOutcome } from './outcome.js';
import {
  CONFIG_FILE_NAME,
  defaultDataDirectory,
  defaultExecutableDirectory,
  type DesktopOs,
  type LocationEnv,
} from './zoiper-locations.js';

export interface ClientPorts {
  readonly fs: ClientFileSystem;
  readonly fetch: HttpFetch;
  readonly clock: Clock;
}

/** Credentials from flags or a prompt come as in every simulation (credentials.ts). */
export interface DesktopSimulationOptions extends CredentialInputs {
  /** Whose conventions to follow: data directory, executable directory, file-name case. */
  readonly os: DesktopOs;
  readonly env: LocationEnv;
  /** Fallback for the home directory when the environment has no HOME. */
  readonly homeDir?: string | undefined;
  readonly workingDirectory: string;
  readonly executableDirectory?: string | undefined;
  readonly dataDirectory?: string | undefined;
  /** Use this file and skip the lookup. */
  readonly provisionFile?: string | undefined;
  /** The local Config.xml (default: Config.xml in the data directory). */
  readonly configFile?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

export interface SimulationResult {
  readonly report: SimulationReport;
  /** The local Config.xml path the overlay used (undefined when the run stopped earlier). */
  readonly configPath?: string;
  /** The local configuration as read (empty when there was no file). */
  readonly local?: ConfigDocument;
  /** What the phone holds after the overlay; present on success only. */
  readonly merged?: ConfigDocument;
}

export const USER_AGENT = 'zprov-simulate (Zoiper5 Desktop provisioning emulation)';

export async function simulateDesktop(
  options: DesktopSimulationOptions,
  ports: ClientPorts,
): Promise<SimulationResult> {
  const startedAt = new Date(ports.clock.now()).toISOString();
  const notes: string[] = [];
  const base = { mode: 'desktop' as const, os: options.os, startedAt, notes };
  const dataDirectory =
    options.dataDirectory ?? defaultDataDirectory(options.os, options.env, options.homeDir);

  // 1. Where is Provision.xml?
  const lookup = await locate(options, dataDirectory, ports.fs);
  if (lookup.found === undefined) {
    return {
      report: {
        ...base,
        outcome: 'no-provision-file',
        summary:
          options.provisionFile !== undefined
            ? `${options.provisionFile} does not exist`
            : 'no provision file in any of the places the phone looks: it starts without provisioning',
        lookup: lookup.steps,
        attempts: [],
      },
    };
  }

  // 2. Is it a usable provision file?
  const path = lookup.found.path;
  const bytes = await ports.fs.readFile(path);
  const decoded = decodeUtf8(bytes ?? new Uint8Array());
  const parsed = 'error' in decoded ? { document: undefined, diagnostics: [] } : readProvision(decoded.text);
  const document = parsed.document;
  const valid = document !== undefined && !hasErrors(parsed.diagnostics) && !('error' in decoded);
  const provision: ProvisionStep = {
    path,
    valid,
    diagnostics: parsed.diagnostics,
    baseUrls: document?.baseUrls ?? [],
    options: maskedOptions(document),
  };
  if (!valid || document === undefined) {
    if ('error' in decoded) notes.push(`${path}: ${decoded.error}`);
    return {
      report: {
        ...base,
        outcome: 'invalid-provision-file',
        summary: `${path} is not a valid provision file: the phone ignores it and starts without provisioning`,
        lookup: lookup.steps,
        provision,
        attempts: [],
      },
    };
  }

  // 3. Credentials.
  const credentials = await desktopCredentials(document.options, options);
  if (!credentials.ok) {
    return {
      report: {
        ...base,
        outcome: 'credentials-unavailable',
        summary: credentials.message,
        lookup: lookup.steps,
        provision,
        attempts: [],
      },
    };
  }
  const transport = credentials.step.transport;
  const tokens = [USER_PLACEHOLDER, PASS_PLACEHOLDER];

  // 4. Each base URL in order, until one answers with a valid configuration.
  const attempts: Attempt[] = [];
  let remote: ConfigDocument | undefined;
  for (const [i, template] of document.baseUrls.entries()) {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
    let built = { url: template, shown: template };
    if (transport === 'url') {
      built = substitute(template, [
        { token: USER_PLACEHOLDER, value: credentials.username, secret: false },
        { token: PASS_PLACEHOLDER, value: credentials.password, secret: true },
      ]);
    } else {
      if (transport === 'basic')
        headers['authorization'] = basicAuthorization(credentials.username, credentials.password);
      const left = tokensIn(template, tokens);
      if (left.length > 0)
        notes.push(
          `base URL ${i + 1} holds ${left.join(' and ')}, which are substituted only with authentication_type url and use_authentication on; they are sent as written`,
        );
    }
    const result = await runAttempt(
      {
        index: i + 1,
        url: built.url,
        shown: built.shown,
        headers,
        auth: transport,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        schema: desktopConfigSchema,
      },
      ports,
    );
    attempts.push(result.attempt);
    if (result.configuration !== undefined) {
      remote = result.configuration;
      break;
    }
  }
  const common = { ...base, lookup: lookup.steps, provision, credentials: credentials.step, attempts };
  if (remote === undefined) {
    const { outcome, summary } = fetchOutcome(attempts);
    return { report: { ...common, outcome, summary } };
  }
  const used = attempts.length;

  // 5. Overlay onto the local Config.xml, and the difference it makes.
  const configPath =
    options.configFile ?? (dataDirectory === undefined ? undefined : join(dataDirectory, CONFIG_FILE_NAME));
  if (configPath === undefined) {
    return {
      report: {
        ...common,
        usedAttempt: used,
        outcome: 'invalid-local-config',
        summary:
          'cannot tell where the local Config.xml is: the environment names no home directory (use --config)',
      },
    };
  }
  const local = await readLocalConfig(configPath, ports.fs, desktopConfigSchema);
  const overlayStep: OverlayStep = {
    localPath: configPath,
    localFound: local.found,
    localDiagnostics: local.diagnostics,
    deleteAccountsBeforehand: document.options.deleteAccountsBeforehand,
    deleteContactServicesBeforehand: document.options.deleteContactServicesBeforehand,
  };
  if (local.document === undefined) {
    return {
      report: {
        ...common,
        usedAttempt: used,
        overlay: overlayStep,
        outcome: 'invalid-local-config',
        summary: `${configPath} cannot be read as a Zoiper configuration; nothing is merged`,
      },
      configPath,
    };
  }
  if (!local.found) notes.push(`no ${configPath}: the phone starts from an empty configuration`);
  const localDocument = local.document;
  const merged = overlay(localDocument, remote, {
    deleteAccountsBeforehand: document.options.deleteAccountsBeforehand,
    deleteContactServicesBeforehand: document.options.deleteContactServicesBeforehand,
  });
  const diff = diffConfigs(localDocument, merged);
  const shownUrl = attempts[used - 1]?.url ?? '';
  return {
    report: {
      ...common,
      usedAttempt: used,
      overlay: overlayStep,
      diff,
      outcome: 'success',
      summary: `configuration received from base URL ${used} of ${document.baseUrls.length} (${shownUrl})${used > 1 ? ` after ${used - 1} failed attempt${used === 2 ? '' : 's'}` : ''}; ${diff.length === 0 ? 'nothing changes' : `${diff.length} change${diff.length === 1 ? '' : 's'}`} to the local configuration`,
    },
    configPath,
    local: localDocument,
    merged,
  };
}

async function locate(
  options: DesktopSimulationOptions,
  dataDirectory: string | undefined,
  fs: ClientFileSystem,
): Promise<LookupResult> {
  if (options.provisionFile !== undefined) {
    const exists = (await fs.readFile(options.provisionFile)) !== undefined;
    const step = {
      location: 'explicit' as const,
      directory: dirname(options.provisionFile),
      names: [basename(options.provisionFile)],
      ...(exists ? { found: options.provisionFile } : { note: 'no such file' }),
    };
    return exists
      ? { steps: [step], found: { path: options.provisionFile, location: 'explicit' } }
      : { steps: [step] };
  }
  const executableDirectory =
    options.executableDirectory ??
    (await defaultExecutableDirectory(options.os, options.env, (dir) => fs.listDirectory(dir)));
  return findProvisionFile(
    { workingDirectory: options.workingDirectory, executableDirectory, dataDirectory },
    options.os,
    fs,
  );
}

function maskedOptions(document: ProvisionDocument | undefined): ProvisionStep['options'] {
  const o = document?.options;
  if (o === undefined) return PROVISION_OPTION_DEFAULTS;
  return { ...o, password: o.password === '' ? '' : SECRET_MASK };
}
