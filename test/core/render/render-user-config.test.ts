import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SCOPE,
  configDocument,
  desktopConfigSchema,
  optionNode,
  parseConfig,
  readConfig,
  sectionNode,
  renderUserConfig,
  setOption,
  setOptionIn,
  validateConfig,
  type ConfigDocument,
  type RenderAccount,
  type SectionNode,
} from '../../../src/core/index.js';
import { arbAccountItem, arbConfigDocument, arbXmlText } from '../../support/config-arbitrary.js';

function setAccountOption(item: SectionNode, path: string, text: string): SectionNode {
  const edit = setOptionIn(item, ACCOUNT_SCOPE, path, text);
  if (!edit.ok) throw new Error(edit.error);
  return edit.section;
}

function profile(...settings: [string, string][]): ConfigDocument {
  let doc = configDocument([]);
  for (const [path, value] of settings) {
    const result = setOption(doc, path, value);
    if (!result.ok) throw new Error(result.error);
    doc = result.document;
  }
  return doc;
}

function sipAccount(
  ident: string,
  username: string,
  password: string | undefined,
  isDefault = false,
): RenderAccount {
  let item: SectionNode = sectionNode('account', [optionNode('protocol', 'sip')]);
  item = setAccountOption(item, 'username', username);
  item = setAccountOption(item, 'SIP_domain', 'pbx.example.com');
  item = setAccountOption(item, 'codecs', 'opus,pcmu');
  return { ident, item, password, isDefault };
}

describe('rendering a user configuration', () => {
  it('layers profiles so the later layer wins per option and the others survive', () => {
    const server = profile(['general/auto_away', '100'], ['audio/use_echo_cancellation', 'false']);
    const tenant = profile(['general/auto_away', '200'], ['general/record_calls', 'true']);
    const user = profile(['general/auto_away', '300']);
    const { document, body } = renderUserConfig({ layers: [server, tenant, user], accounts: [] });
    const flattened = profile(
      ['general/auto_away', '300'],
      ['general/record_calls', 'true'],
      ['audio/use_echo_cancellation', 'false'],
    );
    expect(body).toBe(renderUserConfig({ layers: [flattened], accounts: [] }).body);
    const general = document.root.children.find((c) => c.name === 'general') as SectionNode;
    expect(general.children).toEqual([optionNode('auto_away', 300), optionNode('record_calls', true)]);
  });

  it('holds only the options that profiles and accounts set, never schema defaults', () => {
    const { body } = renderUserConfig({ layers: [profile(['general/auto_away', '60'])], accounts: [] });
    expect(body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<options>\n  <general>\n    <auto_away>60</auto_away>\n  </general>\n</options>\n',
    );
  });

  it('renders accounts in order with their idents and passwords and names the default one', () => {
    const rendered = renderUserConfig({
      layers: [],
      accounts: [sipAccount('id-1', 'alice', 'pw1'), sipAccount('id-2', 'alice2', undefined, true)],
    });
    const doc = readBack(rendered.body);
    const accounts = doc.root.children.find((c) => c.name === 'accounts');
    expect(accounts?.kind).toBe('list');
    const items = accounts?.kind === 'list' ? (accounts.items as SectionNode[]) : [];
    expect(items.map((i) => value(i, 'ident'))).toEqual(['id-1', 'id-2']);
    expect(value(items[0]!, 'password')).toBe('pw1');
    expect(value(items[1]!, 'password')).toBeUndefined();
    expect(rendered.body).toContain('<account>id-2</account>');
    expect(validateConfig(rendered.document).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps & < > " \' and non-ASCII text intact in names and passwords', () => {
    const tricky = `a&b<c>d"e'f ü 日本 😀`;
    const account = sipAccount('id-x', tricky, tricky, true);
    const named = { ...account, item: setAccountOption(account.item, 'name', tricky) };
    const { body } = renderUserConfig({
      layers: [profile(['general/custom_browser', tricky])],
      accounts: [named],
    });
    expect(body).toContain('a&amp;b&lt;c&gt;d');
    const doc = readBack(body);
    const item = (doc.root.children.find((c) => c.name === 'accounts') as unknown as { items: SectionNode[] })
      .items[0]!;
    expect([value(item, 'name'), value(item, 'username'), value(item, 'password')]).toEqual([
      tricky,
      tricky,
      tricky,
    ]);
  });

  it('gives byte-identical output for the same inputs, whatever order options were set in', () => {
    const a = profile(
      ['general/auto_away', '5'],
      ['audio/use_echo_cancellation', 'true'],
      ['general/record_calls', 'true'],
    );
    const b = profile(
      ['general/record_calls', 'true'],
      ['audio/use_echo_cancellation', 'true'],
      ['general/auto_away', '5'],
    );
    const accounts = [sipAccount('i1', 'u', 'p', true)];
    const first = renderUserConfig({ layers: [a], accounts });
    expect(renderUserConfig({ layers: [a], accounts }).body).toBe(first.body);
    expect(renderUserConfig({ layers: [b], accounts }).body).toBe(first.body);
    expect(renderUserConfig({ layers: [b], accounts }).hash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says when there is nothing to serve', () => {
    expect(renderUserConfig({ layers: [configDocument([])], accounts: [] }).empty).toBe(true);
    expect(renderUserConfig({ layers: [profile(['general/auto_away', '1'])], accounts: [] }).empty).toBe(
      false,
    );
  });

  it('renders documents that pass the validator for many random users', () => {
    const layerSections = Object.keys(desktopConfigSchema.sections).filter((s) => s !== 'accounts');
    const arbLayer = arbConfigDocument({ sections: layerSections, maxItems: 2 }).map(withoutDefaultAccount);
    const arbAccount = fc.record({
      item: arbAccountItem({ maxItems: 2 }),
      password: fc.option(arbXmlText(16), { nil: undefined }),
      isDefault: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbLayer, { maxLength: 4 }),
        fc.array(arbAccount, { maxLength: 3 }),
        (layers, accounts) => {
          const rendered = renderUserConfig({
            layers,
            accounts: accounts.map((a, i) => ({ ...a, ident: `ident-${i}` })),
          });
          const errors = validateConfig(rendered.document).filter((d) => d.severity === 'error');
          expect(errors).toEqual([]);
          const reread = readConfig(rendered.body).diagnostics.filter((d) => d.severity === 'error');
          expect(reread).toEqual([]);
          expect(
            renderUserConfig({ layers, accounts: accounts.map((a, i) => ({ ...a, ident: `ident-${i}` })) })
              .body,
          ).toBe(rendered.body);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function withoutDefaultAccount(doc: ConfigDocument): ConfigDocument {
  return {
    kind: 'config',
    root: {
      ...doc.root,
      children: doc.root.children.map((c) =>
        c.kind === 'section' && c.name === 'general'
          ? { ...c, children: c.children.filter((o) => o.name !== 'account') }
          : c,
      ),
    },
  };
}

function readBack(body: string): ConfigDocument {
  const { document, diagnostics } = parseConfig(body);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return document!;
}

function value(item: SectionNode, name: string): unknown {
  const node = item.children.find((c) => c.name === name);
  return node?.kind === 'option' ? node.value : undefined;
}
