// Puts a configuration in the schema's order (sections and options as the schema lists them, unknown
// elements after the known ones in the order they came), so a rendered document depends on what is
// set, not on the order an administrator happened to set it in.
import { itemShape, STORED_ROOT_SHAPE, type ItemShape } from '../schema/schema-lookup.js';
import type { ListSpec } from '../schema/schema-types.js';
import {
  optionValue,
  type ConfigDocument,
  type ConfigNode,
  type ListNode,
  type SectionNode,
} from './config-document.js';

const rankCache = new WeakMap<ItemShape, Map<string, number>>();

function ranks(shape: ItemShape): Map<string, number> {
  let rank = rankCache.get(shape);
  if (rank === undefined) {
    rank = new Map(
      [...Object.keys(shape.options), ...Object.keys(shape.sections)].map((name, i) => [name, i]),
    );
    rankCache.set(shape, rank);
  }
  return rank;
}

export function canonicalDocument(document: ConfigDocument): ConfigDocument {
  return { kind: 'config', root: canonicalSection(document.root, STORED_ROOT_SHAPE) };
}

export function canonicalSection(section: SectionNode, shape: ItemShape): SectionNode {
  const rank = ranks(shape);
  const known = Number.MAX_SAFE_INTEGER;
  const ordered = section.children
    .map((child, index) => ({
      child,
      index,
      rank: child.kind === 'unknown' ? known : (rank.get(child.name) ?? known),
    }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ child }) => canonicalNode(child, shape));
  return { ...section, children: ordered };
}

function canonicalNode(node: ConfigNode, parent: ItemShape): ConfigNode {
  const spec = parent.sections[node.name];
  if (node.kind === 'section' && spec?.kind === 'section') return canonicalSection(node, spec);
  if (node.kind === 'list' && spec?.kind === 'list') return canonicalList(node, spec);
  return node;
}

function canonicalList(list: ListNode, spec: ListSpec): ListNode {
  return {
    ...list,
    items: list.items.map((item) => {
      if (item.kind !== 'section') return item;
      const variant = spec.variantBy === undefined ? undefined : optionValue(item, spec.variantBy);
      return canonicalSection(item, itemShape(spec, variant === undefined ? undefined : String(variant)));
    }),
  };
}
