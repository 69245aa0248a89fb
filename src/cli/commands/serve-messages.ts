// What `zprov serve` tells the operator: where it listens, and on a first start what to do next.
import { defaultBaseUrls } from '../../app/compose-app.js';
import { isWildcardHost, type AppConfig } from '../../config/app-config.js';
import { PROVISION_PATH, tenantProvisionPath } from '../../services/provisioning-contract.js';

const TENANT_PATH = tenantProvisionPath('TENANT').replace('TENANT', '<tenant>');

/** `metricsUrl`: where the metrics listener answers, when metrics are on. */
export function listeningMessage(
  config: AppConfig,
  url: string,
  metricsUrl?: string,
  adminUrl?: string,
): string {
  const adminApis = [
    ...(adminUrl === undefined ? [] : [adminUrl]),
    ...(config.admin.onPhonePort ? [url] : []),
  ];
  return [
    `zprov listening on ${url}${isWildcardHost(config.host) ? ` (all interfaces, port ${new URL(url).port})` : ''}`,
    `  phones fetch ${url}${PROVISION_PATH} (default tenant) or ${url}${TENANT_PATH}`,
    `  liveness ${url}/healthz, readiness ${url}/readyz; stop with Ctrl-C or SIGTERM`,
    ...(metricsUrl === undefined ? [] : [`  metrics ${metricsUrl}/metrics (Prometheus)`]),
    ...adminApis.map((api) => `  administration API ${api}/api/v1 (reference ${api}/api/v1/reference)`),
    '',
  ].join('\n');
}

/** An address only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped), localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    h === '0:0:0:0:0:0:0:1' ||
    /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/**
 * Phones send their provisioning password in the URL or a Basic header and receive SIP passwords in
 * the reply: over plain HTTP on an address others can reach, anyone on the path reads them. The
 * warning names the settings that fix it; undefined with TLS or on loopback (behind a local proxy).
 */
export function plainHttpWarning(config: AppConfig): string | undefined {
  if (config.tls !== undefined || isLoopbackHost(config.host)) return undefined;
  const where = isWildcardHost(config.host) ? `every interface (${config.host || '0.0.0.0'})` : config.host;
  return [
    `plain HTTP on ${where}: the passwords phones send and the SIP passwords`,
    '  in their configurations cross the network in clear. Serve HTTPS with',
    '  --tls-cert <file> --tls-key <file>, or listen on loopback behind a TLS proxy:',
    '  --host 127.0.0.1 --trusted-proxies 127.0.0.1 (docs/server.md, "Behind nginx").',
  ].join('\n');
}

/**
 * How the person who started the server types zprov: `npx zprov` in a clone (started by npm, as
 * `npm start` or `npx zprov serve`), `zprov` where the package is installed.
 */
export const zprovCommand = (env: Readonly<Record<string, string | undefined>>): string =>
  env['npm_lifecycle_event'] === undefined ? 'zprov' : 'npx zprov';

/**
 * The commands that take a fresh server to a phone that provisions itself. `settingsFlags` repeats
 * the storage flags the server was started with, so the commands reach the same data; `zprov` is how
 * to type the command (zprovCommand).
 */
export function firstStartGuide(
  config: AppConfig,
  url: string,
  settingsFlags: string,
  zprov = 'zprov',
): string {
  const port = Number(new URL(url).port);
  const base = defaultBaseUrls({ ...config, port })[0] ?? url;
  const where = config.database.kind === 'sqlite' ? ` ${config.database.path}` : '';
  const f = settingsFlags === '' ? '' : ` ${settingsFlags}`;
  // The SIP passwords are encrypted with this key: a database restored without it serves none of them.
  const key = config.secretKey === undefined ? config.secretKeyFile : 'the key in ZPROV_SECRET_KEY';
  return [
    `First start: created the database${where}. Next, in another terminal:`,
    `  ${zprov} user add alice${f}            # asks for a password, or generates one and prints it once`,
    `  ${zprov} account add alice --username 1001 --domain pbx.example.com --password-stdin${f} < sip-password.txt`,
    `  ${zprov} render alice${f}              # exactly what alice's phone will receive`,
    `  ${zprov} provision-file --url ${base} -o Provision.xml${f}`,
    '  then put Provision.xml where Zoiper looks for it (README, "Where Provision.xml goes").',
    `Back up ${key} with the database (${zprov} backup <dir>${f} copies both): losing it loses every SIP password.`,
    '',
  ].join('\n');
}
