// Shared pieces of the emulator tests: temporary directories, provision files, a reply document.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeText } from '../../src/core/index.js';
import type { ClientPorts } from '../../src/client/desktop-simulation.js';
import { nodeFetch, nodeFileSystem } from '../../src/client/node-ports.js';

export const FIXTURES = new URL('../fixtures/client/', import.meta.url);

export async function tempDir(prefix = 'zprov-client-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface ProvisionFileOptions {
  readonly useAuthentication?: boolean;
  readonly userInputAuthentication?: boolean;
  readonly authenticationType?: 'url' | 'basic';
  readonly user?: string;
  readonly password?: string;
  readonly passwordFormat?: 0 | 1;
  readonly deleteAccountsBeforehand?: boolean;
  readonly deleteContactServicesBeforehand?: boolean;
}

export function provisionXml(urls: readonly string[], o: ProvisionFileOptions = {}): string {
  const options: [string, string | boolean | number | undefined][] = [
    ['use_authentication', o.useAuthentication ?? true],
    ['user_input_authentication', o.userInputAuthentication ?? false],
    ['authentication_type', o.authenticationType ?? 'url'],
    ['user', o.user],
    ['password', o.password],
    ['password_format', o.passwordFormat ?? 1],
    ['delete_accounts_beforehand', o.deleteAccountsBeforehand],
    ['delete_contact_services_beforehand', o.deleteContactServicesBeforehand],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<provision>',
    '  <base_urls>',
    ...urls.map((u) => `    <base_url>${escapeText(u)}</base_url>`),
    '  </base_urls>',
    '  <options>',
    ...options
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `    <${k}>${escapeText(String(v))}</${k}>`),
    '  </options>',
    '</provision>',
    '',
  ].join('\n');
}

export async function writeIn(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** A small valid Desktop configuration, as a server would send it. */
export const REPLY = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <accounts>
    <account>
      <ident>prov-1</ident>
      <name>Office</name>
      <protocol>sip</protocol>
      <username>alice</username>
      <password>sip-secret</password>
      <SIP_domain>pbx.example.com</SIP_domain>
    </account>
  </accounts>
</options>
`;

/** Real file system and HTTP; a clock that moves 5 ms per reading so durations are not zero. */
export function realPorts(): ClientPorts {
  let t = Date.UTC(2026, 10, 26, 10, 0, 0);
  return { fs: nodeFileSystem, fetch: nodeFetch, clock: { now: () => (t += 5) } };
}
