// An account as the core models it: one <account> item of the accounts list, read, written and
// validated on its own (zprov stores each account apart, its ident and password in their own places).
import { storedConfigSchema } from '../schema/platform-schemas.js';
import type { ListSpec } from '../schema/schema-types.js';
import type { Diagnostic } from '../diagnostics.js';
import { configDocument, listNode, type ConfigDocument, type SectionNode } from './config-document.js';
import type { EditScope } from './option-editor.js';
import { parseConfig } from './parse-config.js';
import { serializeConfig } from './serialize-config.js';
import { validateConfig } from './validate-config.js';

/** An account item as zprov stores it: the options of any platform's accounts (platform-schemas.ts). */
export const ACCOUNTS_LIST = storedConfigSchema.sections['accounts'] as ListSpec;

/** The option naming where an account registers: SIP_domain for SIP, IAX2_host for IAX2. */
export const REGISTRAR_OPTION = { sip: 'SIP_domain', iax2: 'IAX2_host' } as const;

/** Option paths relative to an account item (SIP_domain, stun/use_stun, codecs). */
export const ACCOUNT_SCOPE: EditScope = { shape: ACCOUNTS_LIST, where: 'the account', noun: 'account' };

export const accountItemDocument = (item: SectionNode): ConfigDocument =>
  configDocument([listNode('accounts', [item])]);

export const serializeAccountItem = (item: SectionNode): string => serializeConfig(accountItemDocument(item));

/** The first account item of a Config.xml text, if it holds one. */
export function readAccountItem(text: string): SectionNode | undefined {
  const { document } = parseConfig(text, {}, storedConfigSchema);
  const list = document?.root.children.find((c) => c.name === 'accounts');
  const item = list?.kind === 'list' ? list.items[0] : undefined;
  return item?.kind === 'section' ? item : undefined;
}

/**
 * A path in an account item's document (accounts/account[1]/stun/use_stun, as diff, flatten and the
 * validator name it) as a path relative to the item (stun/use_stun), the form the editor takes.
 */
export const pathInAccountItem = (path: string): string =>
  path.replace(/^accounts\/account\[[^\]]*\]\/?/, '');

/** The item's diagnostics, with paths relative to the item (stun/stun_port). */
export function validateAccountItem(item: SectionNode): Diagnostic[] {
  return validateConfig(accountItemDocument(item), storedConfigSchema).map((d) => ({
    ...d,
    path: pathInAccountItem(d.path),
  }));
}
