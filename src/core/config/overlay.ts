// The phone's merge: what Zoiper holds after laying a downloaded configuration over its local
// Config.xml. Rules and the choices the vendor leaves open are written down in docs/overlay.md.
import type { ScalarValue } from '../schema/schema-types.js';
import {
  optionValue,
  type ConfigDocument,
  type ConfigNode,
  type ListNode,
  type SectionNode,
  type SubtreeNode,
  type SubtreeProperty,
} from './config-document.js';

export interface OverlayOptions {
  /** Provision.xml delete_accounts_beforehand (vendor default true). */
  readonly deleteAccountsBeforehand?: boolean;
  /** Provision.xml delete_contact_services_beforehand (vendor default false). */
  readonly deleteContactServicesBeforehand?: boolean;
}

export const OVERLAY_DEFAULTS = Object.freeze({
  deleteAccountsBeforehand: true,
  deleteContactServicesBeforehand: false,
});

/**
 * Top-level lists whose items the phone matches by `ident` unless told to delete them first, with
 * the item option that says what kind of item it is (an item whose kind changes is replaced).
 */
const IDENT_LISTS: Readonly<Record<string, { flag: keyof OverlayOptions; variantBy: string }>> = {
  accounts: { flag: 'deleteAccountsBeforehand', variantBy: 'protocol' },
  contact_services: { flag: 'deleteContactServicesBeforehand', variantBy: 'type' },
};

export function overlay(
  local: ConfigDocument,
  remote: ConfigDocument,
  options: OverlayOptions = {},
): ConfigDocument {
  // `??` rather than a spread: a caller passing { deleteAccountsBeforehand: undefined } gets the default.
  const settings: Required<OverlayOptions> = {
    deleteAccountsBeforehand: options.deleteAccountsBeforehand ?? OVERLAY_DEFAULTS.deleteAccountsBeforehand,
    deleteContactServicesBeforehand:
      options.deleteContactServicesBeforehand ?? OVERLAY_DEFAULTS.deleteContactServicesBeforehand,
  };
  return {
    kind: 'config',
    root: mergeSection(local.root, remote.root, (list) => rootListRule(list, settings)),
  };
}

type ListRule = 'replace' | { readonly matchByIdent: { readonly variantBy: string } };

function rootListRule(list: ListNode, settings: Required<OverlayOptions>): ListRule {
  const rule = IDENT_LISTS[list.name];
  if (rule === undefined) return 'replace';
  return settings[rule.flag] ? 'replace' : { matchByIdent: { variantBy: rule.variantBy } };
}

const replaceLists = (): ListRule => 'replace';

/**
 * One section laid over another the way the phone merges a section: options replace, sections merge,
 * lists are replaced whole (account defaults under an account's own options).
 */
export const overlaySection = (lower: SectionNode, higher: SectionNode): SectionNode =>
  mergeSection(lower, higher, replaceLists);

/**
 * Remote children replace local ones of the same name in place; sections merge recursively;
 * children only the remote has are appended in remote order.
 */
function mergeSection(
  local: SectionNode,
  remote: SectionNode,
  listRule: (list: ListNode) => ListRule,
): SectionNode {
  const children: ConfigNode[] = [...local.children];
  const indexByName = new Map<string, number>();
  children.forEach((child, i) => {
    if (!indexByName.has(child.name)) indexByName.set(child.name, i);
  });
  for (const incoming of remote.children) {
    const at = indexByName.get(incoming.name);
    if (at === undefined) {
      indexByName.set(incoming.name, children.length);
      children.push(incoming);
      continue;
    }
    children[at] = mergeNode(children[at] as ConfigNode, incoming, listRule);
  }
  return { ...local, children };
}

function mergeNode(
  local: ConfigNode,
  remote: ConfigNode,
  listRule: (list: ListNode) => ListRule,
): ConfigNode {
  if (local.kind === 'section' && remote.kind === 'section') return mergeSection(local, remote, replaceLists);
  if (local.kind === 'list' && remote.kind === 'list') {
    const rule = listRule(remote);
    return rule === 'replace' ? remote : mergeByIdent(local, remote, rule.matchByIdent.variantBy);
  }
  if (local.kind === 'subtree' && remote.kind === 'subtree') {
    return {
      ...local,
      properties: mergeProperties(local.properties, remote.properties),
    } satisfies SubtreeNode;
  }
  return remote;
}

/**
 * Items with a known ident are merged into the local item; the rest are appended. A remote item
 * that names another protocol or type than the local one replaces it: the options of the old kind
 * would not belong to the new one.
 */
function mergeByIdent(local: ListNode, remote: ListNode, variantBy: string): ListNode {
  const items = [...local.items];
  const indexByIdent = new Map<ScalarValue, number>();
  items.forEach((item, i) => {
    const ident = item.kind === 'section' ? optionValue(item, 'ident') : undefined;
    if (ident !== undefined && ident !== '' && !indexByIdent.has(ident)) indexByIdent.set(ident, i);
  });
  for (const incoming of remote.items) {
    const ident = incoming.kind === 'section' ? optionValue(incoming, 'ident') : undefined;
    const at = ident === undefined || ident === '' ? undefined : indexByIdent.get(ident);
    const existing = at === undefined ? undefined : items[at];
    if (at !== undefined && existing?.kind === 'section' && incoming.kind === 'section') {
      items[at] = sameKind(existing, incoming, variantBy)
        ? mergeSection(existing, incoming, replaceLists)
        : incoming;
    } else {
      if (ident !== undefined && ident !== '') indexByIdent.set(ident, items.length);
      items.push(incoming);
    }
  }
  return { ...local, items };
}

/** False only when both items state their kind and the kinds differ. */
function sameKind(local: SectionNode, remote: SectionNode, variantBy: string): boolean {
  const before = optionValue(local, variantBy);
  const after = optionValue(remote, variantBy);
  // Compared without case: a legacy SIP and a current sip name the same protocol.
  return (
    before === undefined ||
    after === undefined ||
    String(before).toLowerCase() === String(after).toLowerCase()
  );
}

function mergeProperties(
  local: readonly SubtreeProperty[],
  remote: readonly SubtreeProperty[],
): SubtreeProperty[] {
  const result = [...local];
  for (const incoming of remote) {
    const at = result.findIndex((p) => p.name === incoming.name);
    if (at < 0) {
      result.push(incoming);
      continue;
    }
    const existing = result[at] as SubtreeProperty;
    result[at] =
      existing.type === 'subtree' && incoming.type === 'subtree'
        ? { ...existing, children: mergeProperties(existing.children, incoming.children) }
        : incoming;
  }
  return result;
}
