// The emulator's account of one provisioning run, step by step, as plain data: printed as text for a
// person (report-text.ts) or as JSON for a script. Secrets never appear in it.
import type {
  Diagnostic,
  DiffEntry,
  MobilePlatform,
  PasswordFormat,
  ProvisionOptions,
} from '../core/index.js';
import type { DesktopOs } from './zoiper-locations.js';

export type SimulationMode = 'desktop' | MobilePlatform;

/** How a run ends; the CLI maps each to its own exit code. */
export type SimulationOutcome =
  | 'success'
  | 'no-provision-file'
  | 'invalid-provision-file'
  | 'credentials-unavailable'
  | 'invalid-local-config'
  | 'all-failed'
  | 'error-document';

export type LookupLocation = 'explicit' | 'working-directory' | 'executable-directory' | 'data-directory';

export interface LookupStep {
  readonly location: LookupLocation;
  readonly directory: string;
  /** File names looked for, in order. */
  readonly names: readonly string[];
  /** Full path of the file found here, if any. */
  readonly found?: string;
  readonly note?: string;
}

export interface ProvisionStep {
  readonly path: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly baseUrls: readonly string[];
  /** As read, with the preset password masked. */
  readonly options: ProvisionOptions;
}

export type CredentialSource = 'preset' | 'flags' | 'prompt' | 'none';

/** What the password the phone sends is: as stored or typed, or the MD5 hex of what was typed. */
export type PasswordSent = 'as-stored' | 'as-typed' | 'md5-of-typed' | 'none';

export interface CredentialsStep {
  readonly source: CredentialSource;
  readonly username: string;
  readonly passwordFormat?: PasswordFormat;
  readonly passwordSent: PasswordSent;
  /** How the credentials travel: substituted into the URL, an HTTP Basic header, or not at all. */
  readonly transport: 'url' | 'basic' | 'none';
  readonly notes: readonly string[];
}

export type AttemptVerdict =
  'configuration' | 'invalid-configuration' | 'error-document' | 'http-error' | 'network-error' | 'timeout';

export interface Attempt {
  /** 1-based position of the base URL in the provision file (always 1 in mobile mode). */
  readonly index: number;
  /** The URL requested, with the password replaced by a mask. */
  readonly url: string;
  readonly auth: 'url' | 'basic' | 'none';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly verdict: AttemptVerdict;
  readonly status?: number;
  readonly contentType?: string;
  readonly bytes?: number;
  /** Redirects followed, as "301 -> https://host/path". */
  readonly redirects?: readonly string[];
  /** The network failure, or why the reply is not usable. */
  readonly problem?: string;
  /** The text of an <error> reply, as the phone would show it. */
  readonly errorText?: string;
  readonly errorCode?: number;
  /** Validation of the reply against the configuration schema of the emulated platform. */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface OverlayStep {
  readonly localPath: string;
  readonly localFound: boolean;
  readonly localDiagnostics: readonly Diagnostic[];
  readonly deleteAccountsBeforehand: boolean;
  readonly deleteContactServicesBeforehand: boolean;
}

/** Mobile: the configuration the app held before this fetch, and whether it stays in use. */
export interface PreviousStep {
  readonly path: string;
  readonly found: boolean;
  /** True when the fetch failed and the app keeps using this configuration. */
  readonly kept: boolean;
  readonly note: string;
}

export interface SimulationReport {
  readonly mode: SimulationMode;
  readonly os?: DesktopOs;
  readonly startedAt: string;
  readonly outcome: SimulationOutcome;
  /** One sentence for the person in front of the screen. */
  readonly summary: string;
  readonly lookup: readonly LookupStep[];
  readonly provision?: ProvisionStep;
  readonly credentials?: CredentialsStep;
  readonly attempts: readonly Attempt[];
  /** Index (1-based) of the attempt whose configuration was used. */
  readonly usedAttempt?: number;
  readonly overlay?: OverlayStep;
  readonly previous?: PreviousStep;
  /** Local (or previous) configuration to the result; empty when nothing changes. */
  readonly diff?: readonly DiffEntry[];
  readonly notes: readonly string[];
}
