// Questions about a schema tree that several parts of the core ask: what does an item of a list
// hold for a given variant, which options are secrets, how many options are there.
import { desktopConfigSchema } from './desktop-config-schema.js';
import { storedConfigSchema } from './platform-schemas.js';
import type { DocumentSchema, ListSpec, NodeSpec, OptionSpec, SectionSpec } from './schema-types.js';

export type ContainerSpec = SectionSpec | ListSpec;

export interface ItemShape {
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly sections: Readonly<Record<string, NodeSpec>>;
}

/** What the <options> root may hold: only sections. */
export const CONFIG_ROOT_SHAPE: ItemShape = { options: {}, sections: desktopConfigSchema.sections };

/**
 * What a document zprov stores or renders may hold: any platform's sections (platform-schemas.ts),
 * in the Desktop order with the mobile-only ones after.
 */
export const STORED_ROOT_SHAPE: ItemShape = { options: {}, sections: storedConfigSchema.sections };

const rootShapes = new WeakMap<DocumentSchema, ItemShape>([
  [desktopConfigSchema, CONFIG_ROOT_SHAPE],
  [storedConfigSchema, STORED_ROOT_SHAPE],
]);

/** The root shape of any configuration dialect (Desktop, Android, iOS); CONFIG_ROOT_SHAPE for Desktop. */
export function rootShape(schema: DocumentSchema): ItemShape {
  let shape = rootShapes.get(schema);
  if (shape === undefined) {
    shape = { options: {}, sections: schema.sections };
    rootShapes.set(schema, shape);
  }
  return shape;
}

const shapeCache = new WeakMap<ListSpec, Map<string, ItemShape>>();

/**
 * The options and sections one item of `list` may hold when its variant option has `variant`
 * (undefined: the variant is unknown, so the union of every variant is allowed).
 */
export function itemShape(list: ListSpec, variant: string | undefined): ItemShape {
  if (list.variants === undefined) return list;
  let perVariant = shapeCache.get(list);
  if (perVariant === undefined) {
    perVariant = new Map();
    shapeCache.set(list, perVariant);
  }
  const key = variant ?? '\u0000any';
  let shape = perVariant.get(key);
  if (shape === undefined) {
    const chosen =
      variant !== undefined && list.variants[variant] !== undefined
        ? [list.variants[variant]]
        : Object.values(list.variants);
    const options: Record<string, OptionSpec> = { ...list.options };
    const sections: Record<string, NodeSpec> = { ...list.sections };
    for (const v of chosen) {
      if (v === undefined) continue;
      for (const [name, spec] of Object.entries(v.options)) options[name] ??= spec;
      for (const [name, spec] of Object.entries(v.sections ?? {})) sections[name] ??= spec;
    }
    shape = { options, sections };
    perVariant.set(key, shape);
  }
  return shape;
}

/** Variants (contact-service types) other than `variant` that define an option called `name`. */
export function variantsDefining(list: ListSpec, name: string): string[] {
  if (list.variants === undefined) return [];
  return Object.entries(list.variants)
    .filter(([, v]) => v.options[name] !== undefined || v.sections?.[name] !== undefined)
    .map(([k]) => k);
}

export interface SchemaCounts {
  readonly sections: number;
  readonly options: number;
}

/** Counts nodes and option definitions the way the reference README does. */
export function countSchema(sections: Readonly<Record<string, NodeSpec>>): SchemaCounts {
  let sectionCount = 0;
  let optionCount = 0;
  const visit = (node: NodeSpec): void => {
    sectionCount += 1;
    if (node.kind === 'subtree') return;
    optionCount += Object.keys(node.options).length;
    Object.values(node.sections).forEach(visit);
    if (node.kind === 'list' && node.variants !== undefined) {
      for (const variant of Object.values(node.variants)) {
        optionCount += Object.keys(variant.options).length;
        Object.values(variant.sections ?? {}).forEach(visit);
      }
    }
  };
  Object.values(sections).forEach(visit);
  return { sections: sectionCount, options: optionCount };
}

/** The enum value list as a set for membership tests, cached per option. */
const enumCache = new WeakMap<OptionSpec, ReadonlySet<string | number>>();
export function enumValues(spec: OptionSpec): ReadonlySet<string | number> {
  let set = enumCache.get(spec);
  if (set === undefined) {
    set = new Set((spec.values ?? []).map((v) => v.value));
    enumCache.set(spec, set);
  }
  return set;
}
