// An account as the core models it: one <account> item of the accounts list. Stored as Config.xml
// text written by the core (without ident and password, which live apart), validated by the core on
// every write, and edited by option path relative to the item (SIP_domain, stun/use_stun, codecs).
import {
  checkValue,
  configDocument,
  desktopConfigSchema,
  listNode,
  optionValue,
  parseConfig,
  sectionNode,
  serializeConfig,
  typeValue,
  validateConfig,
  type ConfigDocument,
  type ConfigNode,
  type Diagnostic,
  type ListSpec,
  type NodeSpec,
  type OptionSpec,
  type ScalarValue,
  type SectionNode,
} from '../core/index.js';
import { closestName } from '../core/config/closest-name.js';
import { codeLabel, knownCodeNames, resolveCode } from './codec-names.js';
import { ZprovError } from './errors.js';

export const ACCOUNTS_LIST = desktopConfigSchema.sections['accounts'] as ListSpec;

/** Options zprov sets itself; editing them by path is refused with a pointer to the right flag. */
const MANAGED: Readonly<Record<string, string>> = {
  ident: 'the ident is assigned once by zprov and never changes',
  password: 'set the password with --password',
  protocol: 'set the protocol with --protocol',
};

export const accountItemDocument = (item: SectionNode): ConfigDocument =>
  configDocument([listNode('accounts', [item])]);

export const serializeAccountItem = (item: SectionNode): string => serializeConfig(accountItemDocument(item));

export function parseAccountItem(text: string): SectionNode {
  const { document } = parseConfig(text);
  const list = document?.root.children.find((c) => c.name === 'accounts');
  const item = list?.kind === 'list' ? list.items[0] : undefined;
  if (item?.kind !== 'section') throw new ZprovError('internal', 'a stored account is not an account item');
  return item;
}

/** The item's diagnostics, with paths relative to the item (stun/stun_port). */
export function validateAccountItem(item: SectionNode): Diagnostic[] {
  const prefix = /^accounts\/account\[1\]\/?/;
  return validateConfig(accountItemDocument(item)).map((d) => ({ ...d, path: d.path.replace(prefix, '') }));
}

/** Throws invalid_input naming the first error's field; returns the warnings. */
export function assertValidAccountItem(item: SectionNode): Diagnostic[] {
  const diagnostics = validateAccountItem(item);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined)
    throw new ZprovError('invalid_input', `account ${error.path}: ${error.message}`, error.path);
  return diagnostics;
}

function without(section: SectionNode, name: string): SectionNode {
  return { ...section, children: section.children.filter((c) => c.name !== name) };
}

/** Sets or replaces the child called node.name (keeping its place), or appends it. */
export function withChild(section: SectionNode, node: ConfigNode): SectionNode {
  const at = section.children.findIndex((c) => c.name === node.name);
  const children = [...section.children];
  if (at >= 0) children[at] = node;
  else children.push(node);
  return { ...section, children };
}

export const withOption = (item: SectionNode, name: string, value: ScalarValue): SectionNode =>
  withChild(item, { kind: 'option', name, value });

function unknownName(name: string, shape: { options: object; sections: object }, where: string): ZprovError {
  const guess = closestName(name, [...Object.keys(shape.options), ...Object.keys(shape.sections)]);
  return new ZprovError(
    'invalid_input',
    `no account option '${name}' in ${where}${guess ? `; did you mean '${guess}'?` : ''}`,
    name,
  );
}

/** Sets an option of the item by path from its text form; list paths take a comma-separated list of codes. */
export function setAccountOption(item: SectionNode, path: string, text: string): SectionNode {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments[0];
  if (first === undefined)
    throw new ZprovError('invalid_input', `'${path}' is not an account option path`, path);
  if (segments.length === 1 && MANAGED[first] !== undefined)
    throw new ZprovError('invalid_input', `${first}: ${MANAGED[first]}`, first);
  return setIn(item, ACCOUNTS_LIST, segments, text, path, 'the account');
}

