// The strict validator: judges a ConfigDocument against the schema. Works the same on a document
// read from a file (diagnostics carry its line and column) and on one built in memory (a rendered
// provisioning reply), so every document zprov serves passes the same checks as every file it reads.
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { desktopConfigSchema, EXAMPLE_ONLY_ELEMENTS } from '../schema/desktop-config-schema.js';
import {
  enumValues,
  itemShape,
  rootShape,
  variantsDefining,
  type ItemShape,
} from '../schema/schema-lookup.js';
import type {
  Condition,
  DocumentSchema,
  ListSpec,
  NodeSpec,
  OptionSpec,
  ScalarValue,
} from '../schema/schema-types.js';
import { XML_INVALID_CHARS } from '../xml/xml-writer.js';
import {
  childNamed,
  optionValue,
  type ConfigDocument,
  type ListNode,
  type SectionNode,
  type SubtreeProperty,
} from './config-document.js';
import { closestName } from './closest-name.js';

const EXAMPLE_ONLY: ReadonlySet<string> = new Set(EXAMPLE_ONLY_ELEMENTS);
const NONE: ReadonlySet<string> = new Set();

/** Context of the list item being checked: which protocol or type its variant option selects. */
interface ItemContext {
  readonly list: ListSpec;
  readonly variant: string | undefined;
}

/** The kind of node a schema entry describes. */
const expectedKind = (spec: OptionSpec | NodeSpec): string => spec.kind;

/** `schema` picks the dialect (Desktop by default; the Android and iOS schemas for mobile replies). */
export function validateConfig(
  document: ConfigDocument,
  schema: DocumentSchema = desktopConfigSchema,
): Diagnostic[] {
  // The example-only element list describes the Desktop reference's samples, not the mobile ones.
  const v = new Validator(schema === desktopConfigSchema ? EXAMPLE_ONLY : NONE);
  v.container(document.root, rootShape(schema), '', '', undefined);
  v.crossReferences(document);
  return v.diagnostics;
}

/** Checks one typed value against its option; returns a message, or undefined when it fits. */
export function checkValue(
  spec: OptionSpec,
  value: ScalarValue,
): { code: Diagnostic['code']; message: string; severity?: 'warning' } | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : { code: 'value.type', message: `expected true or false, got '${value}'` };
    case 'integer':
      if (typeof value !== 'number')
        return { code: 'value.type', message: `expected a whole number, got '${value}'` };
      return checkRange(spec, value);
    case 'enum': {
      if (typeof value !== 'number')
        return {
          code: 'value.type',
          message: `expected one of the codes ${describeValues(spec)}, got '${value}'`,
        };
      if (!enumValues(spec).has(value))
        return {
          code: 'value.enum',
          message: `${value} is not a known code; allowed: ${describeValues(spec)}`,
        };
      return undefined;
    }
    case 'text_enum': {
      const text = String(value);
      if (enumValues(spec).has(text)) return undefined;
      const folded = (spec.values ?? []).find((v) => String(v.value).toLowerCase() === text.toLowerCase());
      if (folded !== undefined) {
        return {
          code: 'value.enum-case',
          severity: 'warning',
          message: `'${text}' is spelled '${folded.value}' in current Zoiper versions`,
        };
      }
      return {
        code: 'value.enum',
        message: `'${text}' is not allowed; expected one of ${describeValues(spec)}`,
      };
    }
    case 'string':
    case 'datetime':
      if (typeof value !== 'string')
        return { code: 'value.type', message: `expected text, got ${typeof value}` };
      if (XML_INVALID_CHARS.test(value))
        return { code: 'value.characters', message: 'holds a control character that XML cannot carry' };
      return undefined;
  }
}

function checkRange(
  spec: OptionSpec,
  value: number,
): { code: Diagnostic['code']; message: string } | undefined {
  if (!Number.isSafeInteger(value))
    return { code: 'value.range', message: `${value} is not a whole number that fits` };
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    return { code: 'value.range', message: `${value} is out of range ${spec.min ?? '…'}–${spec.max ?? '…'}` };
  }
  return undefined;
}

