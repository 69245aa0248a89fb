import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  configDocument,
  diffConfigs,
  flattenConfig,
  overlay,
  type ConfigDocument,
  type ConfigNode,
  type OverlayOptions,
  type ScalarValue,
  type SectionNode,
  type SubtreeProperty,
} from '../../../src/core/index.js';
import { arbConfigDocument } from '../../support/config-arbitrary.js';

// A small ident pool makes local and remote share accounts and contact services, so merging by
// ident is exercised and not only appending.
const shared = { idents: fc.constantFrom('acc-1', 'acc-2', 'acc-3', 'acc-4', 'Z599e3b298c0b'), maxItems: 3 };
// Half the documents hold only the sections where merging has rules of its own, so two of them
// meet in those sections often.
const FOCUS = ['accounts', 'contact_services', 'codecs', 'gui', 'audio'];
const arbDoc = (unknownElements: boolean): fc.Arbitrary<ConfigDocument> =>
  fc.oneof(
    arbConfigDocument({ ...shared, unknownElements }),
    arbConfigDocument({ ...shared, unknownElements, sections: FOCUS }),
  );
const flag = fc.constantFrom(true, false, undefined);
const arbFlags: fc.Arbitrary<OverlayOptions> = fc.record(
  { deleteAccountsBeforehand: flag, deleteContactServicesBeforehand: flag },
  { requiredKeys: [] },
);

const join = (path: string, name: string): string => (path === '' ? name : `${path}/${name}`);

const optionOf = (item: SectionNode, name: string): ScalarValue | undefined => {
  const node = item.children.find((c) => c.kind === 'option' && c.name === name);
  return node?.kind === 'option' ? node.value : undefined;
};

/** Ident -> protocol/type of the local items, to tell which remote items change kind. */
function kindsByIdent(document: ConfigDocument): Map<string, ScalarValue | undefined> {
  const out = new Map<string, ScalarValue | undefined>();
  for (const node of document.root.children) {
    if (node.kind !== 'list') continue;
    for (const item of node.items) {
      if (item.kind !== 'section') continue;
      const ident = optionOf(item, 'ident');
      if (ident !== undefined)
        out.set(`${node.name}/${String(ident)}`, optionOf(item, 'protocol') ?? optionOf(item, 'type'));
    }
  }
  return out;
}

/**
 * Paths (in flattenConfig's spelling) below which a remote document replaces local content
 * wholesale: its values, its lists, its subtree properties, and items that change protocol or type.
 */
function replacingPaths(document: ConfigDocument, local: ConfigDocument): Set<string> {
  const localKinds = kindsByIdent(local);
  const out = new Set<string>(flattenConfig(document).keys());
  const visitProperties = (properties: readonly SubtreeProperty[], path: string): void => {
    for (const p of properties) {
      out.add(join(path, p.name));
      if (p.type === 'subtree') visitProperties(p.children, join(path, p.name));
    }
  };
  const visit = (nodes: readonly ConfigNode[], path: string): void => {
    for (const node of nodes) {
      const at = join(path, node.name);
      if (node.kind === 'section') visit(node.children, at);
      else if (node.kind === 'subtree') visitProperties(node.properties, at);
      else if (node.kind === 'list') {
        out.add(at);
        node.items.forEach((item, index) => {
          if (item.kind !== 'section') return;
          const ident = item.children.find((c) => c.kind === 'option' && c.name === 'ident');
          const key =
            ident?.kind === 'option' && ident.value !== ''
              ? `[ident=${String(ident.value)}]`
              : `[${index + 1}]`;
          const kind = optionOf(item, 'protocol') ?? optionOf(item, 'type');
          const before = localKinds.get(`${node.name}/${String(optionOf(item, 'ident'))}`);
          if (kind !== undefined && before !== undefined && kind !== before)
            out.add(`${at}/${item.name}${key}`);
          visit(item.children, `${at}/${item.name}${key}`);
        });
      }
    }
  };
  visit(document.root.children, '');
  return out;
}

const coveredBy = (path: string, paths: ReadonlySet<string>): boolean => {
  const segments = path.split('/');
  for (let i = segments.length; i > 0; i--) if (paths.has(segments.slice(0, i).join('/'))) return true;
  return false;
};

describe('overlay properties', () => {
  it('leaves a document unchanged when the remote document is empty', () => {
    fc.assert(
      fc.property(arbDoc(true), arbFlags, (local, flags) => {
        expect(overlay(local, configDocument([]), flags)).toEqual(local);
      }),
    );
  });

  it('is idempotent: laying the same remote document twice changes nothing more', () => {
    fc.assert(
      fc.property(arbDoc(true), arbDoc(true), arbFlags, (local, remote, flags) => {
        const once = overlay(local, remote, flags);
        expect(overlay(once, remote, flags)).toEqual(once);
      }),
      { numRuns: 150 },
    );
  });

  it('gives every option of the remote document its remote value, in sections and in matched items', () => {
    fc.assert(
      fc.property(arbDoc(false), arbDoc(false), arbFlags, (local, remote, flags) => {
        const merged = flattenConfig(overlay(local, remote, flags));
        for (const [path, value] of flattenConfig(remote))
          expect([path, merged.get(path)]).toEqual([path, value]);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every local value the remote document does not reach', () => {
    fc.assert(
      fc.property(arbDoc(false), arbDoc(false), arbFlags, (local, remote, flags) => {
        const merged = flattenConfig(overlay(local, remote, flags));
        const reached = replacingPaths(remote, local);
        for (const [path, value] of flattenConfig(local)) {
          if (!coveredBy(path, reached)) expect([path, merged.get(path)]).toEqual([path, value]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('diff properties', () => {
  it('finds nothing between a document and itself', () => {
    fc.assert(
      fc.property(arbDoc(true), (document) => {
        expect(diffConfigs(document, document)).toEqual([]);
      }),
    );
  });

  it('reports, after an overlay, only paths the remote document holds or replaces', () => {
    fc.assert(
      fc.property(arbDoc(false), arbDoc(false), arbFlags, (local, remote, flags) => {
        const remotePaths = new Set(flattenConfig(remote).keys());
        const reached = replacingPaths(remote, local);
        for (const entry of diffConfigs(local, overlay(local, remote, flags))) {
          if (entry.change === 'removed')
            expect([entry.path, coveredBy(entry.path, reached)]).toEqual([entry.path, true]);
          else expect([entry.path, remotePaths.has(entry.path)]).toEqual([entry.path, true]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
