// Every option the schema marks as a secret (the account, proxy, provisioning and contact-service
// passwords), wherever it stands in a document: what storage seals at rest and opens again.
import { itemShape, STORED_ROOT_SHAPE, type ItemShape } from '../schema/schema-lookup.js';
import type { ConfigDocument, ConfigNode, SectionNode } from './config-document.js';
import { optionValue } from './config-document.js';

/**
 * The document with every secret option's value replaced by `map(value, path)` (path as in
 * `proxy/custom_proxy/password`, list items by their item name). Other nodes are kept as they are.
 */
export function mapSecretOptions(
  document: ConfigDocument,
  map: (value: string, path: string) => string,
): ConfigDocument {
  return { kind: 'config', root: mapSection(document.root, STORED_ROOT_SHAPE, '', map) };
}

function mapSection(
  section: SectionNode,
  shape: ItemShape,
  prefix: string,
  map: (value: string, path: string) => string,
): SectionNode {
  let changed = false;
  const children = section.children.map((child): ConfigNode => {
    const path = prefix === '' ? child.name : `${prefix}/${child.name}`;
    const mapped = mapNode(child, shape, path, map);
    if (mapped !== child) changed = true;
    return mapped;
  });
  return changed ? { ...section, children } : section;
}

function mapNode(
  node: ConfigNode,
  shape: ItemShape,
  path: string,
  map: (value: string, path: string) => string,
): ConfigNode {
  if (node.kind === 'option') {
    if (shape.options[node.name]?.secret !== true || typeof node.value !== 'string' || node.value === '')
      return node;
    const value = map(node.value, path);
    return value === node.value ? node : { ...node, value };
  }
  const spec = shape.sections[node.name];
  if (node.kind === 'section' && spec?.kind === 'section') return mapSection(node, spec, path, map);
  if (node.kind === 'list' && spec?.kind === 'list') {
    let changed = false;
    const items = node.items.map((item) => {
      if (item.kind !== 'section') return item;
      const variant = spec.variantBy === undefined ? undefined : optionValue(item, spec.variantBy);
      const mapped = mapSection(
        item,
        itemShape(spec, variant === undefined ? undefined : String(variant)),
        `${path}/${spec.item}`,
        map,
      );
      if (mapped !== item) changed = true;
      return mapped;
    });
    return changed ? { ...node, items } : node;
  }
  return node;
}
