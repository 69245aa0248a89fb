// Every setting of zprov, described once: its flag, its ZPROV_* variable, its config file key, its
// default and what it does. The loader (app-config.ts) reads variables, ranges and defaults from
// here, `zprov serve --help` is generated from it, and so is the table in docs/server.md (a test
// holds the two equal).

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
  | 'logFormat'
  | 'maxFailuresPerUser'
  | 'maxFailuresPerAddress'
  | 'lockoutSeconds'
  | 'maxLockoutSeconds'
  | 'rotationWindowSeconds'
  | 'auditRetentionDays'
  | 'metrics'
  | 'metricsHost'
  | 'metricsPort'
  | 'admin'
  | 'adminHost'
  | 'adminPort'
  | 'adminOnPhonePort';

export interface Setting {
  /**
   * The command-line flag with its argument, as help shows it. None for a secret, which would be
   * readable by every local user in the process list.
   */
  readonly flag: string | undefined;
  readonly env: string;
  /** The default as a person reads it; for whole numbers and texts with a `value`, derived from it. */
  readonly shownDefault?: string;
  /** One line: what the setting does. */
  readonly description: string;
  /** A text setting's default, as the loader uses it. */
  readonly value?: string;
  /** A yes-or-no setting: its default. Its flag turns it off (`--no-…`); `--…` turns it on. */
  readonly boolean?: { readonly value: boolean };
  /** A whole-number setting: its default and the range the loader accepts. */
  readonly integer?: { readonly value: number; readonly min: number; readonly max: number };
  /** The flag may be given more than once (a list, in order). */
  readonly repeatable?: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/** In the order help and the docs list them. */
export const SETTINGS: Readonly<Record<ConfigKey, Setting>> = {
  host: {
    flag: '--host <address>',
    env: 'ZPROV_HOST',
    value: '0.0.0.0',
    description: 'address the phones connect to (0.0.0.0: every interface)',
  },
  port: {
    flag: '--port <n>',
    env: 'ZPROV_PORT',
    integer: { value: 8080, min: 0, max: 65535 },
    description: 'port the phones connect to; 0 picks a free one',
  },
  dataDir: {
    flag: '--data-dir <dir>',
    env: 'ZPROV_DATA_DIR',
    value: 'data',
    shownDefault: './data',
    description: 'where the SQLite database and the secret key live',
  },
  database: {
    flag: '--database <file|url>',
    env: 'ZPROV_DATABASE',
    shownDefault: '<data-dir>/zprov.sqlite',
    description: 'SQLite file, or a postgres:// URL',
  },
  secretKeyFile: {
    flag: '--secret-key-file <file>',
    env: 'ZPROV_SECRET_KEY_FILE',
    shownDefault: '<data-dir>/secret.key',
    description: 'key for SIP/IAX passwords at rest; back it up with the database',
  },
  secretKey: {
    flag: undefined,
    env: 'ZPROV_SECRET_KEY',
    shownDefault: 'none: the key file',
    description: 'that key itself, base64 (no flag: a secret stays out of the process list)',
  },
  publicUrls: {
    flag: '--public-url <url>',
    env: 'ZPROV_PUBLIC_URLS',
    repeatable: true,
    shownDefault: 'none: this host and port',
    description: 'public URL for Provision.xml; repeat for failover, in order',
  },
  tlsCert: {
    flag: '--tls-cert <file>',
    env: 'ZPROV_TLS_CERT',
    shownDefault: 'none: plain HTTP',
    description: 'PEM certificate chain: serve HTTPS (needs --tls-key)',
  },
  tlsKey: {
    flag: '--tls-key <file>',
    env: 'ZPROV_TLS_KEY',
    shownDefault: 'none',
    description: 'PEM private key of --tls-cert',
  },
  trustedProxies: {
    flag: '--trusted-proxies <n|list>',
    env: 'ZPROV_TRUSTED_PROXIES',
    shownDefault: 'none: X-Forwarded-For is ignored',
    description: 'trust X-Forwarded-For from: a hop count, or proxy addresses/CIDRs',
  },
  trustedNetworks: {
    flag: '--trusted-networks <list>',
    env: 'ZPROV_TRUSTED_NETWORKS',
    shownDefault: 'none',
    description: 'addresses/CIDRs spared the per-address lockout (an office NAT)',
  },
  maxFailuresPerUser: {
    flag: '--max-failures-per-user <n>',
    env: 'ZPROV_MAX_FAILURES_PER_USER',
    integer: { value: 5, min: 1, max: 1_000_000 },
    description: 'failed logins of one username before it is locked out',
  },
  maxFailuresPerAddress: {
    flag: '--max-failures-per-address <n>',
    env: 'ZPROV_MAX_FAILURES_PER_ADDRESS',
    integer: { value: 50, min: 1, max: 1_000_000 },
    description: 'failed logins from one client address before it is locked out',
  },
  lockoutSeconds: {
    flag: '--lockout-seconds <n>',
    env: 'ZPROV_LOCKOUT_SECONDS',
    integer: { value: 60, min: 1, max: 86_400 },
    description: 'first lockout; each further one doubles, up to the longest',
  },
  maxLockoutSeconds: {
    flag: '--max-lockout-seconds <n>',
    env: 'ZPROV_MAX_LOCKOUT_SECONDS',
    integer: { value: 3600, min: 1, max: 7 * 86_400 },
    description: 'longest lockout',
  },
  rotationWindowSeconds: {
    flag: '--rotation-window-seconds <n>',
    env: 'ZPROV_ROTATION_WINDOW_SECONDS',
    integer: { value: 7 * 86_400, min: 0, max: 365 * 86_400 },
    shownDefault: '604800 (7 days)',
    description: 'how long the previous provisioning password works after a rotation',
  },
  auditRetentionDays: {
    flag: '--audit-retention-days <n>',
    env: 'ZPROV_AUDIT_RETENTION_DAYS',
    integer: { value: 90, min: 0, max: 36_500 },
    description: 'delete audit entries older than this (hourly); 0 keeps them all',
  },
  logLevel: {
    flag: '--log-level <level>',
    env: 'ZPROV_LOG_LEVEL',
    value: 'info',
    description: LOG_LEVELS.join(', '),
  },
  logFormat: {
    flag: '--log-format <format>',
    env: 'ZPROV_LOG_FORMAT',
    value: 'auto',
    description: 'json, pretty (for a person), or auto: pretty at a terminal',
  },
  metrics: {
    flag: '--no-metrics',
    env: 'ZPROV_METRICS',
    boolean: { value: true },
    description: 'serve Prometheus /metrics on a listener of its own (false: off)',
  },
  metricsHost: {
    flag: '--metrics-host <address>',
    env: 'ZPROV_METRICS_HOST',
    value: '127.0.0.1',
    description: 'address of the metrics listener; keep it private (tenant names)',
  },
  metricsPort: {
    flag: '--metrics-port <n>',
    env: 'ZPROV_METRICS_PORT',
    integer: { value: 9464, min: 0, max: 65535 },
    description: 'port of the metrics listener; 0 picks a free one',
  },
  admin: {
    flag: '--admin',
    env: 'ZPROV_ADMIN',
    boolean: { value: false },
    description: 'serve the administration API (/api/v1, tokens from zprov token) on a listener of its own',
  },
  adminHost: {
    flag: '--admin-host <address>',
    env: 'ZPROV_ADMIN_HOST',
    value: '127.0.0.1',
    description: 'address of the administration listener',
  },
  adminPort: {
    flag: '--admin-port <n>',
    env: 'ZPROV_ADMIN_PORT',
    integer: { value: 8081, min: 0, max: 65535 },
    description: 'port of the administration listener; 0 picks a free one',
  },
  adminOnPhonePort: {
    flag: '--admin-on-phone-port',
    env: 'ZPROV_ADMIN_ON_PHONE_PORT',
    boolean: { value: false },
    description: "also serve the administration API on the phones' port (off: phones never reach it)",
  },
};

/** The file of settings: not a setting itself, but named wherever the settings are listed. */
export const CONFIG_FILE_SETTING = {
  flag: '--config <file>',
  env: 'ZPROV_CONFIG',
  shownDefault: 'none',
  description: 'JSON file of settings, by their config file keys',
} as const;

/** The ZPROV_* variable of each setting. */
export const ENV_NAMES: Readonly<Record<ConfigKey, string>> = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, setting]) => [key, setting.env]),
) as Record<ConfigKey, string>;

