import { describe, expect, it } from 'vitest';
import {
  getOption,
  parseConfig,
  resolveOptionPath,
  serializeConfig,
  setOption,
  setOptionValue,
  unsetOption,
  type ConfigDocument,
  type EditResult,
} from '../../../src/core/index.js';

function doc(inner: string): ConfigDocument {
  const result = parseConfig(`<options>${inner}</options>`);
  if (result.document === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

function edited(result: EditResult): ConfigDocument {
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

const compact = (document: ConfigDocument) =>
  serializeConfig(document)
    .replace(/^<\?xml[^>]*>\n/, '')
    .replace(/\n\s*/g, '');

describe('editing options by path', () => {
  it('sets an option in place, typed from its text, and leaves the input untouched', () => {
    const before = doc(
      '<general><auto_away>180</auto_away><start_minimized>false</start_minimized></general>',
    );
    const after = edited(setOption(before, 'general/auto_away', ' 600 '));
    expect(getOption(after, 'general/auto_away')).toBe(600);
    expect(compact(after)).toBe(
      '<options><general><auto_away>600</auto_away><start_minimized>false</start_minimized></general></options>',
    );
    expect(getOption(before, 'general/auto_away')).toBe(180);
  });

  it('creates missing sections on the way, nested ones included', () => {
    const after = edited(setOption(doc(''), 'audio/selected_input_device/name', 'Jabra <USB> & co'));
    expect(compact(after)).toBe(
      '<options><audio><selected_input_device><name>Jabra &lt;USB&gt; &amp; co</name></selected_input_device></audio></options>',
    );
    expect(edited(setOptionValue(doc(''), 'hid/use_generic_hid', true)).root.children).toEqual([
      { kind: 'section', name: 'hid', children: [{ kind: 'option', name: 'use_generic_hid', value: true }] },
    ]);
  });

  it('refuses a value the option does not allow, saying why', () => {
    expect(setOption(doc(''), 'sip_options/port', '70000')).toEqual({
      ok: false,
      error: 'sip_options/port: 70000 is out of range 1–65535',
    });
    expect(setOption(doc(''), 'general/minimize_to_tray', 'yes')).toMatchObject({ ok: false });
    expect(setOption(doc(''), 'general/custom_browser', 'a\u0000b')).toMatchObject({ ok: false });
  });

  it('stores a legacy upper-case enum value in its current spelling', () => {
    const after = edited(setOption(doc(''), 'network/signal_dscp', 'ef'));
    expect(getOption(after, 'network/signal_dscp')).toBe('EF');
  });

  it('refuses paths that name no option, a list, or a section, with a suggestion', () => {
    expect(resolveOptionPath('general')).toMatchObject({ ok: false });
    expect(setOption(doc(''), 'general/auto_awy', '1')).toEqual({
      ok: false,
      error: "no option 'auto_awy' in general; did you mean 'auto_away'?",
    });
    expect(setOption(doc(''), 'genral/auto_away', '1')).toEqual({
      ok: false,
      error: "no section 'genral' in the document root; did you mean 'general'?",
    });
    expect(setOption(doc(''), 'accounts/account/username', 'x')).toEqual({
      ok: false,
      error: 'accounts is a list; lists are set as a whole, not by option path',
    });
    expect(setOption(doc(''), 'audio/selected_input_device', 'x')).toMatchObject({ ok: false });
  });

  it('removes an option and the sections it leaves empty, and nothing else', () => {
    const before = doc(
      '<audio><selected_input_device><name>x</name></selected_input_device><use_agc>true</use_agc></audio><hid/>',
    );
    const after = edited(unsetOption(before, 'audio/selected_input_device/name'));
    expect(compact(after)).toBe('<options><audio><use_agc>true</use_agc></audio><hid/></options>');
    expect(compact(edited(unsetOption(after, 'audio/use_agc')))).toBe('<options><hid/></options>');
  });

  it('leaves the document as it is when the option to remove is absent', () => {
    const before = doc('<general/><audio><use_agc>true</use_agc></audio>');
    expect(compact(edited(unsetOption(before, 'general/auto_away')))).toBe(compact(before));
  });

  it('reads options only along sections', () => {
    const document = doc(
      '<accounts><account><ident>a</ident></account></accounts><general><auto_away>5</auto_away></general>',
    );
    expect(getOption(document, 'general/auto_away')).toBe(5);
    expect(getOption(document, 'accounts/account/ident')).toBeUndefined();
    expect(getOption(document, 'general')).toBeUndefined();
  });
});
