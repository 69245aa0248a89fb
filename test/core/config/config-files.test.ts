import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  flattenConfig,
  parseConfig,
  readConfig,
  serializeConfig,
  type ConfigDocument,
} from '../../../src/core/index.js';
import { withoutPositions } from '../../support/config-compare.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), 'utf8');

function parsed(text: string): ConfigDocument {
  const result = readConfig(text);
  if (result.document === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

describe('a full Desktop Config.xml modelled on the vendor example', () => {
  const text = fixture('desktop-full.xml');

  it('reads without a single diagnostic', () => {
    expect(readConfig(text).diagnostics).toEqual([]);
  });

  it('survives a write and a read unchanged, value for value', () => {
    const document = parsed(text);
    expect(withoutPositions(parsed(serializeConfig(document)))).toEqual(withoutPositions(document));
  });

  it('keeps typed values, escaped characters, trailing newlines in passwords and non-ASCII text', () => {
    const values = flattenConfig(parsed(text));
    expect(values.get('accounts/account[ident=Z8b27e4c90d1f4a6e93b5c7f0]/IAX2_callerId')?.text).toBe(
      'Branch & Warehouse',
    );
    expect(values.get('accounts/account[ident=Z3f1c0a7d52e94b1b8c0e6a21]/SIP_callerId')?.text).toBe(
      'Jana Dvořáková',
    );
    expect(values.get('accounts/account[ident=Z3f1c0a7d52e94b1b8c0e6a21]/password')).toEqual({
      text: 'q8Jr2mW0cQ1xVt7LkP4sZg==\n',
      secret: true,
    });
    expect(values.get('accounts/account[ident=Z3f1c0a7d52e94b1b8c0e6a21]/strip_dial_chars')?.text).toBe(
      ' .-()[]{}',
    );
    expect(values.get('gui/custom_properties/window_state/width')?.text).toBe('420 (integer)');
    // Items written as <hash_algorithm> inside cipher_algorithms keep that name.
    expect(
      values.get(
        'accounts/account[ident=Z3f1c0a7d52e94b1b8c0e6a21]/zrtp/cipher_algorithms/hash_algorithm[1]/name',
      )?.text,
    ).toBe('AES1');
    const serialized = serializeConfig(parsed(text));
    expect(serialized).toContain('<input_device>Autoselect (Jabra Evolve2 40 Mono)</input_device>');
    expect(serialized).toContain('<name>LDAP &lt;corp&gt;</name>');
  });
});

describe('a Config.xml written by a newer Zoiper', () => {
  const text = fixture('newer-zoiper.xml');

  it('re-serializes with every unknown option, section, attribute and item intact and in order', () => {
    const document = parseConfig(text).document;
    expect(document && serializeConfig(document)).toBe(text);
  });

  it('warns about each unknown element once and reports nothing else', () => {
    expect(readConfig(text).diagnostics.map((d) => [d.line, d.code, d.path])).toEqual([
      [5, 'option.unknown', 'general/ai_noise_filter_level'],
      [8, 'section.unknown', 'rpc_api'],
      [17, 'option.unknown', 'accounts/account[1]/SIP_use_webrtc_gateway'],
      [18, 'section.unknown', 'accounts/account[1]/teams_link'],
      [24, 'list.item-unexpected', 'accounts/account_template[2]'],
      [30, 'option.unknown', 'gui/theme'],
    ]);
  });
});