export const CONFIG_KEYS = Object.keys(SETTINGS) as readonly ConfigKey[];

export function shownDefault(setting: Setting): string {
  return (
    setting.shownDefault ??
    String(setting.integer?.value ?? setting.boolean?.value ?? setting.value ?? 'none')
  );
}

/** One line of the listing, in the order of SETTINGS, then the config file. */
export interface SettingRow {
  readonly flag: string | undefined;
  readonly env: string;
  readonly key: string | undefined;
  readonly shownDefault: string;
  readonly description: string;
}

export function settingRows(): SettingRow[] {
  const rows: SettingRow[] = CONFIG_KEYS.map((key) => {
    const setting = SETTINGS[key];
    return {
      flag: setting.flag,
      env: setting.env,
      key,
      shownDefault: shownDefault(setting),
      description: setting.description,
    };
  });
  return [...rows, { ...CONFIG_FILE_SETTING, key: undefined }];
}

/** A default's value as code, what follows it as text: `8080`, `./data`, none: plain HTTP. */
function markdownDefault(text: string): string {
  const [value = '', ...rest] = text.split(' ');
  if (value === 'none' || value === 'none:') return text;
  return [`\`${value}\``, ...rest].join(' ');
}

/**
 * The settings as the Markdown table of docs/server.md, laid out as Prettier lays out tables, so that
 * formatting the docs leaves it as generated.
 */
export function settingsMarkdownTable(): string {
  const code = (text: string): string => `\`${text.replace(/\|/g, '\\|')}\``;
  const header = ['flag', 'variable', 'config file key', 'default', 'what it does'];
  const cells = settingRows().map((row) => [
    row.flag === undefined ? '' : code(row.flag),
    code(row.env),
    row.key === undefined ? '' : code(row.key),
    markdownDefault(row.shownDefault),
    row.description.replace(/\|/g, '\\|'),
  ]);
  const widths = header.map((h, i) => Math.max(3, h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
