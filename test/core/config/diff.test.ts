import { describe, expect, it } from 'vitest';
import {
  diffConfigs,
  formatDiff,
  parseConfig,
  SECRET_MASK,
  type ConfigDocument,
} from '../../../src/core/index.js';

function doc(inner: string): ConfigDocument {
  const result = parseConfig(`<options>${inner}</options>`);
  if (result.document === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

const account = (ident: string, inner: string) => `<account><ident>${ident}</ident>${inner}</account>`;

describe('diff between two configurations', () => {
  it('lists added, removed and changed values sorted by path, one line each', () => {
    const a = doc('<general><auto_away>180</auto_away><start_minimized>false</start_minimized></general>');
    const b = doc(
      '<general><auto_away>600</auto_away></general><hid><use_generic_hid>true</use_generic_hid></hid>',
    );
    const entries = diffConfigs(a, b);
    expect(entries).toEqual([
      { path: 'general/auto_away', change: 'changed', from: '180', to: '600', secret: false },
      { path: 'general/start_minimized', change: 'removed', from: 'false', secret: false },
      { path: 'hid/use_generic_hid', change: 'added', to: 'true', secret: false },
    ]);
    expect(formatDiff(entries)).toBe(
      '~ general/auto_away: 180 -> 600\n- general/start_minimized = false\n+ hid/use_generic_hid = true',
    );
  });

  it('names accounts and contact services by ident, so reordering them is no change', () => {
    const one = account('A', '<username>alice</username>');
    const two = account('B', '<username>bob</username>');
    expect(
      diffConfigs(doc(`<accounts>${one}${two}</accounts>`), doc(`<accounts>${two}${one}</accounts>`)),
    ).toEqual([]);
    const changed = diffConfigs(
      doc(`<accounts>${one}${two}</accounts>`),
      doc(`<accounts>${two}${account('A', '<username>alicia</username>')}</accounts>`),
    );
    expect(changed.map((e) => e.path)).toEqual(['accounts/account[ident=A]/username']);
  });

  it('names codecs by position, so a new priority order is a change', () => {
    const codec = (id: number) => `<codec><codec_id>${id}</codec_id></codec>`;
    expect(
      diffConfigs(
        doc(`<codecs>${codec(0)}${codec(6)}</codecs>`),
        doc(`<codecs>${codec(6)}${codec(0)}</codecs>`),
      ),
    ).toEqual([
      { path: 'codecs/codec[1]/codec_id', change: 'changed', from: '0', to: '6', secret: false },
      { path: 'codecs/codec[2]/codec_id', change: 'changed', from: '6', to: '0', secret: false },
    ]);
  });

  it('never shows a secret, only that it changed', () => {
    const entries = diffConfigs(
      doc(
        `<accounts>${account('A', '<password>old-secret</password>')}</accounts><proxy><custom_proxy><password>p1</password></custom_proxy></proxy>`,
      ),
      doc(
        `<accounts>${account('A', '<password>new-secret</password>')}</accounts><proxy><custom_proxy><password>p2</password></custom_proxy></proxy><contact_services><contact_service><ident>L</ident><type>ldap</type><password>ldap-secret</password></contact_service></contact_services>`,
      ),
    );
    expect(entries).toEqual([
      {
        path: 'accounts/account[ident=A]/password',
        change: 'changed',
        from: SECRET_MASK,
        to: SECRET_MASK,
        secret: true,
      },
      { path: 'contact_services/contact_service[ident=L]/ident', change: 'added', to: 'L', secret: false },
      {
        path: 'contact_services/contact_service[ident=L]/password',
        change: 'added',
        to: SECRET_MASK,
        secret: true,
      },
      { path: 'contact_services/contact_service[ident=L]/type', change: 'added', to: 'ldap', secret: false },
      {
        path: 'proxy/custom_proxy/password',
        change: 'changed',
        from: SECRET_MASK,
        to: SECRET_MASK,
        secret: true,
      },
    ]);
    expect(formatDiff(entries)).not.toMatch(/secret|p1|p2/);
  });

  it('compares unknown elements and custom properties by their content', () => {
    const entries = diffConfigs(
      doc(
        '<gui><future_theme mode="dark"><c>1</c></future_theme><custom_properties type="subtree"><t type="boolean">false</t></custom_properties></gui>',
      ),
      doc(
        '<gui><future_theme mode="light"><c>1</c></future_theme><custom_properties type="subtree"><t type="string">false</t></custom_properties></gui>',
      ),
    );
    expect(entries.map((e) => [e.path, e.from, e.to])).toEqual([
      ['gui/custom_properties/t', 'false (boolean)', 'false (string)'],
      [
        'gui/future_theme',
        '<future_theme mode="dark"><c>1</c></future_theme>',
        '<future_theme mode="light"><c>1</c></future_theme>',
      ],
    ]);
  });
});
