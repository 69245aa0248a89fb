// The neutral XML tree every Zoiper document is read into before it is bound to a schema.
import type { Position } from '../diagnostics.js';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included); whitespace kept as written. */
  readonly text: string;
  /** Where the start tag opens; absent on elements built in memory. */
  readonly pos?: Position;
}

/**
 * Deepest element nesting zprov reads (libxml2's default limit too). Zoiper documents are a few
 * levels deep; the limit keeps the recursive code that walks a tree (binding, writing, diffing)
 * far from the stack's end whatever a file holds.
 */
export const MAX_ELEMENT_DEPTH = 256;

export function xmlElement(
  name: string,
  children: readonly XmlElement[] = [],
  text = '',
  attributes: Readonly<Record<string, string>> = {},
): XmlElement {
  return { name, attributes, children, text };
}

export const isBlank = (text: string): boolean => /^[ \t\r\n]*$/.test(text);
