// Writes a ConfigDocument as Config.xml text: deterministic, well-formed UTF-8, every value escaped,
// document order and unknown elements kept.
import type { ScalarValue } from '../schema/schema-types.js';
import type { XmlElement } from '../xml/xml-element.js';
import { startTag, valueElement, XML_DECLARATION } from '../xml/xml-writer.js';
import type { ConfigDocument, ConfigNode, SectionNode, SubtreeProperty } from './config-document.js';

const INDENT = '  ';

export function serializeConfig(document: ConfigDocument): string {
  const out: string[] = [XML_DECLARATION];
  writeSection(document.root, '', out);
  return out.join('');
}

export const formatValue = (value: ScalarValue): string =>
  typeof value === 'string' ? value : String(value);

function writeSection(node: SectionNode, indent: string, out: string[]): void {
  if (node.children.length === 0) {
    out.push(`${indent}<${node.name}/>\n`);
    return;
  }
  out.push(`${indent}<${node.name}>\n`);
  const inner = indent + INDENT;
  for (const child of node.children) writeNode(child, inner, out);
  out.push(`${indent}</${node.name}>\n`);
}

function writeNode(node: ConfigNode, indent: string, out: string[]): void {
  switch (node.kind) {
    case 'option':
      out.push(indent, valueElement(node.name, formatValue(node.value)), '\n');
      return;
    case 'section':
      writeSection(node, indent, out);
      return;
    case 'list': {
      if (node.items.length === 0) {
        out.push(`${indent}<${node.name}/>\n`);
        return;
      }
      out.push(`${indent}<${node.name}>\n`);
      const inner = indent + INDENT;
      for (const item of node.items) {
        if (item.kind === 'section') writeSection(item, inner, out);
        else writeElement(item.element, inner, out);
      }
      out.push(`${indent}</${node.name}>\n`);
      return;
    }
    case 'subtree':
      writeProperties(node.name, node.properties, indent, out);
      return;
    case 'unknown':
      writeElement(node.element, indent, out);
      return;
  }
}

function writeProperties(
  name: string,
  properties: readonly SubtreeProperty[],
  indent: string,
  out: string[],
): void {
  if (properties.length === 0) {
    out.push(`${indent}<${name} type="subtree"/>\n`);
    return;
  }
  out.push(`${indent}<${name} type="subtree">\n`);
  const inner = indent + INDENT;
  for (const property of properties) {
    if (property.type === 'subtree') writeProperties(property.name, property.children, inner, out);
    else if (property.type === 'invalid') writeElement(property.element, inner, out);
    else
      out.push(
        inner,
        valueElement(property.name, formatValue(property.value), { type: property.type }),
        '\n',
      );
  }
  out.push(`${indent}</${name}>\n`);
}

/** Writes an element kept verbatim; text of an element that also has children is not kept. */
export function writeElement(element: XmlElement, indent: string, out: string[]): void {
  if (element.children.length === 0) {
    out.push(indent, valueElement(element.name, element.text, element.attributes), '\n');
    return;
  }
  out.push(indent, startTag(element.name, element.attributes), '\n');
  for (const child of element.children) writeElement(child, indent + INDENT, out);
  out.push(`${indent}</${element.name}>\n`);
}
