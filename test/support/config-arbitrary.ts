// fast-check arbitraries for Config.xml documents, generated from the schema itself: every option,
// section and list the schema knows can appear, with a value its type allows. A generated document
// passes the validator without errors (warnings such as an option whose switch is off are allowed),
// so property tests can use it as "any valid configuration".
//
//   fc.assert(fc.property(arbConfigDocument(), (doc) => { ... }));
//   arbConfigDocument({ idents: fc.constantFrom('a', 'b'), sections: ['accounts'] })  // overlapping items
//   arbAccountItem()                      // one <account>, protocol-correct, always with an ident
//   arbConfigDocument({ schema: androidConfigSchema })                                // mobile dialects
//
// Compare a parsed document with a generated one through withoutPositions (config-compare.ts).
import fc from 'fast-check';
import {
  desktopConfigSchema,
  type ConfigDocument,
  type ConfigNode,
  type DocumentSchema,
  type ListNode,
  type ListSpec,
  type NodeSpec,
  type OptionSpec,
  type ScalarValue,
  type SectionNode,
  type SubtreeNode,
  type SubtreeProperty,
  type UnknownNode,
  type XmlElement,
} from '../../src/core/index.js';
import { itemShape, type ItemShape } from '../../src/core/schema/schema-lookup.js';
import { XML_INVALID_CHARS } from '../../src/core/xml/xml-writer.js';

export interface ConfigArbitraryOptions {
  /** Most items generated per list (accounts, codecs, contact services, ...). Default 3. */
  readonly maxItems?: number;
  /** Idents for accounts and contact services; a small pool makes two documents share items. */
  readonly idents?: fc.Arbitrary<string>;
  /** Also generate elements the schema does not know (the validator warns, never errs). Default false. */
  readonly unknownElements?: boolean;
  /** Only these top-level sections may appear (default: every section of the schema). */
  readonly sections?: readonly string[];
  /** The dialect to generate (default Desktop; the Android and iOS schemas work the same way). */
  readonly schema?: DocumentSchema;
}

interface Settings {
  readonly maxItems: number;
  readonly idents: fc.Arbitrary<string>;
  readonly unknownElements: boolean;
}

/** Characters that stress escaping and encoding: markup, quotes, whitespace, non-ASCII, astral. */
const AWKWARD_PIECES = [
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '&amp;',
  '<!--',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  'é',
  'ß',
  'Ж',
  '中文',
  '😀',
  '\u2028',
];

/** Text an XML document can carry: any mix of ordinary and awkward characters. */
export function arbXmlText(maxLength = 20): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom(...AWKWARD_PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );
  const body = fc.string({ unit, maxLength }).filter((s) => !XML_INVALID_CHARS.test(s));
  const pad = fc.constantFrom('', '', ' ', '  ', '\t');
  return fc.tuple(pad, body, pad).map(([a, b, c]) => a + b + c);
}

/** A value the option's type allows. */
export function arbOptionValue(spec: OptionSpec): fc.Arbitrary<ScalarValue> {
  if (spec.fixedValue !== undefined) return fc.constant(spec.fixedValue);
  switch (spec.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: spec.min ?? -2_147_483_648, max: spec.max ?? 2_147_483_647 });
    case 'enum':
    case 'text_enum':
      return fc.constantFrom(...(spec.values ?? []).map((v) => v.value));
    case 'string':
    case 'datetime':
      return arbXmlText();
  }
}

const NAME_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const NAME_REST = NAME_START + '0123456789-.';

/** An XML element name (never starting with "xml"). */
export function arbXmlName(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...NAME_START), fc.string({ unit: fc.constantFrom(...NAME_REST), maxLength: 12 }))
    .map(([a, b]) => a + b)
    .filter((n) => !/^xml/i.test(n));
}

/** Names drawn often from a small pool, so two generated documents share some of them. */
function arbPooledName(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('devices_tested', 'theme', 'layout', 'a', 'b'), arbXmlName());
}

/** An element from a newer Zoiper: a name no schema uses, text or child elements, maybe attributes. */
export function arbUnknownElement(depth = 2): fc.Arbitrary<XmlElement> {
  const name = arbPooledName().map((n) => `future_${n}`);
  const attributes = fc.dictionary(arbXmlName(), arbXmlText(8), { maxKeys: 2 });
  const leaf = fc
    .record({ name, attributes, text: arbXmlText(12) })
    .map(({ name: n, attributes: a, text }): XmlElement => ({ name: n, attributes: a, children: [], text }));
  if (depth <= 0) return leaf;
  const parent = fc
    .record({
      name,
      attributes,
      children: fc.array(arbUnknownElement(depth - 1), { minLength: 1, maxLength: 3 }),
    })
    .map(({ name: n, attributes: a, children }): XmlElement => ({
      name: n,
      attributes: a,
      children,
      text: '',
    }));
  return fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: parent });
}

const unknownNode = (element: XmlElement): UnknownNode => ({ kind: 'unknown', name: element.name, element });

