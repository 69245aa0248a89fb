// Editing a configuration by option path: what an administrator does to a profile (general/auto_away,
// audio/selected_input_device/name), to an account item (stun/use_stun, codecs) and, through an item
// selector, to one item of a list in a whole document (accounts/account[ident=3f9c]/stun/use_stun,
// contact_services/contact_service[ident=ldap1]/port). One editor for every subtree: it is handed the
// subtree and the schema shape that subtree follows. Values are typed and checked by the schema; a
// legacy spelling (UDP, ef) is accepted and stored the way current Zoiper versions spell it.
import { itemShape, STORED_ROOT_SHAPE, type ItemShape } from '../schema/schema-lookup.js';
import type { ListSpec, OptionSpec, ScalarValue } from '../schema/schema-types.js';
import { closestName } from './closest-name.js';
import { codeListItems } from './codec-names.js';
import {
  listNode,
  optionNode,
  optionValue,
  sectionNode,
  type ConfigDocument,
  type ConfigNode,
  type ListNode,
  type SectionNode,
} from './config-document.js';
import { typeValue } from './parse-config.js';
import { checkValue } from './validate-config.js';

/** The subtree an edit applies to, as errors name it. */
export interface EditScope {
  /** The schema shape the subtree follows (CONFIG_ROOT_SHAPE for a document, a list item's shape). */
  readonly shape: ItemShape;
  /** How errors name the subtree's top: "the document root", "the account". */
  readonly where: string;
  /** A word errors put before "option" and "section": "account" gives "no account option 'x'". */
  readonly noun?: string;
}

export type SubtreeEdit =
  { readonly ok: true; readonly section: SectionNode } | { readonly ok: false; readonly error: string };

/** One item of a list, chosen by the value of one of its options: account[ident=3f9c]. */
export interface ItemSelector {
  readonly item: string;
  readonly option: string;
  readonly value: ScalarValue;
}

/** A step of a resolved path: into a section, or into the item of a list a selector picks. */
export type PathStep =
  | { readonly kind: 'section'; readonly name: string }
  | { readonly kind: 'item'; readonly name: string; readonly select: ItemSelector };

/** What a path names; for an item, the last step is the item's. */
export type PathTarget =
  | { readonly kind: 'option'; readonly name: string; readonly spec: OptionSpec }
  | { readonly kind: 'list'; readonly name: string; readonly spec: ListSpec }
  | { readonly kind: 'section' | 'subtree' | 'item'; readonly name: string };

export type ResolvedPath =
  | { readonly ok: true; readonly steps: readonly PathStep[]; readonly target: PathTarget }
  | { readonly ok: false; readonly error: string };

interface Segment {
  readonly text: string;
  readonly name: string;
  readonly select?: { readonly option: string; readonly value: string };
}

const SEGMENT = /^([^[\]=]+)(?:\[([^[\]=]+)=([^[\]]*)\])?$/;

function segmentsOf(path: string): Segment[] | string {
  const segments: Segment[] = [];
  for (const text of path.split('/').filter((s) => s !== '')) {
    const match = SEGMENT.exec(text);
    if (match === null) return `'${text}' in '${path}' is neither a name nor name[option=value]`;
    const [, name, option, value] = match as unknown as [string, string, string?, string?];
    segments.push(
      option === undefined ? { text, name } : { text, name, select: { option, value: value ?? '' } },
    );
  }
  return segments;
}

