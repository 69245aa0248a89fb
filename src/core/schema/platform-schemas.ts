// The three Zoiper platforms zprov serves and the configuration dialect each one reads, and the schema
// of what zprov stores: every section and option of any platform, so an option that only the mobile
// apps know (push notifications, a balance URL) can be set in a profile or on an account and reach
// the phones that read it. Each phone is then served only its own dialect (render/platform-document).
import { desktopConfigSchema } from './desktop-config-schema.js';
import { mobileConfigSchemas, type MobilePlatform } from './mobile-provisioning.js';
import type { DocumentSchema, ListSpec, NodeSpec, OptionSpec, SectionSpec } from './schema-types.js';

export type ZoiperPlatform = 'desktop' | MobilePlatform;
export const ZOIPER_PLATFORMS: readonly ZoiperPlatform[] = ['desktop', 'android', 'ios'];

export const isZoiperPlatform = (value: string): value is ZoiperPlatform =>
  (ZOIPER_PLATFORMS as readonly string[]).includes(value);

export const platformConfigSchemas: Readonly<Record<ZoiperPlatform, DocumentSchema>> = Object.freeze({
  desktop: desktopConfigSchema,
  ...mobileConfigSchemas,
});

type Options = Readonly<Record<string, OptionSpec>>;
type Nodes = Readonly<Record<string, NodeSpec>>;

/**
 * `first`'s entries in their order, then those only `second` has: a document with none of the
 * second's options is ordered (canonical-order.ts) exactly as under the first schema alone.
 */
function appended<T>(
  first: Readonly<Record<string, T>>,
  second: Readonly<Record<string, T>>,
): Record<string, T> {
  const merged: Record<string, T> = { ...first };
  for (const [name, value] of Object.entries(second)) if (!(name in merged)) merged[name] = value;
  return merged;
}

const mergeOptions = (first: Options, second: Options): Options => appended(first, second);

function mergeNodes(first: Nodes, second: Nodes): Nodes {
  const merged = appended(first, second);
  for (const [name, node] of Object.entries(first)) {
    const other = second[name];
    if (other !== undefined) merged[name] = mergeNode(node, other);
  }
  return merged;
}

/**
 * One node holding both: where the two disagree in kind (never, in the vendor's references) or on an
 * option's type, the first one's definition is kept.
 */
function mergeNode(first: NodeSpec, second: NodeSpec): NodeSpec {
  if (first.kind === 'section' && second.kind === 'section') {
    const section: SectionSpec = {
      ...first,
      options: mergeOptions(first.options, second.options),
      sections: mergeNodes(first.sections, second.sections),
    };
    return section;
  }
  if (first.kind === 'list' && second.kind === 'list' && first.item === second.item) {
    // The second's item options join the common part of the first's items, except those the first
    // defines for some variants only (a Desktop account's SIP_domain is for SIP accounts alone).
    const byVariant = new Set(
      Object.values(first.variants ?? {}).flatMap((v) => [
        ...Object.keys(v.options),
        ...Object.keys(v.sections ?? {}),
      ]),
    );
    const unlessByVariant = <T>(nodes: Readonly<Record<string, T>>): Record<string, T> =>
      Object.fromEntries(Object.entries(nodes).filter(([name]) => !byVariant.has(name)));
    const list: ListSpec = {
      ...first,
      options: mergeOptions(first.options, unlessByVariant(second.options)),
      sections: mergeNodes(first.sections, unlessByVariant(second.sections)),
    };
    return list;
  }
  return first;
}

/** Every platform's sections and options; the Desktop definition wherever two platforms share one. */
export const storedConfigSchema: DocumentSchema = {
  root: desktopConfigSchema.root,
  sections: ZOIPER_PLATFORMS.slice(1).reduce(
    (sections, platform) => mergeNodes(sections, platformConfigSchemas[platform].sections),
    desktopConfigSchema.sections,
  ),
};
