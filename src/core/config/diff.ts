// Differences between two configurations, option by option: what a phone would see change.
// Account and contact-service items are named by ident, other list items by position; secrets
// are never shown, only that they changed.
import { storedConfigSchema } from '../schema/platform-schemas.js';
import { itemShape, rootShape, type ItemShape } from '../schema/schema-lookup.js';
import type { DocumentSchema, ListSpec, NodeSpec } from '../schema/schema-types.js';
import {
  optionValue,
  type ConfigDocument,
  type SectionNode,
  type SubtreeProperty,
} from './config-document.js';
import { formatValue, writeElement } from './serialize-config.js';

export const SECRET_MASK = '********';

export interface DiffEntry {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Absent for added; masked for secrets. */
  readonly from?: string;
  /** Absent for removed; masked for secrets. */
  readonly to?: string;
  readonly secret: boolean;
}

interface FlatValue {
  readonly text: string;
  readonly secret: boolean;
}

/**
 * `schema` says which options are secrets and how list items are keyed: by default every platform's
 * (a superset of each one's, so it reads a document of any platform the same way).
 */
export function diffConfigs(
  a: ConfigDocument,
  b: ConfigDocument,
  schema: DocumentSchema = storedConfigSchema,
): DiffEntry[] {
  const before = flattenConfig(a, schema);
  const after = flattenConfig(b, schema);
  const entries: DiffEntry[] = [];
  for (const [path, old] of before) {
    const now = after.get(path);
    if (now === undefined) entries.push({ path, change: 'removed', from: shown(old), secret: old.secret });
    else if (now.text !== old.text)
      entries.push({
        path,
        change: 'changed',
        from: shown(old),
        to: shown(now),
        secret: old.secret || now.secret,
      });
  }
  for (const [path, now] of after) {
    if (!before.has(path)) entries.push({ path, change: 'added', to: shown(now), secret: now.secret });
  }
  return entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

const shown = (v: FlatValue): string => (v.secret ? SECRET_MASK : v.text);

/** One line per difference: "+ path = value", "- path = value", "~ path: old -> new". */
export function formatDiff(entries: readonly DiffEntry[]): string {
  return entries
    .map((e) =>
      e.change === 'added'
        ? `+ ${e.path} = ${e.to}`
        : e.change === 'removed'
          ? `- ${e.path} = ${e.from}`
          : `~ ${e.path}: ${e.from} -> ${e.to}`,
    )
    .join('\n');
}

/** Every value in the document by a path that is stable across reorderings of ident-keyed lists. */
export function flattenConfig(
  document: ConfigDocument,
  schema: DocumentSchema = storedConfigSchema,
): Map<string, FlatValue> {
  const out = new Map<string, FlatValue>();
  flattenSection(document.root, rootShape(schema), '', out);
  return out;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}/${name}`;
}

function flattenSection(
  section: SectionNode,
  shape: ItemShape,
  path: string,
  out: Map<string, FlatValue>,
): void {
  const counts = new Map<string, number>();
  for (const child of section.children) {
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    const childPath = join(path, n === 1 ? child.name : `${child.name}[${n}]`);
    switch (child.kind) {
      case 'option':
        out.set(childPath, {
          text: formatValue(child.value),
          secret: shape.options[child.name]?.secret ?? false,
        });
        break;
      case 'section':
        flattenSection(child, sectionShape(shape.sections[child.name]), childPath, out);
        break;
      case 'list': {
        const spec = shape.sections[child.name];
        const list: ListSpec | undefined = spec?.kind === 'list' ? spec : undefined;
        child.items.forEach((item, index) => {
          if (item.kind !== 'section' || list === undefined) {
            out.set(`${childPath}/${item.name}[${index + 1}]`, {
              text: verbatim(item.kind === 'section' ? undefined : item.element),
              secret: false,
            });
            return;
          }
          const ident = optionValue(item, 'ident');
          const key =
            ident !== undefined && ident !== '' && list.options['ident'] !== undefined
              ? `[ident=${formatValue(ident)}]`
              : `[${index + 1}]`;
          const variant = list.variantBy !== undefined ? optionValue(item, list.variantBy) : undefined;
          flattenSection(
            item,
            itemShape(list, variant === undefined ? undefined : String(variant)),
            `${childPath}/${item.name}${key}`,
            out,
          );
        });
        break;
      }
      case 'subtree':
        flattenProperties(child.properties, childPath, out);
        break;
      case 'unknown':
        out.set(childPath, { text: verbatim(child.element), secret: false });
        break;
    }
  }
}

const EMPTY_SHAPE: ItemShape = { options: {}, sections: {} };

function sectionShape(spec: NodeSpec | undefined): ItemShape {
  return spec?.kind === 'section' ? spec : EMPTY_SHAPE;
}

function flattenProperties(
  properties: readonly SubtreeProperty[],
  path: string,
  out: Map<string, FlatValue>,
): void {
  for (const p of properties) {
    const at = join(path, p.name);
    if (p.type === 'subtree') flattenProperties(p.children, at, out);
    else if (p.type === 'invalid') out.set(at, { text: verbatim(p.element), secret: false });
    else out.set(at, { text: `${formatValue(p.value)} (${p.type})`, secret: false });
  }
}

function verbatim(element: Parameters<typeof writeElement>[0] | undefined): string {
  if (element === undefined) return '';
  if (element.children.length === 0) return element.text;
  const out: string[] = [];
  writeElement(element, '', out);
  return out.join('').replace(/\n\s*/g, '');
}