function describeValues(spec: OptionSpec): string {
  const values = spec.values ?? [];
  // Long code lists (codec ids) read better as bare codes; short ones get their meaning.
  const withMeaning = spec.type === 'enum' && values.length <= 8;
  return values
    .map((v) =>
      withMeaning && v.meaning !== undefined ? `${v.value} (${v.meaning.split(',')[0]})` : String(v.value),
    )
    .join(', ');
}

class Validator {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly exampleOnly: ReadonlySet<string>) {}

  private report(
    severity: 'error' | 'warning',
    code: Diagnostic['code'],
    path: string,
    pos: Position | undefined,
    message: string,
  ): void {
    this.diagnostics.push(diagnostic(severity, code, path, pos, message));
  }

  /** schemaPath is the path with list items as their item name (accounts/account), for schema look-ups. */
  container(
    node: SectionNode,
    shape: ItemShape,
    path: string,
    schemaPath: string,
    item: ItemContext | undefined,
  ): void {
    const seen = new Set<string>();
    for (const child of node.children) {
      const childPath = path === '' ? child.name : `${path}/${child.name}`;
      const childSchemaPath = schemaPath === '' ? child.name : `${schemaPath}/${child.name}`;
      if (child.kind !== 'unknown') {
        if (seen.has(child.name)) {
          const what = child.kind === 'option' ? 'option' : 'section';
          this.report(
            'error',
            child.kind === 'option' ? 'option.duplicate' : 'section.duplicate',
            childPath,
            child.pos,
            `${what} <${child.name}> appears more than once in <${node.name}>`,
          );
        }
        seen.add(child.name);
      }
      // A document built in memory (not bound by the parser) may name what this schema lacks.
      const expected = child.kind === 'option' ? shape.options[child.name] : shape.sections[child.name];
      if (child.kind !== 'unknown' && (expected === undefined || expectedKind(expected) !== child.kind)) {
        this.report(
          'error',
          child.kind === 'option' ? 'option.unknown' : 'section.unknown',
          childPath,
          child.pos,
          `<${child.name}> is not ${child.kind === 'option' ? 'an option' : `a ${child.kind}`} of <${node.name}> here`,
        );
        continue;
      }
      switch (child.kind) {
        case 'option': {
          const spec = shape.options[child.name] as OptionSpec;
          this.option(spec, child.name, child.value, childPath, child.pos, node, item);
          break;
        }
        case 'section': {
          const spec = shape.sections[child.name] as NodeSpec & { kind: 'section' };
          this.scope(spec, child.name, childPath, child.pos, item);
          this.container(child, spec, childPath, childSchemaPath, undefined);
          break;
        }
        case 'list': {
          const spec = shape.sections[child.name] as ListSpec;
          this.scope(spec, child.name, childPath, child.pos, item);
          this.list(child, spec, childPath, childSchemaPath);
          break;
        }
        case 'subtree':
          this.properties(child.properties, childPath);
          break;
        case 'unknown': {
          if (this.exampleOnly.has(childSchemaPath)) break;
          if (shape.options[child.name] !== undefined) {
            this.report(
              'error',
              'option.not-a-value',
              childPath,
              child.pos,
              `<${child.name}> holds elements where a value is expected`,
            );
            break;
          }
          if (shape.sections[child.name] !== undefined) {
            this.report(
              'error',
              'section.not-a-section',
              childPath,
              child.pos,
              `<${child.name}> is a section and holds options, not a value (kept as written)`,
            );
            break;
          }
          if (item?.list.variants !== undefined) {
            const owners = variantsDefining(item.list, child.name);
            if (owners.length > 0) {
              this.report(
                'error',
                'option.wrong-type-variant',
                childPath,
                child.pos,
                `<${child.name}> belongs to ${item.list.variantBy} ${owners.join('/')}, not to ${item.variant ?? 'an item without a type'}`,
              );
              break;
            }
          }
          const names = [...Object.keys(shape.options), ...Object.keys(shape.sections)];
          const guess = closestName(child.name, names);
          const kind = child.element.children.length > 0 ? 'section' : 'option';
          this.report(
            'warning',
            kind === 'section' ? 'section.unknown' : 'option.unknown',
            childPath,
            child.pos,
            `unknown ${kind} <${child.name}> in <${node.name}>${guess !== undefined ? `; did you mean <${guess}>?` : ''} (kept as written)`,
          );
          break;
        }
      }
    }
  }

  private option(
    spec: OptionSpec,
    name: string,
    value: ScalarValue,
    path: string,
    pos: Position | undefined,
    parent: SectionNode,
    item: ItemContext | undefined,
  ): void {
    const problem = checkValue(spec, value);
    if (problem !== undefined)
      this.report(problem.severity ?? 'error', problem.code, path, pos, `${name}: ${problem.message}`);
    this.scope(spec, name, path, pos, item);
    if (item?.list.variants !== undefined && item.variant !== undefined) {
      const fixed = item.list.variants[item.variant]?.overrides?.[name]?.fixedValue;
      if (fixed !== undefined && value !== fixed) {
        this.report(
          'error',
          'option.fixed-value',
          path,
          pos,
          `${name} must be ${String(fixed)} for a ${item.variant} ${item.list.item}`,
        );
      }
    }
    if (spec.dependsOn !== undefined && !isDocumentedDefault(spec, value)) {
      // The phone writes every option, switched off or not, with its default; only a value someone
      // chose is worth a warning when its switch is off. One warning per option: the first unmet condition.
      for (const condition of spec.dependsOn) {
        if (condition.option.includes('/')) continue; // depends on another part of the document
        const other = optionValue(parent, condition.option);
        if (other !== undefined && !holds(condition, other)) {
          this.report(
            'warning',
            'option.inactive',
            path,
            pos,
            `${name} has no effect unless ${condition.option} ${describeCondition(condition)} (it is ${String(other)})`,
          );
          break;
        }
      }
    }
  }

  /** Options and sections that belong to some account protocols only. */
  private scope(
    spec: { readonly appliesTo?: readonly string[] | null },
    name: string,
    path: string,
    pos: Position | undefined,
    item: ItemContext | undefined,
  ): void {
    if (item === undefined || item.list.variants !== undefined || item.variant === undefined) return;
    const applies = spec.appliesTo;
    if (applies === undefined || applies === null || applies.includes(item.variant)) return;
    this.report(
      'error',
      'option.wrong-protocol',
      path,
      pos,
      `<${name}> belongs to ${applies.join('/')} ${item.list.item}s; this ${item.list.item} is ${item.list.variantBy} ${item.variant}`,
    );
  }

  private list(node: ListNode, spec: ListSpec, path: string, schemaPath: string): void {
    const idents = new Map<string, number>();
    const singletons = new Set<string>();
    node.items.forEach((item, index) => {
      const itemPath = `${path}/${item.name}[${index + 1}]`;
      if (
        item.kind !== 'section' &&
        (item.name === spec.item || spec.itemAliases?.includes(item.name) === true)
      ) {
        this.report(
          'error',
          'section.not-a-section',
          itemPath,
          item.pos,
          `<${item.name}> is a ${spec.item} and holds options, not a value (kept as written)`,
        );
        return;
      }
      if (item.kind !== 'section') {
        this.report(
          'warning',
          'list.item-unexpected',
          itemPath,
          item.pos,
          `<${node.name}> holds <${spec.item}> items; <${item.name}> is kept as written`,
        );
        return;
      }
      let variant: string | undefined;
      if (spec.variantBy !== undefined) {
        const selector = optionValue(item, spec.variantBy);
        const declared = spec.options[spec.variantBy]?.default;
        const written =
          selector !== undefined ? String(selector) : declared !== undefined ? String(declared) : undefined;
        // A legacy spelling (SIP, XML) selects the same options as the current one; a value that is
        // not known at all selects none in particular. Either way the selector itself gets the one
        // diagnostic, not every option of the item.
        variant = canonicalVariant(spec.options[spec.variantBy], written);
        if (written === undefined && spec.variants !== undefined) {
          this.report(
            'warning',
            'option.missing',
            itemPath,
            item.pos,
            `${spec.item} has no <${spec.variantBy}>; its ${spec.variantBy}-specific options cannot be checked`,
          );
        }
        if (variant !== undefined && spec.variants?.[variant]?.doc?.includes('at most one')) {
          if (singletons.has(variant))
            this.report(
              'error',
              'list.single-instance',
              itemPath,
              item.pos,
              `only one ${variant} ${spec.item} is allowed`,
            );
          singletons.add(variant);
        }
      }
      const identNode = childNamed(item, 'ident', 'option');
      const ident = identNode?.value;
      if (spec.options['ident']?.unique === true && ident !== undefined && ident !== '') {
        const first = idents.get(String(ident));
        if (first !== undefined)
          this.report(
            'error',
            'list.duplicate-ident',
            `${itemPath}/ident`,
            identNode?.pos ?? item.pos,
            `ident '${String(ident)}' is already used by ${spec.item} ${first}`,
          );
        else idents.set(String(ident), index + 1);
      }
      this.container(item, itemShape(spec, variant), itemPath, `${schemaPath}/${spec.item}`, {
        list: spec,
        variant,
      });
    });
  }

  private properties(properties: readonly SubtreeProperty[], path: string): void {
    for (const property of properties) {
      const propertyPath = `${path}/${property.name}`;
      if (property.type === 'invalid') {
        const declared = property.element.attributes['type'];
        this.report(
          'error',
          'subtree.type',
          propertyPath,
          property.pos,
          declared === undefined
            ? `<${property.name}> needs a type attribute (boolean, integer, string or subtree)`
            : `<${property.name}> has type '${declared}' but holds ${property.element.children.length > 0 ? 'elements' : 'a value'} that does not fit it`,
        );
      } else if (property.type === 'subtree') {
        this.properties(property.children, propertyPath);
      } else {
        const problem = checkValue({ kind: 'option', type: property.type, secret: false }, property.value);
        if (problem !== undefined)
          this.report(
            'error',
            problem.code,
            propertyPath,
            property.pos,
            `${property.name}: ${problem.message}`,
          );
      }
    }
  }

  crossReferences(document: ConfigDocument): void {
    const general = document.root.children.find((c) => c.kind === 'section' && c.name === 'general');
    const accounts = document.root.children.find((c) => c.kind === 'list' && c.name === 'accounts');
    if (general?.kind !== 'section' || accounts?.kind !== 'list') return;
    const node = general.children.find((c) => c.kind === 'option' && c.name === 'account');
    if (node?.kind !== 'option' || node.value === '') return;
    const idents = new Set(
      accounts.items.map((i) => (i.kind === 'section' ? optionValue(i, 'ident') : undefined)),
    );
    if (!idents.has(node.value)) {
      this.report(
        'warning',
        'reference.unknown-account',
        'general/account',
        node.pos,
        `general/account names '${String(node.value)}', which is not the ident of any account in this document`,
      );
    }
  }
}

