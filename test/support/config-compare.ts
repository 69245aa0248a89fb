// Helpers for comparing documents in tests: what a parse adds that an in-memory document lacks
// (source positions, the indentation text of elements that hold elements) is removed.
import type { ConfigDocument, ConfigNode, SubtreeProperty, XmlElement } from '../../src/core/index.js';

/** The document without positions, so a parsed document can be compared with a generated one. */
export function withoutPositions(document: ConfigDocument): ConfigDocument {
  return { kind: 'config', root: stripNode(document.root) as ConfigDocument['root'] };
}

function stripNode(node: ConfigNode): ConfigNode {
  switch (node.kind) {
    case 'option':
      return { kind: 'option', name: node.name, value: node.value };
    case 'section':
      return { kind: 'section', name: node.name, children: node.children.map(stripNode) };
    case 'list':
      return {
        kind: 'list',
        name: node.name,
        items: node.items.map((i) => stripNode(i) as (typeof node.items)[number]),
      };
    case 'subtree':
      return { kind: 'subtree', name: node.name, properties: node.properties.map(stripProperty) };
    case 'unknown':
      return { kind: 'unknown', name: node.name, element: stripElement(node.element) };
  }
}

function stripProperty(property: SubtreeProperty): SubtreeProperty {
  switch (property.type) {
    case 'subtree':
      return { name: property.name, type: 'subtree', children: property.children.map(stripProperty) };
    case 'invalid':
      return { name: property.name, type: 'invalid', element: stripElement(property.element) };
    default:
      return { name: property.name, type: property.type, value: property.value };
  }
}

/** An element that holds elements keeps no text of its own when written, so none is compared. */
export function stripElement(element: XmlElement): XmlElement {
  return {
    name: element.name,
    attributes: { ...element.attributes },
    children: element.children.map(stripElement),
    text: element.children.length > 0 ? '' : element.text,
  };
}
