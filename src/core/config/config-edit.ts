// Editing a configuration by option path (general/auto_away, audio/selected_input_device/name):
// what an administrator does to a profile. Paths reach options in sections, not inside lists;
// lists (accounts, codecs) are edited as wholes.
import { CONFIG_ROOT_SHAPE, type ItemShape } from '../schema/schema-lookup.js';
import type { OptionSpec, ScalarValue } from '../schema/schema-types.js';
import { closestName } from './closest-name.js';
import { typeValue } from './parse-config.js';
import { checkValue } from './validate-config.js';
import type { ConfigDocument, ConfigNode, SectionNode } from './config-document.js';

export type EditResult =
  { readonly ok: true; readonly document: ConfigDocument } | { readonly ok: false; readonly error: string };

/** The schema option a path names, or why it names none. */
export function resolveOptionPath(
  path: string,
): { ok: true; spec: OptionSpec; segments: string[] } | { ok: false; error: string } {
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length < 2)
    return { ok: false, error: `'${path}' is not an option path (section/option, e.g. general/auto_away)` };
  let shape: ItemShape = CONFIG_ROOT_SHAPE;
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i] as string;
    const last = i === segments.length - 1;
    const here = segments.slice(0, i).join('/') || 'the document root';
    if (last) {
      const spec = shape.options[name];
      if (spec !== undefined) return { ok: true, spec, segments };
    } else {
      const node = shape.sections[name];
      if (node?.kind === 'section') {
        shape = node;
        continue;
      }
      if (node?.kind === 'list')
        return {
          ok: false,
          error: `${segments.slice(0, i + 1).join('/')} is a list; lists are set as a whole, not by option path`,
        };
    }
    const guess = closestName(name, [...Object.keys(shape.options), ...Object.keys(shape.sections)]);
    return {
      ok: false,
      error: `no ${last ? 'option' : 'section'} '${name}' in ${here}${guess ? `; did you mean '${guess}'?` : ''}`,
    };
  }
  return { ok: false, error: `'${path}' is not an option path` };
}

/** Sets an option from its text form, typing and checking it against the schema. */
export function setOption(document: ConfigDocument, path: string, text: string): EditResult {
  const resolved = resolveOptionPath(path);
  if (!resolved.ok) return resolved;
  const typed = typeValue(resolved.spec, text);
  const problem = checkValue(resolved.spec, typed);
  if (problem !== undefined && problem.severity !== 'warning')
    return { ok: false, error: `${path}: ${problem.message}` };
  // A legacy spelling (UDP, ef) is accepted, but stored the way current Zoiper versions spell it.
  const value = problem?.code === 'value.enum-case' ? canonicalSpelling(resolved.spec, typed) : typed;
  return { ok: true, document: { kind: 'config', root: put(document.root, resolved.segments, value) } };
}

function canonicalSpelling(spec: OptionSpec, value: ScalarValue): ScalarValue {
  const folded = String(value).toLowerCase();
  return spec.values?.find((v) => String(v.value).toLowerCase() === folded)?.value ?? value;
}

export function setOptionValue(document: ConfigDocument, path: string, value: ScalarValue): EditResult {
  return setOption(document, path, String(value));
}

function put(section: SectionNode, segments: readonly string[], value: ScalarValue): SectionNode {
  const [name, ...rest] = segments as [string, ...string[]];
  const at = section.children.findIndex((c) => c.name === name);
  const existing = at >= 0 ? section.children[at] : undefined;
  let replacement: ConfigNode;
  if (rest.length === 0) replacement = { kind: 'option', name, value };
  else
    replacement = put(
      existing?.kind === 'section' ? existing : { kind: 'section', name, children: [] },
      rest,
      value,
    );
  const children = [...section.children];
  if (at >= 0) children[at] = replacement;
  else children.push(replacement);
  return { ...section, children };
}

/** Removes an option; sections left empty are removed too. Unknown paths are an error. */
export function unsetOption(document: ConfigDocument, path: string): EditResult {
  const resolved = resolveOptionPath(path);
  if (!resolved.ok) return resolved;
  // Nothing to remove: the document stays as it is (an empty section on the way is not "left empty").
  if (getOption(document, path) === undefined) return { ok: true, document };
  return {
    ok: true,
    document: {
      kind: 'config',
      root: remove(document.root, resolved.segments) ?? { ...document.root, children: [] },
    },
  };
}

function remove(section: SectionNode, segments: readonly string[]): SectionNode | undefined {
  const [name, ...rest] = segments as [string, ...string[]];
  const children: ConfigNode[] = [];
  for (const child of section.children) {
    if (child.name !== name) children.push(child);
    else if (rest.length > 0 && child.kind === 'section') {
      const kept = remove(child, rest);
      if (kept !== undefined) children.push(kept);
    }
  }
  return children.length === 0 ? undefined : { ...section, children };
}

export function getOption(document: ConfigDocument, path: string): ScalarValue | undefined {
  let node: ConfigNode | undefined = document.root;
  for (const name of path.split('/').filter((s) => s !== '')) {
    if (node?.kind !== 'section') return undefined;
    node = node.children.find((c: ConfigNode) => c.name === name);
  }
  return node?.kind === 'option' ? node.value : undefined;
}