function setIn(
  section: SectionNode,
  shape: { options: Readonly<Record<string, OptionSpec>>; sections: Readonly<Record<string, NodeSpec>> },
  segments: readonly string[],
  text: string,
  path: string,
  where: string,
): SectionNode {
  const [name, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) {
    const spec = shape.options[name];
    if (spec !== undefined) {
      const value = typeValue(spec, text);
      const problem = checkValue(spec, value);
      if (problem !== undefined && problem.severity !== 'warning')
        throw new ZprovError('invalid_input', `${path}: ${problem.message}`, path);
      return withOption(section, name, value);
    }
    const node = shape.sections[name];
    if (node?.kind === 'list') {
      const items = listItems(node, text, path);
      return items.length === 0 ? without(section, name) : withChild(section, listNode(name, items));
    }
    if (node?.kind === 'section')
      throw new ZprovError('invalid_input', `${path} is a section; set its options (${path}/…)`, path);
    throw unknownName(name, shape, where);
  }
  const node = shape.sections[name];
  if (node?.kind !== 'section') {
    if (node?.kind === 'list')
      throw new ZprovError('invalid_input', `${name} is a list; set it as a whole (${name}=a,b,c)`, path);
    throw unknownName(name, shape, where);
  }
  const existing = section.children.find((c) => c.name === name);
  const inner = existing?.kind === 'section' ? existing : sectionNode(name, []);
  return withChild(section, setIn(inner, node, rest, text, path, name));
}

/**
 * A list of codes (codecs: "opus,pcmu,g722" or ids; ZRTP: "S384,S256"): one item per code in the
 * given order, priority by position, enabled/selected. Empty text means no list.
 */
function listItems(spec: ListSpec, text: string, path: string): SectionNode[] {
  const codeOption = Object.entries(spec.options).find(([, o]) => o.type === 'enum');
  if (codeOption === undefined)
    throw new ZprovError('invalid_input', `${path} cannot be set from the command line`, path);
  const [codeName, codeSpec] = codeOption;
  const flag = spec.options['enabled'] !== undefined ? 'enabled' : 'selected';
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const seen = new Set<number>();
  return tokens.map((token, index) => {
    const code = resolveCode(codeSpec, codeName, token);
    if (code === undefined)
      throw new ZprovError(
        'invalid_input',
        `${path}: '${token}' is not a known ${codeName}; use a number or one of ${knownCodeNames(codeSpec, codeName).join(', ')}`,
        path,
      );
    if (seen.has(code)) throw new ZprovError('invalid_input', `${path}: '${token}' is listed twice`, path);
    seen.add(code);
    const children: ConfigNode[] = [];
    if (spec.options['name'] !== undefined)
      children.push({ kind: 'option', name: 'name', value: codeLabel(codeSpec, code) ?? String(code) });
    children.push({ kind: 'option', name: codeName, value: code });
    children.push({ kind: 'option', name: 'priority', value: index });
    children.push({ kind: 'option', name: flag, value: true });
    return sectionNode(spec.item, children);
  });
}

/** Removes an option (or list) by path; sections left empty go too. */
export function unsetAccountOption(item: SectionNode, path: string): SectionNode {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments[0];
  if (first !== undefined && segments.length === 1 && MANAGED[first] !== undefined)
    throw new ZprovError('invalid_input', `${first}: ${MANAGED[first]}`, first);
  checkPath(segments, path);
  return removeIn(item, segments) ?? { ...item, children: [] };
}

function checkPath(segments: readonly string[], path: string): void {
  let shape: { options: Readonly<Record<string, OptionSpec>>; sections: Readonly<Record<string, NodeSpec>> } =
    ACCOUNTS_LIST;
  segments.forEach((name, i) => {
    const last = i === segments.length - 1;
    const node = shape.sections[name];
    if (last && (shape.options[name] !== undefined || node !== undefined)) return;
    if (!last && node?.kind === 'section') {
      shape = node;
      return;
    }
    throw unknownName(name, shape, i === 0 ? 'the account' : (segments[i - 1] as string));
  });
  if (segments.length === 0)
    throw new ZprovError('invalid_input', `'${path}' is not an account option path`, path);
}

function removeIn(section: SectionNode, segments: readonly string[]): SectionNode | undefined {
  const [name, ...rest] = segments as [string, ...string[]];
  const children: ConfigNode[] = [];
  for (const child of section.children) {
    if (child.name !== name) children.push(child);
    else if (rest.length > 0 && child.kind === 'section') {
      const kept = removeIn(child, rest);
      if (kept !== undefined) children.push(kept);
    }
  }
  return children.length === 0 ? undefined : { ...section, children };
}

/** The value at an option path of the item, if set. */
export function accountOption(item: SectionNode, path: string): ScalarValue | undefined {
  let node: SectionNode | undefined = item;
  const segments = path.split('/');
  for (const name of segments.slice(0, -1)) {
    const next: ConfigNode | undefined = node?.children.find((c) => c.name === name);
    node = next?.kind === 'section' ? next : undefined;
  }
  return node === undefined ? undefined : optionValue(node, segments[segments.length - 1] as string);
}