/** The schema's spelling of a variant selector value, matched case-insensitively; undefined if unknown. */
function canonicalVariant(selector: OptionSpec | undefined, written: string | undefined): string | undefined {
  if (written === undefined || selector === undefined) return written;
  if (enumValues(selector).has(written)) return written;
  const folded = written.toLowerCase();
  const match = (selector.values ?? []).find((v) => String(v.value).toLowerCase() === folded);
  return match === undefined ? undefined : String(match.value);
}

/**
 * True when the value is the option's default or one of its documented conditional defaults, or
 * when the default is only described in words (the phone fills in a value, such as its own data
 * folder for record_path, that cannot be told apart from one chosen on purpose).
 */
function isDocumentedDefault(spec: OptionSpec, value: ScalarValue): boolean {
  if (spec.default === undefined) return spec.defaultNote !== undefined;
  return value === spec.default || (spec.defaultAlt?.some((alt) => alt.value === value) ?? false);
}

function holds(condition: Condition, value: ScalarValue): boolean {
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in !== undefined) return condition.in.includes(value);
  if (condition.matches !== undefined) return new RegExp(condition.matches).test(String(value));
  return true;
}

function describeCondition(condition: Condition): string {
  if (condition.equals !== undefined) return `is ${String(condition.equals)}`;
  if (condition.in !== undefined) return `is one of ${condition.in.join(', ')}`;
  return `matches ${condition.matches ?? ''}`;
}
