// zprov's settings: read once, from command-line flags, ZPROV_* environment variables and an optional
// JSON config file, in that precedence, over defaults. The result is frozen and passed explicitly.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ZprovError } from '../core/errors.js';
import type { ThrottleConfig } from '../services/login-throttle.js';
import { checkAddressList } from './address-list.js';
import { checkTrustedProxies, type TrustedProxies } from './trusted-proxies.js';

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
  /** Public base URLs of this deployment in failover order, written into provision.xml. */
  readonly publicUrls: readonly string[];
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** false: never trust X-Forwarded-For; a number: that many proxy hops; a list: those addresses/CIDRs. */
  readonly trustedProxies: TrustedProxies;
  /**
   * Networks whose addresses are exempt from the per-address lockout (an office NAT, a carrier's
   * gateway: many phones behind one address). Per-username limits still apply.
   */
  readonly trustedNetworks: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly throttle: ThrottleConfig;
  /** How long the previous provisioning password keeps working after a rotation. */
  readonly rotationWindowSeconds: number;
  /** Audit entries older than this many days are deleted by the server; 0 keeps them forever. */
  readonly auditRetentionDays: number;
}

/** Settings as given by one source: every field optional, values as text or already typed. */
export type ConfigInput = Partial<Record<ConfigKey, string | number | boolean | readonly string[]>>;

export type ConfigKey =
  | 'dataDir'
  | 'database'
  | 'secretKey'
  | 'secretKeyFile'
  | 'host'
  | 'port'
  | 'publicUrls'
  | 'tlsCert'
  | 'tlsKey'
  | 'trustedProxies'
  | 'trustedNetworks'
  | 'logLevel'
  | 'maxFailuresPerUser'
  | 'maxFailuresPerAddress'
  | 'lockoutSeconds'
  | 'maxLockoutSeconds'
  | 'rotationWindowSeconds'
  | 'auditRetentionDays';

/** ZPROV_* variable of each setting. */
export const ENV_NAMES: Readonly<Record<ConfigKey, string>> = {
  dataDir: 'ZPROV_DATA_DIR',
  database: 'ZPROV_DATABASE',
  secretKey: 'ZPROV_SECRET_KEY',
  secretKeyFile: 'ZPROV_SECRET_KEY_FILE',
  host: 'ZPROV_HOST',
  port: 'ZPROV_PORT',
  publicUrls: 'ZPROV_PUBLIC_URLS',
  tlsCert: 'ZPROV_TLS_CERT',
  tlsKey: 'ZPROV_TLS_KEY',
  trustedProxies: 'ZPROV_TRUSTED_PROXIES',
  trustedNetworks: 'ZPROV_TRUSTED_NETWORKS',
  logLevel: 'ZPROV_LOG_LEVEL',
  maxFailuresPerUser: 'ZPROV_MAX_FAILURES_PER_USER',
  maxFailuresPerAddress: 'ZPROV_MAX_FAILURES_PER_ADDRESS',
  lockoutSeconds: 'ZPROV_LOCKOUT_SECONDS',
  maxLockoutSeconds: 'ZPROV_MAX_LOCKOUT_SECONDS',
  rotationWindowSeconds: 'ZPROV_ROTATION_WINDOW_SECONDS',
  auditRetentionDays: 'ZPROV_AUDIT_RETENTION_DAYS',
};

export interface ConfigSources {
  readonly flags?: ConfigInput;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON file with ConfigKey fields; also taken from ZPROV_CONFIG. */
  readonly configFile?: string;
  readonly cwd?: string;
  readonly readFile?: (path: string) => string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  const dataDir = resolve(cwd, text(input, 'dataDir') ?? 'data');
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
  const logLevel = text(input, 'logLevel') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ZprovError(
      'config',
      `logLevel '${logLevel}' is not one of ${LOG_LEVELS.join(', ')}`,
      'logLevel',
    );
  }
  const secretKeyFile = text(input, 'secretKeyFile');
  return {
    dataDir,
    database,
    secretKey: text(input, 'secretKey'),
    secretKeyFile:
      secretKeyFile === undefined ? resolve(dataDir, 'secret.key') : absolute(cwd, secretKeyFile),
    host: text(input, 'host') ?? '0.0.0.0',
    port: integer(input, 'port', 8080, 0, 65535),
    publicUrls: list(input, 'publicUrls'),
    tls:
      tlsCert !== undefined && tlsKey !== undefined
        ? { certFile: absolute(cwd, tlsCert), keyFile: absolute(cwd, tlsKey) }
        : undefined,
    trustedProxies: checkTrustedProxies(input['trustedProxies']),
    trustedNetworks: checkAddressList(list(input, 'trustedNetworks'), 'trustedNetworks', 'trusted network'),
    logLevel: logLevel as AppConfig['logLevel'],
    throttle: {
      maxFailuresPerUser: integer(input, 'maxFailuresPerUser', 5, 1, 1_000_000),
      maxFailuresPerAddress: integer(input, 'maxFailuresPerAddress', 50, 1, 1_000_000),
      lockoutSeconds: integer(input, 'lockoutSeconds', 60, 1, 86_400),
      maxLockoutSeconds: integer(input, 'maxLockoutSeconds', 3600, 1, 7 * 86_400),
    },
    rotationWindowSeconds: integer(input, 'rotationWindowSeconds', 7 * 86_400, 0, 365 * 86_400),
    auditRetentionDays: integer(input, 'auditRetentionDays', 90, 0, 36_500),
  };
}

const absolute = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

function text(input: ConfigInput, key: ConfigKey): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function integer(input: ConfigInput, key: ConfigKey, fallback: number, min: number, max: number): number {
  const value = input[key];
  if (value === undefined) return fallback;
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
