// What `zprov serve` tells the operator: where it listens, and on a first start what to do next.
import { defaultBaseUrls } from '../../app/compose-app.js';
import { isWildcardHost, type AppConfig } from '../../config/app-config.js';
import { PROVISION_PATH, tenantProvisionPath } from '../../services/provisioning-contract.js';

const TENANT_PATH = tenantProvisionPath('TENANT').replace('TENANT', '<tenant>');

export function listeningMessage(config: AppConfig, url: string): string {
  return [
    `zprov listening on ${url}${isWildcardHost(config.host) ? ` (all interfaces, port ${new URL(url).port})` : ''}`,
    `  phones fetch ${url}${PROVISION_PATH} (default tenant) or ${url}${TENANT_PATH}`,
    `  liveness ${url}/healthz, readiness ${url}/readyz; stop with Ctrl-C or SIGTERM`,
    '',
  ].join('\n');
}

/**
 * The commands that take a fresh server to a phone that provisions itself. `settingsFlags` repeats
 * the storage flags the server was started with, so the commands reach the same data.
 */
export function firstStartGuide(config: AppConfig, url: string, settingsFlags: string): string {
  const port = Number(new URL(url).port);
  const base = defaultBaseUrls({ ...config, port })[0] ?? url;
  const where = config.database.kind === 'sqlite' ? ` ${config.database.path}` : '';
  const f = settingsFlags === '' ? '' : ` ${settingsFlags}`;
  return [
    `First start: created the database${where}. Next, in another terminal:`,
    `  zprov user add alice${f}            # asks for a password, or generates one and prints it once`,
    `  zprov account add alice --username 1001 --domain pbx.example.com --password-stdin${f} < sip-password.txt`,
    `  zprov render alice${f}              # exactly what alice's phone will receive`,
    `  zprov provision-file --url ${base} -o provision.xml${f}`,
    '  then put provision.xml next to Zoiper (see README, "The provisioning server").',
    '',
  ].join('\n');
}
