// What `zprov serve` tells the operator: where it listens, and on a first start what to do next.
import type { AppConfig } from '../../config/app-config.js';
import { PROVISION_PATH, tenantProvisionPath } from '../../services/provisioning-contract.js';

export function listeningMessage(config: AppConfig, url: string): string {
  const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '';
  const where = wildcard ? `${url} (all interfaces, port ${new URL(url).port})` : url;
  return [
    `zprov listening on ${where}`,
    `  phones fetch ${url}${PROVISION_PATH} (default tenant) or ${url}${tenantProvisionPath('TENANT').replace('TENANT', '<tenant>')}`,
    `  health: ${url}/healthz, readiness: ${url}/readyz; stop with Ctrl-C or SIGTERM`,
    '',
  ].join('\n');
}

export function firstStartGuide(config: AppConfig, url: string): string {
  const dataFlag = config.database.kind === 'sqlite' ? ` --data-dir ${quote(config.dataDir)}` : '';
  return [
    `First start: created the database ${config.database.kind === 'sqlite' ? config.database.path : ''}.`,
    'Next, in another terminal:',
    `  1. add a user (the credentials the phone sends):`,
    `       zprov user add alice --password 'choose-one'${dataFlag}`,
    `  2. give the user a SIP account:`,
    `       zprov account add alice --username 1001 --password 'sip-secret' --domain pbx.example.com${dataFlag}`,
    `  3. write the provision.xml to put next to Zoiper:`,
    `       zprov provision-file --url ${config.publicUrls[0] ?? url} -o provision.xml${dataFlag}`,
    `  4. check what alice will receive: zprov render alice${dataFlag}`,
    '',
  ].join('\n');
}

/** Shell-quotes a path when it needs it. */
const quote = (text: string): string =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
