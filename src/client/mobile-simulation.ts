// Zoiper for Android and iOS: no provision file; the URL template is built into a branded app and
// the user's typed username and password (and the provisioning version the apps send) are
// substituted into it. The reply is validated against the platform's own configuration schema and,
// when usable, replaces what the app held. A failed re-fetch (the vendor names HTTP 4xx and 5xx)
// keeps the configuration already in use.
import {
  configDocument,
  diffConfigs,
  mobileConfigSchemas,
  mobilePlaceholders,
  MOBILE_VERSION_SENT,
  type ConfigDocument,
  type MobilePlatform,
} from '../core/index.js';
import { ERROR_CODES, ZprovError } from '../core/errors.js';
import { mobileCredentials, type CredentialInputs } from './credentials.js';
import type { ClientPorts, SimulationResult } from './desktop-simulation.js';
import { DEFAULT_TIMEOUT_MS, runAttempt } from './fetch-attempt.js';
import { readLocalConfig } from './local-config.js';
import { fetchOutcome } from './outcome.js';
import { substitute, type Substitution } from './request-url.js';
import type { PreviousStep, SimulationReport } from './simulation-report.js';

/** Credentials from flags or a prompt come as in every simulation (credentials.ts). */
export interface MobileSimulationOptions extends CredentialInputs {
  readonly platform: MobilePlatform;
  /** The app's provisioning URL with [username], [password] and [version] (iOS: or {…}) in it. */
  readonly urlTemplate: string;
  /** What [version] becomes; default the value the apps send. */
  readonly versionValue?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** The configuration the app held before this fetch (a re-provisioning), if any. */
  readonly previousFile?: string | undefined;
}

export const MOBILE_USER_AGENT = 'zprov-simulate (Zoiper mobile provisioning emulation)';

export async function simulateMobile(
  options: MobileSimulationOptions,
  ports: ClientPorts,
): Promise<SimulationResult> {
  const startedAt = new Date(ports.clock.now()).toISOString();
  const schema = mobileConfigSchemas[options.platform];
  const notes: string[] = [];
  checkTemplate(options, notes);

  const credentials = await mobileCredentials(options);
  const base = { mode: options.platform, startedAt, notes, lookup: [] };
  if (!credentials.ok) {
    return {
      report: { ...base, outcome: 'credentials-unavailable', summary: credentials.message, attempts: [] },
    };
  }
  const version = options.versionValue ?? MOBILE_VERSION_SENT;
  const substitutions: Substitution[] = mobilePlaceholders(options.platform).flatMap((p) => [
    { token: p.username, value: credentials.username, secret: false },
    { token: p.password, value: credentials.password, secret: true },
    { token: p.version, value: version, secret: false },
  ]);
  const built = substitute(options.urlTemplate, substitutions);
  const result = await runAttempt(
    {
      index: 1,
      url: built.url,
      shown: built.shown,
      headers: { 'user-agent': MOBILE_USER_AGENT, accept: '*/*' },
      auth: 'url',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      schema,
    },
    ports,
  );
  const attempts = [result.attempt];

  let previous: ConfigDocument | undefined;
  let previousStep: PreviousStep | undefined;
  if (options.previousFile !== undefined) {
    const read = await readLocalConfig(options.previousFile, ports.fs, schema);
    previous = read.found ? read.document : undefined;
    if (read.found && read.document === undefined)
      notes.push(`${options.previousFile} cannot be read as a configuration; treated as none`);
    previousStep = {
      path: options.previousFile,
      found: previous !== undefined,
      kept: false,
      note:
        previous === undefined
          ? 'no previous configuration: this is a first provisioning'
          : 're-provisioning',
    };
  }
  const common = { ...base, credentials: credentials.step, attempts };

  if (result.configuration === undefined) {
    const { outcome, summary } = fetchOutcome(attempts);
    if (previous !== undefined && previousStep !== undefined) {
      const status = result.attempt.status;
      const documented = status !== undefined && status >= 400 && status < 600;
      const kept: PreviousStep = {
        ...previousStep,
        kept: true,
        note: documented
          ? `the re-fetch failed with HTTP ${status}: the app keeps the configuration it had (documented rule)`
          : 'the re-fetch failed without an HTTP error status: the app is assumed to keep the configuration it had',
      };
      return {
        report: {
          ...common,
          outcome,
          summary: `${summary}; the previous configuration stays in use`,
          previous: kept,
        },
        local: previous,
        merged: previous,
      };
    }
    return { report: { ...common, outcome, summary, ...(previousStep ? { previous: previousStep } : {}) } };
  }
  const before = previous ?? configDocument();
  const received = result.configuration;
  const diff = diffConfigs(before, received, schema);
  const report: SimulationReport = {
    ...common,
    usedAttempt: 1,
    ...(previousStep ? { previous: previousStep } : {}),
    diff,
    outcome: 'success',
    summary: `configuration received (${built.shown}); it replaces ${previous === undefined ? 'nothing: first provisioning' : `the previous configuration, ${diff.length} change${diff.length === 1 ? '' : 's'}`}`,
  };
  return { report, local: before, merged: received };
}

function checkTemplate(options: MobileSimulationOptions, notes: string[]): void {
  const probe = substitute(
    options.urlTemplate,
    mobilePlaceholders(options.platform).flatMap((p) => [
      { token: p.username, value: 'u', secret: false },
      { token: p.password, value: 'p', secret: false },
      { token: p.version, value: 'v', secret: false },
    ]),
  ).url;
  let url: URL | undefined;
  try {
    url = new URL(probe);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ZprovError(
      ERROR_CODES.INVALID_INPUT,
      `--url '${options.urlTemplate}' is not an http:// or https:// URL`,
      'url',
    );
  if (url.protocol === 'http:')
    notes.push('the apps fetch over HTTPS; this plain-http URL is for testing only');
  const spellings = mobilePlaceholders(options.platform);
  for (const role of ['username', 'password'] as const) {
    if (!spellings.some((p) => options.urlTemplate.includes(p[role])))
      notes.push(
        `the URL has no ${spellings[0]?.[role] ?? ''} placeholder: the ${role} does not reach the server`,
      );
  }
}
