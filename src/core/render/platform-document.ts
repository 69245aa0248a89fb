// What one platform's phone is served of a rendered document: the sections, options and list items
// its dialect has, each value valid there. The document zprov renders holds any platform's options
// (platform-schemas.ts); a Desktop is not sent push-notification settings, and an Android app is not
// sent <general>, <audio> or an account's <ident>, which its dialect does not know.
import { checkValue } from '../config/validate-config.js';
import {
  optionValue,
  type ConfigDocument,
  type ConfigNode,
  type ListNode,
  type SectionNode,
} from '../config/config-document.js';
import { platformConfigSchemas, type ZoiperPlatform } from '../schema/platform-schemas.js';
import { renderedConfig, type RenderedConfig } from './render-user-config.js';
import { itemShape, rootShape, type ItemShape } from '../schema/schema-lookup.js';
import type { ListSpec, NodeSpec } from '../schema/schema-types.js';

/** An option (or section, list, item) left out, with why. */
export interface LeftOut {
  /** As diff and the validator name it: accounts/account[1]/SIP_use_reg_event. */
  readonly path: string;
  readonly reason: string;
}

export interface PlatformDocument {
  readonly platform: ZoiperPlatform;
  readonly document: ConfigDocument;
  /** What the platform does not get, in document order. */
  readonly leftOut: readonly LeftOut[];
}

const NOT_IN_DIALECT = 'not in this platform’s dialect';

/** What a walk carries along: where left-out nodes are noted, and whether unknown elements stay. */
interface Walk {
  readonly leftOut: LeftOut[];
  /**
   * Elements no schema knows are kept for Desktop, which keeps what it does not know in its
   * Config.xml; the apps are sent only their dialect.
   */
  readonly keepUnknown: boolean;
}

export function platformDocument(document: ConfigDocument, platform: ZoiperPlatform): PlatformDocument {
  const walk: Walk = { leftOut: [], keepUnknown: platform === 'desktop' };
  const shape = rootShape(platformConfigSchemas[platform]);
  const root = keepSection(document.root, shape, '', walk) ?? { ...document.root, children: [] };
  return { platform, document: { kind: 'config', root }, leftOut: walk.leftOut };
}

const joined = (prefix: string, name: string): string => (prefix === '' ? name : `${prefix}/${name}`);

/** The section with what `shape` allows; undefined when nothing of it is left. */
function keepSection(
  section: SectionNode,
  shape: ItemShape,
  prefix: string,
  walk: Walk,
): SectionNode | undefined {
  const children: ConfigNode[] = [];
  for (const child of section.children) {
    const kept = keepNode(child, shape, joined(prefix, child.name), walk);
    if (kept !== undefined) children.push(kept);
  }
  if (children.length === 0 && section.children.length > 0) return undefined;
  return children.length === section.children.length && children.every((c, i) => c === section.children[i])
    ? section
    : { ...section, children };
}

function keepNode(node: ConfigNode, shape: ItemShape, path: string, walk: Walk): ConfigNode | undefined {
  const leave = (reason = NOT_IN_DIALECT): undefined => {
    walk.leftOut.push({ path, reason });
    return undefined;
  };
  switch (node.kind) {
    case 'option': {
      const spec = shape.options[node.name];
      if (spec === undefined) return leave();
      const problem = checkValue(spec, node.value);
      return problem === undefined || problem.severity === 'warning' ? node : leave(problem.message);
    }
    case 'section': {
      const spec: NodeSpec | undefined = shape.sections[node.name];
      if (spec?.kind !== 'section') return leave();
      return keepSection(node, spec, path, walk);
    }
    case 'list': {
      const spec: NodeSpec | undefined = shape.sections[node.name];
      if (spec?.kind !== 'list') return leave();
      return keepList(node, spec, path, walk);
    }
    case 'subtree':
      return shape.sections[node.name]?.kind === 'subtree' ? node : leave();
    case 'unknown':
      return walk.keepUnknown ? node : leave();
  }
}

function keepList(list: ListNode, spec: ListSpec, path: string, walk: Walk): ListNode | undefined {
  const items: ListNode['items'][number][] = [];
  list.items.forEach((item, index) => {
    const itemPath = `${path}/${item.name}[${index + 1}]`;
    if (item.kind !== 'section') {
      if (walk.keepUnknown) items.push(item);
      else walk.leftOut.push({ path: itemPath, reason: NOT_IN_DIALECT });
      return;
    }
    const variant = spec.variantBy === undefined ? undefined : optionValue(item, spec.variantBy);
    if (
      variant !== undefined &&
      spec.variants !== undefined &&
      spec.variants[String(variant)] === undefined
    ) {
      walk.leftOut.push({
        path: itemPath,
        reason: `${spec.variantBy ?? ''} ${String(variant)} is not on this platform`,
      });
      return;
    }
    const shape = itemShape(spec, variant === undefined ? undefined : String(variant));
    const kept = keepSection(item, shape, itemPath, walk);
    if (kept !== undefined) items.push(kept);
  });
  if (items.length === 0 && list.items.length > 0) return undefined;
  return items.length === list.items.length && items.every((item, i) => item === list.items[i])
    ? list
    : { ...list, items };
}

/** What one platform is served of a user's rendered document, and what it does not get. */
export interface PlatformRender extends RenderedConfig {
  readonly platform: ZoiperPlatform;
  readonly leftOut: readonly LeftOut[];
}

/**
 * The platform's part of a rendered document. Where nothing is left out (a Desktop user without
 * mobile-only settings) it is the rendered document itself, body and hash unchanged.
 */
export function renderForPlatform(rendered: RenderedConfig, platform: ZoiperPlatform): PlatformRender {
  const { document, leftOut } = platformDocument(rendered.document, platform);
  if (document.root === rendered.document.root) return { ...rendered, platform, leftOut };
  return { ...renderedConfig(document), platform, leftOut };
}