/** What `path` names in a subtree of shape `scope.shape`, or why it names nothing. */
export function resolvePath(scope: EditScope, path: string): ResolvedPath {
  const segments = segmentsOf(path);
  if (typeof segments === 'string') return { ok: false, error: segments };
  if (segments.length === 0) return { ok: false, error: `'${path}' is not an option path` };
  const steps: PathStep[] = [];
  let shape = scope.shape;
  const noun = scope.noun === undefined ? '' : `${scope.noun} `;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const last = i === segments.length - 1;
    const here =
      segments
        .slice(0, i)
        .map((s) => s.text)
        .join('/') || scope.where;
    if (segment.select !== undefined)
      return { ok: false, error: `${segment.text}: an item selector follows the name of a list` };
    const option = shape.options[segment.name];
    const node = shape.sections[segment.name];
    if (last && option !== undefined)
      return { ok: true, steps, target: { kind: 'option', name: segment.name, spec: option } };
    if (last && node !== undefined) {
      const target: PathTarget =
        node.kind === 'list'
          ? { kind: 'list', name: segment.name, spec: node }
          : { kind: node.kind, name: segment.name };
      return { ok: true, steps, target };
    }
    if (!last && node?.kind === 'section') {
      steps.push({ kind: 'section', name: segment.name });
      shape = node;
      continue;
    }
    if (!last && node?.kind === 'list') {
      const next = segments[i + 1] as Segment;
      const isItem = next.name === node.item || (node.itemAliases ?? []).includes(next.name);
      if (next.select === undefined || !isItem)
        return {
          ok: false,
          error: `${segments
            .slice(0, i + 1)
            .map((s) => s.text)
            .join('/')} is a list; lists are set as a whole, not by option path`,
        };
      const selector = itemSelector(node, next.name, next.select, `${segment.text}/${next.text}`);
      if (typeof selector === 'string') return { ok: false, error: selector };
      i += 1;
      steps.push({ kind: 'item', name: segment.name, select: selector });
      if (i === segments.length - 1) return { ok: true, steps, target: { kind: 'item', name: segment.name } };
      shape = itemShape(node, selector.option === node.variantBy ? String(selector.value) : undefined);
      continue;
    }
    const guess = closestName(segment.name, [...Object.keys(shape.options), ...Object.keys(shape.sections)]);
    return {
      ok: false,
      error: `no ${noun}${last ? 'option' : 'section'} '${segment.name}' in ${here}${guess ? `; did you mean '${guess}'?` : ''}`,
    };
  }
  return { ok: false, error: `'${path}' is not an option path` };
}

function itemSelector(
  list: ListSpec,
  item: string,
  select: { readonly option: string; readonly value: string },
  where: string,
): ItemSelector | string {
  const spec = itemShape(list, undefined).options[select.option];
  if (spec === undefined) return `${where}: an item of this list has no option '${select.option}'`;
  return { item, option: select.option, value: typeValue(spec, select.value) };
}

/**
 * Sets what `path` names from its text form: an option (typed and checked against the schema), or a
 * list of codes (codecs "opus,pcmu,g722" or ids; ZRTP "S384,S256": one item per code, priority by
 * position; empty text removes the list). Sections on the way, and a selected item missing from its
 * list, are created.
 */
export function setOptionIn(root: SectionNode, scope: EditScope, path: string, text: string): SubtreeEdit {
  const resolved = resolvePath(scope, path);
  if (!resolved.ok) return resolved;
  const { steps, target } = resolved;
  let replacement: ConfigNode | undefined;
  switch (target.kind) {
    case 'option': {
      const value = checkedValue(target.spec, text, path);
      if (typeof value === 'object') return value;
      replacement = optionNode(target.name, value);
      break;
    }
    case 'list': {
      const items = codeListItems(target.spec, text, path);
      if (typeof items === 'string') return { ok: false, error: items };
      replacement = items.length === 0 ? undefined : listNode(target.name, items);
      break;
    }
    case 'item':
      return { ok: false, error: `${path} is a list item; set its options (${path}/…)` };
    case 'section':
    case 'subtree':
      return { ok: false, error: `${path} is a section; set its options (${path}/…)` };
  }
  return { ok: true, section: rewrite(root, steps, target.name, replacement) ?? { ...root, children: [] } };
}

