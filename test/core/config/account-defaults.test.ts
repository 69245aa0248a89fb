import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SCOPE,
  accountDefaultsPath,
  emptyAccountDefaults,
  optionIn,
  optionNode,
  renderUserConfig,
  sectionNode,
  setAccountDefault,
  setOptionIn,
  unsetAccountDefault,
  validateConfig,
  type RenderAccount,
  type SectionNode,
} from '../../../src/core/index.js';

function defaults(...settings: [string, string][]): SectionNode {
  let item = emptyAccountDefaults();
  for (const [path, value] of settings) {
    const edit = setAccountDefault(item, path, value);
    if (!edit.ok) throw new Error(edit.error);
    item = edit.section;
  }
  return item;
}

function account(ident: string, protocol: 'sip' | 'iax2', ...settings: [string, string][]): RenderAccount {
  let item: SectionNode = sectionNode('account', [optionNode('protocol', protocol)]);
  for (const [path, value] of [['username', ident] as [string, string], ...settings]) {
    const edit = setOptionIn(item, ACCOUNT_SCOPE, path, value);
    if (!edit.ok) throw new Error(edit.error);
    item = edit.section;
  }
  return { ident, item, password: 'pw', isDefault: false };
}

const served = (accounts: readonly RenderAccount[], layers: readonly SectionNode[]) => {
  const { document } = renderUserConfig({ layers: [], accountDefaults: layers, accounts });
  expect(validateConfig(document).filter((d) => d.severity === 'error')).toEqual([]);
  return (ident: string, path: string) => optionIn(document.root, `accounts/account[ident=${ident}]/${path}`);
};

describe('account defaults in profiles', () => {
  it('recognises account/ paths and nothing else', () => {
    expect(accountDefaultsPath('account/SIP_transport_type')).toBe('SIP_transport_type');
    expect(accountDefaultsPath('account/stun/use_stun')).toBe('stun/use_stun');
    expect(accountDefaultsPath('general/account')).toBeUndefined();
    expect(accountDefaultsPath('accounts/account[ident=1]/name')).toBeUndefined();
  });

  it('refuses what each account sets for itself, and unknown options with a suggestion', () => {
    for (const path of ['password', 'ident', 'protocol', 'username']) {
      const edit = setAccountDefault(emptyAccountDefaults(), path, 'x');
      expect(edit.ok).toBe(false);
      if (!edit.ok) expect(edit.error).toMatch(new RegExp(`^account/${path}: `));
    }
    const typo = setAccountDefault(emptyAccountDefaults(), 'SIP_transport_typ', 'tls');
    expect(typo).toEqual({ ok: false, error: expect.stringContaining("did you mean 'SIP_transport_type'") });
    const bad = setAccountDefault(emptyAccountDefaults(), 'SIP_transport_type', 'carrier-pigeon');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^account\/SIP_transport_type: /);
  });

  it('layers defaults (a later layer wins per option, a list whole) under the account, which wins', () => {
    const server = defaults(
      ['SIP_transport_type', 'tcp'],
      ['stun/use_stun', 'custom'],
      ['codecs', 'pcmu,pcma'],
    );
    const tenant = defaults(['SIP_transport_type', 'tls'], ['codecs', 'opus']);
    const get = served(
      [account('a1', 'sip'), account('a2', 'sip', ['SIP_transport_type', 'udp'], ['codecs', 'g722'])],
      [server, tenant],
    );
    expect(get('a1', 'SIP_transport_type')).toBe('tls');
    expect(get('a1', 'stun/use_stun')).toBe('custom');
    expect(get('a1', 'codecs/codec[codec_id=37]/priority')).toBe(0);
    expect(get('a1', 'codecs/codec[codec_id=0]/priority')).toBeUndefined();
    expect(get('a2', 'SIP_transport_type')).toBe('udp');
    expect(get('a2', 'codecs/codec[codec_id=7]/priority')).toBe(0);
    expect(get('a2', 'codecs/codec[codec_id=37]/priority')).toBeUndefined();
    expect(get('a2', 'stun/use_stun')).toBe('custom');
  });

  it('gives an IAX2 account only the defaults that belong to IAX2', () => {
    const get = served(
      [account('s1', 'sip'), account('i1', 'iax2')],
      [defaults(['SIP_transport_type', 'tls'], ['IAX2_context', 'office'], ['register_on_startup', 'false'])],
    );
    expect(get('s1', 'SIP_transport_type')).toBe('tls');
    expect(get('s1', 'IAX2_context')).toBeUndefined();
    expect(get('i1', 'SIP_transport_type')).toBeUndefined();
    expect(get('i1', 'IAX2_context')).toBe('office');
    expect(get('i1', 'register_on_startup')).toBe(false);
  });

  it('renders byte-identically without defaults and with empty ones', () => {
    const accounts = [account('a1', 'sip', ['SIP_domain', 'pbx.example.com'])];
    const plain = renderUserConfig({ layers: [], accounts });
    expect(renderUserConfig({ layers: [], accountDefaults: [emptyAccountDefaults()], accounts }).body).toBe(
      plain.body,
    );
  });

  it('removes a default and the sections it leaves empty', () => {
    const set = defaults(['stun/use_stun', 'custom']);
    const edit = unsetAccountDefault(set, 'stun/use_stun');
    expect(edit).toEqual({ ok: true, section: emptyAccountDefaults() });
  });
});
