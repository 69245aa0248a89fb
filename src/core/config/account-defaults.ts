// Account defaults: options a profile sets for every account of the users it applies to (TLS
// transport, an outbound proxy, STUN, codecs, ZRTP), layered like every other option and overridden
// by each account's own settings. In a profile they are edited by path under `account/`
// (`account/SIP_transport_type`, `account/stun/use_stun`, `account/codecs`), relative paths the
// account option editor resolves against the account item's schema.
import type { NodeSpec, OptionSpec } from '../schema/schema-types.js';
import { ACCOUNT_SCOPE, ACCOUNTS_LIST } from './account-item.js';
import { sectionNode, type ConfigNode, type SectionNode } from './config-document.js';
import { setOptionIn, unsetOptionIn, type SubtreeEdit } from './option-editor.js';
import { overlaySection } from './overlay.js';

/** The first segment of a profile path that names an account default. */
export const ACCOUNT_DEFAULTS_PREFIX = 'account';

/** What each account sets for itself; a default for these would make accounts collide or mean nothing. */
const PER_ACCOUNT: Readonly<Record<string, string>> = {
  ident: 'the ident is assigned to each account by zprov',
  password: "each account's password is its own (zprov account update --password)",
  protocol: "each account's protocol is its own (zprov account add --protocol)",
  username: "each account's username is its own",
};

/** The path relative to an account when `path` names an account default (account/x → x). */
export function accountDefaultsPath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  if (segments[0] !== ACCOUNT_DEFAULTS_PREFIX) return undefined;
  return segments.slice(1).join('/');
}

function refusal(relative: string): string | undefined {
  if (relative === '')
    return `'${ACCOUNT_DEFAULTS_PREFIX}/' names no option; account defaults are set by path (${ACCOUNT_DEFAULTS_PREFIX}/SIP_transport_type)`;
  const reason = relative.includes('/') ? undefined : PER_ACCOUNT[relative];
  return reason === undefined ? undefined : `${ACCOUNT_DEFAULTS_PREFIX}/${relative}: ${reason}`;
}

const DEFAULTS_SCOPE = { ...ACCOUNT_SCOPE, where: `the account defaults (${ACCOUNT_DEFAULTS_PREFIX}/…)` };

export const emptyAccountDefaults = (): SectionNode => sectionNode(ACCOUNTS_LIST.item, []);

/** Sets an account default from its text form (`relative` as accountDefaultsPath returned it). */
export function setAccountDefault(defaults: SectionNode, relative: string, text: string): SubtreeEdit {
  const refused = refusal(relative);
  if (refused !== undefined) return { ok: false, error: refused };
  return named(relative, setOptionIn(defaults, DEFAULTS_SCOPE, relative, text));
}

export function unsetAccountDefault(defaults: SectionNode, relative: string): SubtreeEdit {
  const refused = refusal(relative);
  if (refused !== undefined) return { ok: false, error: refused };
  return named(relative, unsetOptionIn(defaults, DEFAULTS_SCOPE, relative));
}

/** Errors that start with the relative path name the whole profile path instead. */
const named = (relative: string, edit: SubtreeEdit): SubtreeEdit =>
  edit.ok || !edit.error.startsWith(relative)
    ? edit
    : { ok: false, error: `${ACCOUNT_DEFAULTS_PREFIX}/${edit.error}` };

/** The defaults of several layers, lowest first: a later layer wins per option, a list wins whole. */
export function layerAccountDefaults(layers: readonly SectionNode[]): SectionNode {
  return layers.reduce((merged, layer) => overlaySection(merged, layer), emptyAccountDefaults());
}

function appliesTo(spec: NodeSpec | OptionSpec | undefined, protocol: string): boolean {
  const applies = spec !== undefined && 'appliesTo' in spec ? spec.appliesTo : undefined;
  return applies === undefined || applies === null || applies.includes(protocol);
}

/**
 * The account as served: the defaults that apply to its protocol (a SIP transport never lands on an
 * IAX2 account), with the account's own options laid over them.
 */
export function withAccountDefaults(item: SectionNode, defaults: SectionNode, protocol: string): SectionNode {
  if (defaults.children.length === 0) return item;
  const fitting = defaults.children.filter((child: ConfigNode) =>
    appliesTo(ACCOUNTS_LIST.options[child.name] ?? ACCOUNTS_LIST.sections[child.name], protocol),
  );
  if (fitting.length === 0) return item;
  return overlaySection({ ...defaults, children: fitting }, item);
}
