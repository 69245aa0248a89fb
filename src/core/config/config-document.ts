// The typed model of a Config.xml document (and of a provisioning reply, which has the same shape).
// Known options carry typed values; elements the schema does not know are kept verbatim as XML so a
// file written by a newer Zoiper survives a read and a write.
import type { Position } from '../diagnostics.js';
import type { ScalarValue, SubtreePropertyType } from '../schema/schema-types.js';
import type { XmlElement } from '../xml/xml-element.js';

export interface OptionNode {
  readonly kind: 'option';
  readonly name: string;
  /** Typed as the schema says; a value that could not be typed stays the string it was written as. */
  readonly value: ScalarValue;
  readonly pos?: Position;
}

export interface SectionNode {
  readonly kind: 'section';
  readonly name: string;
  readonly children: readonly ConfigNode[];
  readonly pos?: Position;
}

export interface ListNode {
  readonly kind: 'list';
  readonly name: string;
  /** Items are sections named after the list's item element; stray elements are kept as unknown. */
  readonly items: readonly (SectionNode | UnknownNode)[];
  readonly pos?: Position;
}

export type SubtreeProperty =
  | {
      readonly name: string;
      readonly type: Exclude<SubtreePropertyType, 'subtree'>;
      readonly value: ScalarValue;
      readonly pos?: Position;
    }
  | {
      readonly name: string;
      readonly type: 'subtree';
      readonly children: readonly SubtreeProperty[];
      readonly pos?: Position;
    }
  | {
      readonly name: string;
      readonly type: 'invalid';
      readonly element: XmlElement;
      readonly pos?: Position;
    };

/** gui/custom_properties: a free-form tree whose elements say their own type. */
export interface SubtreeNode {
  readonly kind: 'subtree';
  readonly name: string;
  readonly properties: readonly SubtreeProperty[];
  readonly pos?: Position;
}

export interface UnknownNode {
  readonly kind: 'unknown';
  readonly name: string;
  readonly element: XmlElement;
  readonly pos?: Position;
}

export type ConfigNode = OptionNode | SectionNode | ListNode | SubtreeNode | UnknownNode;

export interface ConfigDocument {
  readonly kind: 'config';
  /** The `options` root element's children, in document order. */
  readonly root: SectionNode;
}

export const ROOT_NAME = 'options';

export const optionNode = (name: string, value: ScalarValue): OptionNode => ({ kind: 'option', name, value });
export const sectionNode = (name: string, children: readonly ConfigNode[]): SectionNode => ({
  kind: 'section',
  name,
  children,
});
export const listNode = (name: string, items: readonly (SectionNode | UnknownNode)[]): ListNode => ({
  kind: 'list',
  name,
  items,
});

export function configDocument(children: readonly ConfigNode[] = []): ConfigDocument {
  return { kind: 'config', root: sectionNode(ROOT_NAME, children) };
}

export function childNamed<K extends ConfigNode['kind']>(
  parent: SectionNode,
  name: string,
  kind?: K,
): Extract<ConfigNode, { kind: K }> | undefined {
  for (const child of parent.children) {
    if (child.name === name && (kind === undefined || child.kind === kind))
      return child as Extract<ConfigNode, { kind: K }>;
  }
  return undefined;
}

/** The value of an option in an item or section, if present. */
export function optionValue(parent: SectionNode, name: string): ScalarValue | undefined {
  const node = childNamed(parent, name, 'option');
  return node?.value;
}
