// What each platform is not sent of a user's configuration, and why: options its dialect has no
// place for, and options pinned to other platforms (where a lower layer's value may show through
// instead). `zprov render --compare` prints it; it is how an administrator sees that a push setting
// reaches only the apps, or that a Desktop-only option never reaches a phone.
import { diffConfigs, flattenConfig, SECRET_MASK } from '../config/diff.js';
import { formatValue } from '../config/serialize-config.js';
import { optionValue, type ConfigDocument } from '../config/config-document.js';
import type { ZoiperPlatform } from '../schema/platform-schemas.js';
import { platformDocument } from './platform-document.js';

export interface PlatformLoss {
  /** As diff names it: accounts/account[ident=alice]/SIP_use_reg_event. */
  readonly path: string;
  /** What the whole configuration has there (secrets masked). */
  readonly value: string;
  /** What the platform is sent there instead, when a lower layer shows through a pin. */
  readonly instead?: string;
  readonly reason: string;
}

export const PINNED_AWAY = 'pinned to other platforms';

/**
 * `whole` is the user's configuration with every pin ignored; `pinned` the same rendered with the
 * options pinned away from `platform` left out (the same document when nothing is pinned).
 */
export function platformLosses(
  whole: ConfigDocument,
  pinned: ConfigDocument,
  platform: ZoiperPlatform,
): PlatformLoss[] {
  // What the dialect has no place for first: there a pin makes no difference.
  const wholeValues = flattenConfig(whole);
  const pinnedValues = flattenConfig(pinned);
  const dialect = new Map<string, PlatformLoss>();
  for (const left of platformDocument(pinned, platform).leftOut) {
    const path = keyedPath(pinned, left.path);
    // A section or item left out whole is named option by option.
    const paths = [...pinnedValues.keys()].filter((p) => p === path || p.startsWith(`${path}/`));
    for (const p of paths) {
      const value = wholeValues.get(p) ?? pinnedValues.get(p);
      if (value !== undefined)
        dialect.set(p, { path: p, value: value.secret ? SECRET_MASK : value.text, reason: left.reason });
    }
  }
  const losses = [...dialect.values()];
  for (const entry of diffConfigs(whole, pinned)) {
    // Leaving options out adds nothing; what the dialect drops anyway is named once, above.
    if (entry.change === 'added' || dialect.has(entry.path)) continue;
    losses.push({
      path: entry.path,
      value: entry.from ?? '',
      ...(entry.to === undefined ? {} : { instead: entry.to }),
      reason: entry.change === 'removed' ? PINNED_AWAY : `${PINNED_AWAY}; a lower layer's value is sent`,
    });
  }
  return losses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A positional list path (accounts/account[2]/…) named as diff names it, by ident where there is one. */
function keyedPath(document: ConfigDocument, path: string): string {
  const match = /^([^/[\]]+)\/([^/[\]]+)\[(\d+)\](.*)$/.exec(path);
  if (match === null) return path;
  const [, listName, itemName, index, rest] = match as unknown as [string, string, string, string, string];
  const list = document.root.children.find((c) => c.name === listName);
  const item = list?.kind === 'list' ? list.items[Number(index) - 1] : undefined;
  const ident = item?.kind === 'section' ? optionValue(item, 'ident') : undefined;
  if (ident === undefined || ident === '') return path;
  return `${listName}/${itemName}[ident=${formatValue(ident)}]${rest}`;
}
