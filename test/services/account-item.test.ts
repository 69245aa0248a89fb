import { describe, expect, it } from 'vitest';
import {
  CODEC_ALIASES,
  desktopConfigSchema,
  optionIn as accountOption,
  optionNode,
  resolveCode,
  sectionNode,
  serializeAccountItem,
  validateAccountItem,
  type ListSpec,
} from '../../src/core/index.js';
import { parseAccountItem, setAccountOption, unsetAccountOption } from '../../src/services/account-item.js';

const sip = () => sectionNode('account', [optionNode('protocol', 'sip')]);

describe('account items', () => {
  it('names only codec ids the schema knows', () => {
    const accounts = desktopConfigSchema.sections['accounts'] as ListSpec;
    const codecs = accounts.sections['codecs'] as ListSpec;
    const ids = new Set(codecs.options['codec_id']?.values?.map((v) => v.value));
    for (const [name, id] of Object.entries(CODEC_ALIASES)) expect(ids.has(id), name).toBe(true);
  });

  it('sets codecs by name or id in order of preference', () => {
    const item = setAccountOption(sip(), 'codecs', 'opus, 7,PCMU');
    const xml = serializeAccountItem(item);
    expect([...xml.matchAll(/<codec_id>(\d+)<\/codec_id>/g)].map((m) => m[1])).toEqual(['37', '7', '0']);
    expect(validateAccountItem(item).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('sets ZRTP algorithm lists by the labels Zoiper shows', () => {
    const item = setAccountOption(
      setAccountOption(sip(), 'zrtp/enabled', 'true'),
      'zrtp/hash_algorithms',
      'S384,S256',
    );
    const xml = serializeAccountItem(item);
    expect(xml).toContain('<name>S384</name>');
    expect(xml).toMatch(/<id>1<\/id>\s*<priority>0<\/priority>\s*<selected>true<\/selected>/);
    expect(validateAccountItem(item).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses unknown options with a suggestion, bad values, and the options zprov manages', () => {
    expect(() => setAccountOption(sip(), 'SIP_domian', 'x')).toThrow(/did you mean 'SIP_domain'/);
    expect(() => setAccountOption(sip(), 'stun/stun_port', '70000')).toThrow(/stun\/stun_port/);
    expect(() => setAccountOption(sip(), 'ident', 'x')).toThrow(/assigned once/);
    expect(() => setAccountOption(sip(), 'password', 'x')).toThrow(/--password/);
    expect(() => setAccountOption(sip(), 'codecs', 'opus,opus')).toThrow(/twice/);
  });

  it('round-trips through its stored text and unsets nested options, dropping empty sections', () => {
    const item = setAccountOption(
      setAccountOption(sip(), 'stun/use_stun', 'custom'),
      'stun/stun_host',
      'stun.example',
    );
    const back = parseAccountItem(serializeAccountItem(item));
    expect(accountOption(back, 'stun/stun_host')).toBe('stun.example');
    const fewer = unsetAccountOption(unsetAccountOption(back, 'stun/stun_host'), 'stun/use_stun');
    expect(fewer.children.map((c) => c.name)).toEqual(['protocol']);
    expect(() => unsetAccountOption(back, 'stun/nothing')).toThrow(/no account option 'nothing'/);
  });

  it('stores a legacy spelling of a value the way current Zoiper versions spell it, as profiles do', () => {
    const item = setAccountOption(sip(), 'SIP_transport_type', 'UDP');
    expect(accountOption(item, 'SIP_transport_type')).toBe('udp');
    expect(serializeAccountItem(item)).toContain('<SIP_transport_type>udp</SIP_transport_type>');
  });

  it('resolves codec tokens to codes', () => {
    const accounts = desktopConfigSchema.sections['accounts'] as ListSpec;
    const spec = (accounts.sections['codecs'] as ListSpec).options['codec_id']!;
    expect(resolveCode(spec, 'codec_id', 'G722')).toBe(7);
    expect(resolveCode(spec, 'codec_id', '99')).toBeUndefined();
  });
});
