// What one user is served: the profiles of their layers (server → tenant → group → user, the later
// winning per option) with their accounts on top. Pure: the same inputs give byte-identical output.
// The document holds only what profiles and accounts set, never schema defaults, so every option an
// administrator leaves alone stays whatever the phone has locally.
import { createHash } from 'node:crypto';
import { layerAccountDefaults, withAccountDefaults } from '../config/account-defaults.js';
import { canonicalDocument } from '../config/canonical-order.js';
import {
  configDocument,
  listNode,
  optionValue,
  sectionNode,
  type ConfigDocument,
  type SectionNode,
} from '../config/config-document.js';
import { withChild, withOption } from '../config/option-editor.js';
import { overlay } from '../config/overlay.js';
import { serializeConfig } from '../config/serialize-config.js';

export interface RenderAccount {
  readonly ident: string;
  /** The stored item: every option the account sets except ident and password. */
  readonly item: SectionNode;
  /** Decrypted; undefined when the account has no password. */
  readonly password: string | undefined;
  readonly isDefault: boolean;
}

export interface RenderInput {
  /** Profile documents from the lowest layer to the highest; absent layers left out. */
  readonly layers: readonly ConfigDocument[];
  /**
   * The account defaults of the same layers, lowest first (absent layers and layers without defaults
   * left out): under every account's own options, each option only for the protocols it belongs to.
   */
  readonly accountDefaults?: readonly SectionNode[];
  /** The user's accounts in their order (disabled accounts left out by the caller). */
  readonly accounts: readonly RenderAccount[];
}

export interface RenderedConfig {
  readonly document: ConfigDocument;
  /** Config.xml text, UTF-8. */
  readonly body: string;
  /** sha256 hex of body. */
  readonly hash: string;
  /** True when nothing at all is set: there is nothing to serve. */
  readonly empty: boolean;
}

/**
 * Between layers a list (contact services, codecs, ...) counts as one option: the highest layer that
 * sets it wins whole. Merging items by ident across layers could combine items that may not coexist
 * (two contact services of a single-instance type).
 */
const LAYERING = { deleteAccountsBeforehand: true, deleteContactServicesBeforehand: true } as const;

export function renderUserConfig(input: RenderInput): RenderedConfig {
  let merged = configDocument([]);
  for (const layer of input.layers) merged = overlay(merged, layer, LAYERING);
  let root = merged.root;
  if (input.accounts.length > 0) {
    const defaults = layerAccountDefaults(input.accountDefaults ?? []);
    const items = input.accounts.map((account) => accountItem(account, defaults));
    root = withChild(root, listNode('accounts', items));
    const chosen = input.accounts.find((a) => a.isDefault) ?? input.accounts[0];
    if (chosen !== undefined) {
      const general = root.children.find((c) => c.name === 'general');
      root = withChild(
        root,
        withOption(
          general?.kind === 'section' ? general : sectionNode('general', []),
          'account',
          chosen.ident,
        ),
      );
    }
  }
  const document = canonicalDocument({ kind: 'config', root });
  return renderedConfig(document);
}

/** A document with its text and that text's hash, as served. */
export function renderedConfig(document: ConfigDocument): RenderedConfig {
  const body = serializeConfig(document);
  return {
    document,
    body,
    hash: createHash('sha256').update(body, 'utf8').digest('hex'),
    empty: document.root.children.length === 0,
  };
}

function accountItem(account: RenderAccount, defaults: SectionNode): SectionNode {
  const own = withAccountDefaults(
    account.item,
    defaults,
    String(optionValue(account.item, 'protocol') ?? ''),
  );
  let item: SectionNode = withOption(
    {
      ...own,
      children: own.children.filter((c) => c.name !== 'ident' && c.name !== 'password'),
    },
    'ident',
    account.ident,
  );
  if (account.password !== undefined) item = withOption(item, 'password', account.password);
  return item;
}