/** gui/custom_properties: typed properties with unique names per level, nested subtrees included. */
export function arbCustomProperties(depth = 2): fc.Arbitrary<SubtreeNode> {
  return arbProperties(depth).map((properties) => ({
    kind: 'subtree',
    name: 'custom_properties',
    properties,
  }));
}

function arbProperties(depth: number): fc.Arbitrary<SubtreeProperty[]> {
  const scalar: fc.Arbitrary<(name: string) => SubtreeProperty> = fc.oneof(
    fc.boolean().map((value) => (name: string) => ({ name, type: 'boolean' as const, value })),
    fc.integer().map((value) => (name: string) => ({ name, type: 'integer' as const, value })),
    arbXmlText().map((value) => (name: string) => ({ name, type: 'string' as const, value })),
  );
  const property =
    depth <= 0
      ? scalar
      : fc.oneof(
          { weight: 3, arbitrary: scalar },
          {
            weight: 1,
            arbitrary: arbProperties(depth - 1).map((children) => (name: string) => ({
              name,
              type: 'subtree' as const,
              children,
            })),
          },
        );
  return fc
    .uniqueArray(fc.tuple(arbPooledName(), property), { selector: ([name]) => name, maxLength: 4 })
    .map((entries) => entries.map(([name, make]) => make(name)));
}

interface Entry {
  readonly name: string;
  readonly arb: fc.Arbitrary<ConfigNode>;
}

/** A subset of the optional entries plus every required one, in random order. */
function arbChildren(
  optional: readonly Entry[],
  required: readonly Entry[],
  settings: Settings,
): fc.Arbitrary<ConfigNode[]> {
  const unknown: Entry[] = settings.unknownElements
    ? [{ name: '(unknown)', arb: arbUnknownElement().map(unknownNode) }]
    : [];
  return fc
    .subarray([...optional, ...unknown])
    .chain((chosen) => {
      const all = [...required, ...chosen];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    })
    .chain((ordered) => (ordered.length === 0 ? fc.constant([]) : fc.tuple(...ordered.map((e) => e.arb))));
}

const optionEntry = (name: string, arb: fc.Arbitrary<ScalarValue>): Entry => ({
  name,
  arb: arb.map((value) => ({ kind: 'option', name, value })),
});

/** True when a node scoped to some protocols may appear in an item of `variant` (undefined: any). */
function appliesTo(
  spec: { readonly appliesTo?: readonly string[] | null },
  variant: string | undefined,
): boolean {
  return variant === undefined || spec.appliesTo == null || spec.appliesTo.includes(variant);
}

function entriesOf(
  shape: ItemShape,
  settings: Settings,
  scope: string | undefined,
  skip: ReadonlySet<string>,
): Entry[] {
  const entries: Entry[] = [];
  for (const [name, spec] of Object.entries(shape.options)) {
    if (!skip.has(name) && appliesTo(spec, scope)) entries.push(optionEntry(name, arbOptionValue(spec)));
  }
  for (const [name, spec] of Object.entries(shape.sections)) {
    if (!skip.has(name) && (spec.kind === 'subtree' || appliesTo(spec, scope)))
      entries.push({ name, arb: arbNode(name, spec, settings) });
  }
  return entries;
}

function arbNode(name: string, spec: NodeSpec, settings: Settings): fc.Arbitrary<ConfigNode> {
  switch (spec.kind) {
    case 'section':
      return arbSection(name, spec, settings);
    case 'list':
      return arbList(name, spec, settings);
    case 'subtree':
      return arbCustomProperties().map((node) => ({ ...node, name }));
  }
}

function arbSection(name: string, shape: ItemShape, settings: Settings): fc.Arbitrary<SectionNode> {
  return arbChildren(entriesOf(shape, settings, undefined, new Set()), [], settings).map((children) => ({
    kind: 'section',
    name,
    children,
  }));
}

/** Variants that may appear at most once per list (the schema says "at most one"). */
function singleInstanceVariants(spec: ListSpec): ReadonlySet<string> {
  return new Set(
    Object.entries(spec.variants ?? {})
      .filter(([, v]) => v.doc?.includes('at most one') === true)
      .map(([k]) => k),
  );
}

function arbList(name: string, spec: ListSpec, settings: Settings): fc.Arbitrary<ListNode> {
  const item = arbListItem(spec, settings);
  const items =
    spec.options['ident']?.unique === true
      ? fc.uniqueArray(item, { selector: (i) => identOf(i), maxLength: settings.maxItems })
      : fc.array(item, { maxLength: settings.maxItems });
  const single = singleInstanceVariants(spec);
  return items.map((list) => ({
    kind: 'list',
    name,
    items: spec.variantBy === undefined ? list : keepFirstOfEach(list, spec.variantBy, single),
  }));
}

function identOf(item: SectionNode): ScalarValue | undefined {
  const node = item.children.find((c) => c.kind === 'option' && c.name === 'ident');
  return node?.kind === 'option' ? node.value : undefined;
}

