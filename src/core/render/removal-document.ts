// What a revoked user's phones are sent once: a document that takes their accounts away. A phone
// refused (any 4xx or 5xx) keeps the configuration it has, SIP passwords included; a document it
// accepts is the only way to remove them.
//
// - The apps replace their whole configuration with what they receive: an empty <accounts/> leaves
//   them none.
// - A Desktop removes its local accounts before applying a document with an accounts section when
//   its Provision.xml says delete_accounts_beforehand (the vendor's default): an empty <accounts/>
//   leaves none. Without it, the phone merges accounts by ident (docs/overlay.md): each account it
//   was served comes again under its ident with its credentials and registrar emptied and
//   registration off, so what stays holds no secret and registers nowhere.
import {
  configDocument,
  listNode,
  optionNode,
  sectionNode,
  type ConfigDocument,
  type OptionNode,
} from '../config/config-document.js';
import type { ZoiperPlatform } from '../schema/platform-schemas.js';
import { renderedConfig, type RenderedConfig } from './render-user-config.js';

/** An account as a removal names it. */
export interface RemovedAccount {
  readonly ident: string;
  /** sip or iax2. */
  readonly protocol: string;
}

/** Options emptied, by protocol, when a Desktop merges accounts by ident. */
const EMPTIED: Readonly<Record<string, readonly string[]>> = {
  sip: ['SIP_domain', 'SIP_auth_username', 'SIP_outbound_proxy'],
  iax2: ['IAX2_host'],
};

export interface RemovalOptions {
  /** What the Desktop phones' Provision.xml says (the tenant's setting). */
  readonly deleteAccountsBeforehand: boolean;
}

export function removalDocument(
  accounts: readonly RemovedAccount[],
  platform: ZoiperPlatform,
  options: RemovalOptions,
): RenderedConfig {
  return renderedConfig(removalTree(accounts, platform, options));
}

function removalTree(
  accounts: readonly RemovedAccount[],
  platform: ZoiperPlatform,
  options: RemovalOptions,
): ConfigDocument {
  if (platform !== 'desktop' || options.deleteAccountsBeforehand || accounts.length === 0)
    return configDocument([listNode('accounts', [])]);
  const items = accounts.map((account) => {
    const options: OptionNode[] = [
      optionNode('ident', account.ident),
      optionNode('protocol', account.protocol),
      optionNode('username', ''),
      optionNode('password', ''),
      optionNode('register_on_startup', false),
      ...(EMPTIED[account.protocol] ?? []).map((name) => optionNode(name, '')),
    ];
    return sectionNode('account', options);
  });
  return configDocument([listNode('accounts', items)]);
}
