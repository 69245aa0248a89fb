// Options pinned to platforms: a profile option (or account default) meant for some platforms only,
// `profile set <p> <path> <value> --platform android`. A pinned option is left out of the layer when
// rendering for any other platform, so what a lower layer (or the phone itself) has shows through
// there. A profile without pins renders as it always did.
import type { ListSpec } from '../schema/schema-types.js';
import {
  isZoiperPlatform,
  platformConfigSchemas,
  ZOIPER_PLATFORMS,
  type ZoiperPlatform,
} from '../schema/platform-schemas.js';
import { rootShape } from '../schema/schema-lookup.js';
import { accountDefaultsPath, unsetAccountDefault } from './account-defaults.js';
import type { ConfigDocument, SectionNode } from './config-document.js';
import { resolvePath, unsetOption, type EditScope } from './option-editor.js';

/** Profile path → the platforms it is for; a path not named is for every platform. */
export type PlatformPins = Readonly<Record<string, readonly ZoiperPlatform[]>>;

export const NO_PINS: PlatformPins = Object.freeze({});

export const hasPins = (pins: PlatformPins): boolean => Object.keys(pins).length > 0;

/** Pins as stored: JSON with paths sorted and platforms in their canonical order; undefined for none. */
export function serializePins(pins: PlatformPins): string | undefined {
  const paths = Object.keys(pins).sort();
  if (paths.length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(paths.map((p) => [p, canonical(pins[p] ?? [])])));
}

/** Reads stored pins; anything that is not a map of paths to known platforms is refused. */
export function parsePins(text: string | undefined): PlatformPins | string {
  if (text === undefined) return NO_PINS;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'platform pins are not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'platform pins are not a map of paths';
  const pins: Record<string, readonly ZoiperPlatform[]> = {};
  for (const [path, platforms] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(platforms) || platforms.length === 0)
      return `platform pin of ${path} names no platform`;
    for (const platform of platforms as unknown[])
      if (typeof platform !== 'string' || !isZoiperPlatform(platform))
        return `platform pin of ${path}: '${String(platform)}' is not a platform`;
    pins[path] = canonical(platforms as ZoiperPlatform[]);
  }
  return pins;
}

const canonical = (platforms: readonly ZoiperPlatform[]): ZoiperPlatform[] =>
  ZOIPER_PLATFORMS.filter((p) => platforms.includes(p));

/** Pins with `path` pinned to `platforms`, or unpinned (for every platform) when undefined. */
export function withPin(
  pins: PlatformPins,
  path: string,
  platforms: readonly ZoiperPlatform[] | undefined,
): PlatformPins {
  const { [path]: _dropped, ...rest } = pins;
  if (platforms === undefined || canonical(platforms).length === ZOIPER_PLATFORMS.length) return rest;
  return { ...rest, [path]: canonical(platforms) };
}

/** Why `path` cannot be sent to `platform` (its dialect has no such option), or undefined. */
export function notOnPlatform(path: string, platform: ZoiperPlatform): string | undefined {
  const schema = platformConfigSchemas[platform];
  const relative = accountDefaultsPath(path);
  const scope: EditScope =
    relative === undefined
      ? { shape: rootShape(schema), where: `the ${platform} document` }
      : {
          shape: schema.sections['accounts'] as ListSpec,
          where: `${/^[aeiou]/.test(platform) ? 'an' : 'a'} ${platform} account`,
          noun: 'account',
        };
  const resolved = resolvePath(scope, relative ?? path);
  return resolved.ok ? undefined : `${path}: not in the ${platform} dialect (${resolved.error})`;
}

/** A profile layer as rendering reads it. */
export interface PinnedLayer {
  readonly document: ConfigDocument;
  readonly accountDefaults: SectionNode | undefined;
  readonly pins: PlatformPins;
}

/** The layer as `platform` gets it: without the options pinned to other platforms. */
export function layerForPlatform(layer: PinnedLayer, platform: ZoiperPlatform): PinnedLayer {
  let { document, accountDefaults } = layer;
  for (const [path, platforms] of Object.entries(layer.pins)) {
    if (platforms.includes(platform)) continue;
    const relative = accountDefaultsPath(path);
    if (relative === undefined) {
      const edit = unsetOption(document, path);
      if (edit.ok) document = edit.document;
    } else if (accountDefaults !== undefined) {
      const edit = unsetAccountDefault(accountDefaults, relative);
      if (edit.ok) accountDefaults = edit.section.children.length === 0 ? undefined : edit.section;
    }
  }
  return { document, accountDefaults, pins: layer.pins };
}