/** Removes what `path` names (an option, section, list or item); sections left empty go too. */
export function unsetOptionIn(root: SectionNode, scope: EditScope, path: string): SubtreeEdit {
  const resolved = resolvePath(scope, path);
  if (!resolved.ok) return resolved;
  const { steps, target } = resolved;
  const reached = enterAll(root, steps);
  const present =
    target.kind === 'item' ? reached !== undefined : reached?.children.some((c) => c.name === target.name);
  if (present !== true) return { ok: true, section: root };
  const section = rewrite(root, steps, target.name, undefined, target.kind === 'item');
  return { ok: true, section: section ?? { ...root, children: [] } };
}

/** The value of the option at `path` under `root`, if it is set. Lists are entered only by selector. */
export function optionIn(root: SectionNode, path: string): ScalarValue | undefined {
  const segments = segmentsOf(path);
  if (typeof segments === 'string' || segments.length === 0) return undefined;
  let node: SectionNode | undefined = root;
  for (let i = 0; i < segments.length - 1 && node !== undefined; i++) {
    const { name } = segments[i] as Segment;
    const next = segments[i + 1] as Segment;
    const child: ConfigNode | undefined = node.children.find((c) => c.name === name);
    if (child?.kind === 'list' && next.select !== undefined && i + 1 < segments.length - 1) {
      const select = next.select;
      node = child.items.find(
        (item): item is SectionNode =>
          item.kind === 'section' && String(optionValue(item, select.option)) === select.value,
      );
      i += 1;
    } else node = child?.kind === 'section' ? child : undefined;
  }
  const last = segments[segments.length - 1] as Segment;
  return node === undefined || last.select !== undefined ? undefined : optionValue(node, last.name);
}

function checkedValue(
  spec: OptionSpec,
  text: string,
  path: string,
): ScalarValue | { readonly ok: false; readonly error: string } {
  const typed = typeValue(spec, text);
  const problem = checkValue(spec, typed);
  if (problem !== undefined && problem.severity !== 'warning')
    return { ok: false, error: `${path}: ${problem.message}` };
  return problem?.code === 'value.enum-case' ? canonicalSpelling(spec, typed) : typed;
}

function canonicalSpelling(spec: OptionSpec, value: ScalarValue): ScalarValue {
  const folded = String(value).toLowerCase();
  return spec.values?.find((v) => String(v.value).toLowerCase() === folded)?.value ?? value;
}

/** The section or item the steps lead to under `root`, if present. */
function enterAll(root: SectionNode, steps: readonly PathStep[]): SectionNode | undefined {
  let section: SectionNode | undefined = root;
  for (const step of steps) section = section === undefined ? undefined : enter(section, step);
  return section;
}

function enter(section: SectionNode, step: PathStep): SectionNode | undefined {
  const child = section.children.find((c) => c.name === step.name);
  if (step.kind === 'section') return child?.kind === 'section' ? child : undefined;
  return child?.kind === 'list' ? child.items.find((item) => matches(item, step.select)) : undefined;
}

const matches = (item: ConfigNode, select: ItemSelector): item is SectionNode =>
  item.kind === 'section' && item.name === select.item && optionValue(item, select.option) === select.value;

/**
 * The subtree with the child `name` at the end of `steps` replaced (or removed when `replacement` is
 * undefined). On removal, sections and items left empty are removed too: undefined means `section`
 * itself is left empty. With `wholeItem`, `name` is a list whose selected item is what goes.
 */
function rewrite(
  section: SectionNode,
  steps: readonly PathStep[],
  name: string,
  replacement: ConfigNode | undefined,
  wholeItem = false,
): SectionNode | undefined {
  const [step, ...rest] = steps;
  if (step === undefined) return replaceChild(section, name, replacement);
  const child = section.children.find((c) => c.name === step.name);
  if (step.kind === 'section') {
    const inner = child?.kind === 'section' ? child : sectionNode(step.name, []);
    return replaceChild(section, step.name, rewrite(inner, rest, name, replacement, wholeItem));
  }
  const list: ListNode = child?.kind === 'list' ? child : listNode(step.name, []);
  const at = list.items.findIndex((item) => matches(item, step.select));
  const existing = list.items[at];
  let item: SectionNode | undefined;
  if (wholeItem && rest.length === 0) item = undefined;
  else {
    const base =
      existing?.kind === 'section'
        ? existing
        : sectionNode(step.select.item, [optionNode(step.select.option, step.select.value)]);
    // An item is removed only when the path names it; emptied, it keeps the option that selects it.
    item =
      rewrite(base, rest, name, replacement, wholeItem) ??
      sectionNode(step.select.item, [optionNode(step.select.option, step.select.value)]);
  }
  const items = [...list.items];
  if (at >= 0) {
    if (item === undefined) items.splice(at, 1);
    else items[at] = item;
  } else if (item !== undefined) items.push(item);
  return replaceChild(section, step.name, items.length === 0 ? undefined : { ...list, items });
}

