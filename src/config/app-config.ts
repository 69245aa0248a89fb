// zprov's settings: read once, from command-line flags, ZPROV_* environment variables and an optional
// JSON config file, in that precedence, over defaults. The result is frozen and passed explicitly.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ZprovError } from '../core/errors.js';
import type { ThrottleConfig } from '../services/login-throttle.js';
import { checkAddressList } from './address-list.js';
import { ENV_NAMES, LOG_FORMATS, LOG_LEVELS, SETTINGS, type ConfigKey } from './settings.js';
import { checkTrustedProxies, type TrustedProxies } from './trusted-proxies.js';

export { ENV_NAMES, type ConfigKey } from './settings.js';

export type DatabaseConfig =
  { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

export interface AppConfig {
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** 32-byte key for SIP/IAX secrets at rest: from ZPROV_SECRET_KEY (base64) or this file (created 0600). */
  readonly secretKey: string | undefined;
  readonly secretKeyFile: string;
  readonly host: string;
  readonly port: number;
  /** Public base URLs of this deployment in failover order, written into Provision.xml. */
  readonly publicUrls: readonly string[];
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** false: never trust X-Forwarded-For; a number: that many proxy hops; a list: those addresses/CIDRs. */
  readonly trustedProxies: TrustedProxies;
  /**
   * Networks whose addresses are exempt from the per-address lockout (an office NAT, a carrier's
   * gateway: many phones behind one address). Per-username limits still apply.
   */
  readonly trustedNetworks: readonly string[];
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** auto: lines for a person when standard output is a terminal, JSON otherwise. */
  readonly logFormat: (typeof LOG_FORMATS)[number];
  readonly throttle: ThrottleConfig;
  /** How long the previous provisioning password keeps working after a rotation. */
  readonly rotationWindowSeconds: number;
  /** Audit entries older than this many days are deleted by the server; 0 keeps them forever. */
  readonly auditRetentionDays: number;
  /** Where the server answers /metrics (a listener of its own); undefined: no metrics. */
  readonly metrics: { readonly host: string; readonly port: number } | undefined;
  /** The administration API: its own listener (undefined: none), and whether the phones' port serves it too. */
  readonly admin: {
    readonly listener: { readonly host: string; readonly port: number } | undefined;
    readonly onPhonePort: boolean;
  };
}

/** Settings as given by one source: every field optional, values as text or already typed. */
export type ConfigInput = Partial<Record<ConfigKey, string | number | boolean | readonly string[]>>;

export interface ConfigSources {
  readonly flags?: ConfigInput;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON file with ConfigKey fields; also taken from ZPROV_CONFIG. */
  readonly configFile?: string;
  readonly cwd?: string;
  readonly readFile?: (path: string) => string;
}

/** A listen address that means every interface ('0.0.0.0', '::' or empty), which no client can use as such. */
export const isWildcardHost = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

export function loadConfig(sources: ConfigSources = {}): AppConfig {
  const env = sources.env ?? {};
  const cwd = sources.cwd ?? process.cwd();
  const readFile = sources.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const fromEnv: ConfigInput = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [ConfigKey, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const filePath = sources.configFile ?? env['ZPROV_CONFIG'];
  const fromFile = filePath === undefined ? {} : readConfigFile(resolve(cwd, filePath), readFile);
  const merged: ConfigInput = { ...fromFile, ...fromEnv, ...definedOnly(sources.flags ?? {}) };
  return Object.freeze(resolveConfig(merged, cwd));
}

function definedOnly(input: ConfigInput): ConfigInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

function readConfigFile(path: string, readFile: (path: string) => string): ConfigInput {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new ZprovError('config', `cannot read config file ${path}: ${(error as Error).message}`, path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ZprovError(
      'config',
      `config file ${path} is not valid JSON: ${(error as Error).message}`,
      path,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ZprovError('config', `config file ${path} must hold a JSON object`, path);
  }
  for (const key of Object.keys(parsed)) {
    if (!(key in ENV_NAMES))
      throw new ZprovError(
        'config',
        `config file ${path}: unknown setting '${key}' (known: ${Object.keys(ENV_NAMES).join(', ')})`,
        key,
      );
  }
  return parsed;
}

function resolveConfig(input: ConfigInput, cwd: string): AppConfig {
  const dataDir = resolve(cwd, text(input, 'dataDir') ?? defaultText('dataDir'));
  const databaseText = text(input, 'database');
  const database: DatabaseConfig =
    databaseText !== undefined && /^postgres(ql)?:\/\//.test(databaseText)
      ? { kind: 'postgres', url: databaseText }
      : {
          kind: 'sqlite',
          path: databaseText === undefined ? resolve(dataDir, 'zprov.sqlite') : resolve(cwd, databaseText),
        };
  const tlsCert = text(input, 'tlsCert');
  const tlsKey = text(input, 'tlsKey');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ZprovError(
      'config',
      'HTTPS needs both a certificate (tlsCert) and a key (tlsKey)',
      tlsCert === undefined ? 'tlsCert' : 'tlsKey',
    );
  }
  const logLevel = choice(input, 'logLevel', LOG_LEVELS);
  const logFormat = choice(input, 'logFormat', LOG_FORMATS);
  // Checked even while the listener is off: a bad value should not wait until it is switched on.
  const adminPort = integer(input, 'adminPort');
  const secretKeyFile = text(input, 'secretKeyFile');
  return {
    dataDir,
    database,
    secretKey: text(input, 'secretKey'),
    secretKeyFile:
      secretKeyFile === undefined ? resolve(dataDir, 'secret.key') : absolute(cwd, secretKeyFile),
    host: text(input, 'host') ?? defaultText('host'),
    port: integer(input, 'port'),
    publicUrls: list(input, 'publicUrls'),
    tls:
      tlsCert !== undefined && tlsKey !== undefined
        ? { certFile: absolute(cwd, tlsCert), keyFile: absolute(cwd, tlsKey) }
        : undefined,
    trustedProxies: checkTrustedProxies(input['trustedProxies']),
    trustedNetworks: checkAddressList(list(input, 'trustedNetworks'), 'trustedNetworks', 'trusted network'),
    logLevel,
    logFormat,
    throttle: {
      maxFailuresPerUser: integer(input, 'maxFailuresPerUser'),
      maxFailuresPerAddress: integer(input, 'maxFailuresPerAddress'),
      lockoutSeconds: integer(input, 'lockoutSeconds'),
      maxLockoutSeconds: integer(input, 'maxLockoutSeconds'),
    },
    rotationWindowSeconds: integer(input, 'rotationWindowSeconds'),
    auditRetentionDays: integer(input, 'auditRetentionDays'),
    metrics: yesOrNo(input, 'metrics')
      ? {
          host: text(input, 'metricsHost') ?? defaultText('metricsHost'),
          port: integer(input, 'metricsPort'),
        }
      : undefined,
    admin: {
      listener: yesOrNo(input, 'admin')
        ? { host: text(input, 'adminHost') ?? defaultText('adminHost'), port: adminPort }
        : undefined,
      onPhonePort: yesOrNo(input, 'adminOnPhonePort'),
    },
  };
}

const absolute = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

function text(input: ConfigInput, key: ConfigKey): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function defaultText(key: ConfigKey): string {
  const value = SETTINGS[key].value;
  if (value === undefined) throw new Error(`setting ${key} has no default text`);
  return value;
}

function choice<T extends string>(input: ConfigInput, key: ConfigKey, allowed: readonly T[]): T {
  const value = text(input, key) ?? defaultText(key);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ZprovError(
      'config',
      `${key} (${ENV_NAMES[key]}) '${value}' is not one of ${allowed.join(', ')}`,
      key,
    );
  }
  return value as T;
}

const YES = ['true', '1', 'yes', 'on'];
const NO = ['false', '0', 'no', 'off'];

function yesOrNo(input: ConfigInput, key: ConfigKey): boolean {
  const spec = SETTINGS[key].boolean;
  if (spec === undefined) throw new Error(`setting ${key} is not yes-or-no`);
  const value = input[key];
  if (value === undefined) return spec.value;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (YES.includes(word)) return true;
  if (NO.includes(word)) return false;
  throw new ZprovError(
    'config',
    `${key} (${ENV_NAMES[key]}) must be true or false, got '${String(value)}'`,
    key,
  );
}

function integer(input: ConfigInput, key: ConfigKey): number {
  const spec = SETTINGS[key].integer;
  if (spec === undefined) throw new Error(`setting ${key} is not a whole number`);
  const { min, max } = spec;
  const value = input[key];
  if (value === undefined) return spec.value;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ZprovError(
      'config',
      `${key} (${ENV_NAMES[key]}) must be a whole number from ${min} to ${max}, got '${String(value)}'`,
      key,
    );
  }
  return n;
}

function list(input: ConfigInput, key: ConfigKey): string[] {
  const value = input[key];
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
