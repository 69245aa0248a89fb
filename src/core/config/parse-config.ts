// The lenient reader for Config.xml and provisioning replies: XML text in, a typed ConfigDocument
// plus diagnostics out. It keeps everything it reads (unknown elements verbatim, values it cannot
// type as written) and leaves judging the content to validate-config.ts.
import { diagnostic, wrongRoot, type Diagnostic } from '../diagnostics.js';
import { desktopConfigSchema } from '../schema/desktop-config-schema.js';
import { itemShape, rootShape, type ItemShape } from '../schema/schema-lookup.js';
import type {
  DocumentSchema,
  ListSpec,
  NodeSpec,
  OptionSpec,
  ScalarValue,
  SubtreeSpec,
} from '../schema/schema-types.js';
import { isBlank, type XmlElement } from '../xml/xml-element.js';
import { readXml, type XmlReadOptions } from '../xml/xml-reader.js';
import {
  ROOT_NAME,
  type ConfigDocument,
  type ConfigNode,
  type ListNode,
  type SectionNode,
  type SubtreeNode,
  type SubtreeProperty,
} from './config-document.js';

export interface ParseResult<T> {
  /** Absent when the text is not a document of this kind at all. */
  readonly document: T | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** `schema` picks the dialect (Desktop by default; the Android and iOS schemas for mobile replies). */
export function parseConfig(
  text: string,
  options: XmlReadOptions = {},
  schema: DocumentSchema = desktopConfigSchema,
): ParseResult<ConfigDocument> {
  const { root, diagnostics } = readXml(text, options);
  if (root === undefined) return { document: undefined, diagnostics };
  return bindConfig(root, diagnostics, schema);
}

/** Binds an already-read XML tree whose root should be <options>. */
export function bindConfig(
  root: XmlElement,
  readDiagnostics: readonly Diagnostic[] = [],
  schema: DocumentSchema = desktopConfigSchema,
): ParseResult<ConfigDocument> {
  const diagnostics = [...readDiagnostics];
  if (root.name !== ROOT_NAME) {
    diagnostics.push(wrongRoot(root, `a Zoiper configuration starts with <${ROOT_NAME}>`));
    return { document: undefined, diagnostics };
  }
  const binder = new Binder(diagnostics);
  const document: ConfigDocument = {
    kind: 'config',
    root: binder.section(root, rootShape(schema), ''),
  };
  return { document, diagnostics };
}

/** Types an option's text as its schema says; text that does not fit stays a string for the validator. */
export function typeValue(spec: OptionSpec, text: string): ScalarValue {
  switch (spec.type) {
    case 'boolean': {
      const t = text.trim();
      return t === 'true' ? true : t === 'false' ? false : text;
    }
    case 'integer':
    case 'enum': {
      const t = text.trim();
      return /^[-+]?\d{1,15}$/.test(t) ? Number(t) : text;
    }
    default:
      return text;
  }
}

/** An element with text and no child elements: a value, not a section. */
const holdsValue = (element: XmlElement): boolean => element.children.length === 0 && !isBlank(element.text);

const join = (path: string, name: string): string => (path === '' ? name : `${path}/${name}`);

class Binder {
  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** `path` is the element's diagnostic path ('' for the root, accounts/account[2] for an item). */
  section(element: XmlElement, shape: ItemShape, path: string): SectionNode {
    this.checkMixedContent(element, path);
    const children: ConfigNode[] = [];
    for (const child of element.children) {
      children.push(this.child(child, shape, path));
    }
    return { kind: 'section', name: element.name, children, pos: element.pos };
  }

  private child(element: XmlElement, shape: ItemShape, parentPath: string): ConfigNode {
    const optionSpec = shape.options[element.name];
    if (optionSpec !== undefined && element.children.length === 0) {
      return {
        kind: 'option',
        name: element.name,
        value: typeValue(optionSpec, element.text),
        pos: element.pos,
      };
    }
    const nodeSpec: NodeSpec | undefined = shape.sections[element.name];
    // A section written as a value (<custom_proxy>host:3128</custom_proxy>) is kept verbatim for the
    // validator to report, rather than read as an empty section that silently drops the text.
    if (nodeSpec !== undefined && !holdsValue(element)) {
      switch (nodeSpec.kind) {
        case 'section':
          return this.section(element, nodeSpec, join(parentPath, element.name));
        case 'list':
          return this.list(element, nodeSpec, join(parentPath, element.name));
        case 'subtree':
          return this.subtree(element, nodeSpec);
      }
    }
    return { kind: 'unknown', name: element.name, element, pos: element.pos };
  }

  private list(element: XmlElement, spec: ListSpec, path: string): ListNode {
    this.checkMixedContent(element, path);
    const items: (
      SectionNode | { kind: 'unknown'; name: string; element: XmlElement; pos: XmlElement['pos'] }
    )[] = [];
    for (const child of element.children) {
      if (
        (child.name !== spec.item && spec.itemAliases?.includes(child.name) !== true) ||
        holdsValue(child)
      ) {
        items.push({ kind: 'unknown', name: child.name, element: child, pos: child.pos });
        continue;
      }
      let variant: string | undefined;
      if (spec.variantBy !== undefined) {
        const selector = child.children.find((c) => c.name === spec.variantBy);
        variant = selector?.text;
      }
      items.push(this.section(child, itemShape(spec, variant), `${path}/${child.name}[${items.length + 1}]`));
    }
    return { kind: 'list', name: element.name, items, pos: element.pos };
  }

  private subtree(element: XmlElement, _spec: SubtreeSpec): SubtreeNode {
    return {
      kind: 'subtree',
      name: element.name,
      properties: element.children.map((c) => this.property(c)),
      pos: element.pos,
    };
  }

  private property(element: XmlElement): SubtreeProperty {
    const type = element.attributes['type'];
    const pos = element.pos;
    switch (type) {
      case 'subtree':
        return { name: element.name, type, children: element.children.map((c) => this.property(c)), pos };
      case 'boolean':
      case 'integer':
      case 'string':
        if (element.children.length > 0) break;
        return {
          name: element.name,
          type,
          value: typeValue({ kind: 'option', type, secret: false }, element.text),
          pos,
        };
    }
    return { name: element.name, type: 'invalid', element, pos };
  }

  private checkMixedContent(element: XmlElement, path: string): void {
    if (element.children.length > 0 && !isBlank(element.text)) {
      this.diagnostics.push(
        diagnostic(
          'warning',
          'xml.mixed-content',
          path,
          element.pos,
          `<${element.name}> holds both elements and text; the text is ignored`,
        ),
      );
    }
  }
}