/** The section with its child called `name` replaced in place, appended, or removed (undefined). */
function replaceChild(
  section: SectionNode,
  name: string,
  node: ConfigNode | undefined,
): SectionNode | undefined {
  const at = section.children.findIndex((c) => c.name === name);
  const children = [...section.children];
  if (node === undefined) {
    if (at < 0) return section;
    children.splice(at, 1);
    return children.length === 0 ? undefined : { ...section, children };
  }
  if (at >= 0) children[at] = node;
  else children.push(node);
  return { ...section, children };
}

/** Sets or replaces the child called node.name (keeping its place), or appends it. */
export function withChild(section: SectionNode, node: ConfigNode): SectionNode {
  return replaceChild(section, node.name, node) as SectionNode;
}

export const withOption = (section: SectionNode, name: string, value: ScalarValue): SectionNode =>
  withChild(section, optionNode(name, value));

// A whole document, edited the way profiles are: by the path of one option (section/option). Lists
// are not set from here; their items are reached with a selector.

export type EditResult =
  { readonly ok: true; readonly document: ConfigDocument } | { readonly ok: false; readonly error: string };

/** A whole document as zprov stores it: any platform's options (platform-schemas.ts). */
export const DOCUMENT_SCOPE: EditScope = { shape: STORED_ROOT_SHAPE, where: 'the document root' };

/** The schema option a path names, or why it names none. */
export function resolveOptionPath(
  path: string,
): { ok: true; spec: OptionSpec; steps: readonly PathStep[] } | { ok: false; error: string } {
  if (path.split('/').filter((s) => s !== '').length < 2)
    return { ok: false, error: `'${path}' is not an option path (section/option, e.g. general/auto_away)` };
  const resolved = resolvePath(DOCUMENT_SCOPE, path);
  if (!resolved.ok) return resolved;
  const { target } = resolved;
  if (target.kind === 'option') return { ok: true, spec: target.spec, steps: resolved.steps };
  return {
    ok: false,
    error:
      target.kind === 'list'
        ? `${path} is a list; lists are set as a whole, not by option path`
        : `${path} is a ${target.kind === 'item' ? 'list item' : 'section'}; set its options (${path}/…)`,
  };
}

/** Sets an option from its text form, typing and checking it against the schema. */
export function setOption(document: ConfigDocument, path: string, text: string): EditResult {
  const resolved = resolveOptionPath(path);
  if (!resolved.ok) return resolved;
  return asDocument(setOptionIn(document.root, DOCUMENT_SCOPE, path, text));
}

export function setOptionValue(document: ConfigDocument, path: string, value: ScalarValue): EditResult {
  return setOption(document, path, String(value));
}

/** Removes an option; sections left empty are removed too. Unknown paths are an error. */
export function unsetOption(document: ConfigDocument, path: string): EditResult {
  const resolved = resolveOptionPath(path);
  if (!resolved.ok) return resolved;
  return asDocument(unsetOptionIn(document.root, DOCUMENT_SCOPE, path));
}

export const getOption = (document: ConfigDocument, path: string): ScalarValue | undefined =>
  optionIn(document.root, path);

const asDocument = (edit: SubtreeEdit): EditResult =>
  edit.ok ? { ok: true, document: { kind: 'config', root: edit.section } } : edit;