function keepFirstOfEach(
  items: SectionNode[],
  variantBy: string,
  single: ReadonlySet<string>,
): SectionNode[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const selector = item.children.find((c) => c.name === variantBy);
    const variant = selector?.kind === 'option' ? String(selector.value) : undefined;
    if (variant === undefined || !single.has(variant)) return true;
    if (seen.has(variant)) return false;
    seen.add(variant);
    return true;
  });
}

/**
 * One item of a list. Its variant option (account protocol, contact-service type) is chosen first,
 * then only the options that variant allows; an item of a list with unique idents always has one.
 */
function arbListItem(spec: ListSpec, settings: Settings): fc.Arbitrary<SectionNode> {
  const variantBy = spec.variantBy;
  const selector = variantBy === undefined ? undefined : spec.options[variantBy];
  const variants: (string | undefined)[] =
    selector === undefined ? [undefined] : (selector.values ?? []).map((v) => String(v.value));
  // An item may leave out its variant option only where the schema gives it a default.
  const mayOmit = selector?.default !== undefined;
  return fc
    .record({ variant: fc.constantFrom(...variants), written: mayOmit ? fc.boolean() : fc.constant(true) })
    .chain(({ variant, written }) => {
      const effective = variant !== undefined && !written ? String(selector?.default) : variant;
      const overrides = effective === undefined ? undefined : spec.variants?.[effective]?.overrides;
      const shape: ItemShape = itemShape(spec, effective);
      const required: Entry[] = [];
      const skip = new Set<string>();
      if (variantBy !== undefined) {
        skip.add(variantBy);
        if (written && effective !== undefined) required.push(optionEntry(variantBy, fc.constant(effective)));
      }
      if (spec.options['ident']?.unique === true) {
        skip.add('ident');
        const fixed = overrides?.['ident']?.fixedValue;
        required.push(optionEntry('ident', fixed !== undefined ? fc.constant(fixed) : settings.idents));
      }
      // Protocol-scoped lists (accounts) check appliesTo; lists with variants check by shape instead.
      const scope = spec.variants === undefined ? effective : undefined;
      const optional = entriesOf(shape, settings, scope, skip).map((entry) => {
        const fixed = overrides?.[entry.name]?.fixedValue;
        return fixed === undefined ? entry : optionEntry(entry.name, fc.constant(fixed));
      });
      // Items may use any element name the list accepts (the ZRTP lists take <hash_algorithm> too).
      return fc.tuple(
        arbChildren(optional, required, settings),
        fc.constantFrom(spec.item, ...(spec.itemAliases ?? [])),
      );
    })
    .map(([children, name]) => ({ kind: 'section', name, children }));
}

function settingsFrom(options: ConfigArbitraryOptions): Settings {
  return {
    maxItems: options.maxItems ?? 3,
    idents: options.idents ?? arbIdent(),
    unknownElements: options.unknownElements ?? false,
  };
}

/** Idents as the phone writes them (hex strings) and as people write them (any text). */
export function arbIdent(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 32 }),
    arbXmlText(12).filter((s) => s !== '' && s !== 'ContactServiceLocal'),
  );
}

function listSpec(name: string, schema: DocumentSchema = desktopConfigSchema): ListSpec {
  const spec = schema.sections[name];
  if (spec?.kind !== 'list') throw new Error(`schema has no list ${name}`);
  return spec;
}

/** One <account> item: protocol-correct options, always an ident, codec lists and sub-sections. */
export function arbAccountItem(options: ConfigArbitraryOptions = {}): fc.Arbitrary<SectionNode> {
  return arbListItem(listSpec('accounts', options.schema), settingsFrom(options));
}

/** One <contact_service> item with the options its type allows. */
export function arbContactServiceItem(options: ConfigArbitraryOptions = {}): fc.Arbitrary<SectionNode> {
  return arbListItem(listSpec('contact_services', options.schema), settingsFrom(options));
}

/** One <codec> item of a codec list. */
export function arbCodecItem(options: ConfigArbitraryOptions = {}): fc.Arbitrary<SectionNode> {
  return arbListItem(listSpec('codecs', options.schema), settingsFrom(options));
}

/** A list node by its top-level name (accounts, contact_services, codecs, open_url_on_event). */
export function arbTopLevelList(name: string, options: ConfigArbitraryOptions = {}): fc.Arbitrary<ListNode> {
  return arbList(name, listSpec(name, options.schema), settingsFrom(options));
}

/** A valid Config.xml document: a random subset of the top-level sections, each with random content. */
export function arbConfigDocument(options: ConfigArbitraryOptions = {}): fc.Arbitrary<ConfigDocument> {
  const settings = settingsFrom(options);
  const schema = options.schema ?? desktopConfigSchema;
  const allowed = new Set(options.sections ?? Object.keys(schema.sections));
  const entries = Object.entries(schema.sections)
    .filter(([name]) => allowed.has(name))
    .map(([name, spec]): Entry => ({ name, arb: arbNode(name, spec, settings) }));
  return arbChildren(entries, [], settings).map((children) => ({
    kind: 'config',
    root: { kind: 'section', name: 'options', children },
  }));
}
