import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SCOPE,
  accountItemDocument,
  DOCUMENT_SCOPE,
  getOption,
  optionIn,
  optionNode,
  sectionNode,
  setOptionIn,
  unsetOptionIn,
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

describe('editing any subtree by path', () => {
  const accounts = doc(
    '<accounts><account><ident>a</ident><protocol>sip</protocol></account>' +
      '<account><ident>b</ident><protocol>sip</protocol><SIP_transport_type>udp</SIP_transport_type></account></accounts>',
  );

  it('reaches one item of a list through a selector, and leaves the others alone', () => {
    const after = edited(setOption(accounts, 'accounts/account[ident=b]/SIP_transport_type', 'TLS'));
    expect(getOption(after, 'accounts/account[ident=b]/SIP_transport_type')).toBe('tls');
    expect(getOption(after, 'accounts/account[ident=a]/SIP_transport_type')).toBeUndefined();
    const nested = edited(setOption(after, 'accounts/account[ident=a]/stun/use_stun', 'custom'));
    expect(compact(nested)).toContain(
      '<account><ident>a</ident><protocol>sip</protocol><stun><use_stun>custom</use_stun></stun></account>',
    );
  });

  it('adds the selected item when the list does not hold it yet', () => {
    const after = edited(setOption(accounts, 'accounts/account[ident=c]/SIP_domain', 'pbx.example'));
    expect(compact(after)).toContain(
      '<account><ident>c</ident><SIP_domain>pbx.example</SIP_domain></account></accounts>',
    );
  });

  it('removes an option of an item, and a whole item when the path names it', () => {
    const fewer = edited(unsetOption(accounts, 'accounts/account[ident=b]/SIP_transport_type'));
    expect(getOption(fewer, 'accounts/account[ident=b]/SIP_transport_type')).toBeUndefined();
    expect(getOption(fewer, 'accounts/account[ident=b]/protocol')).toBe('sip');
    const gone = unsetOptionIn(accounts.root, DOCUMENT_SCOPE, 'accounts/account[ident=a]');
    if (!gone.ok) throw new Error(gone.error);
    const list = gone.section.children[0];
    expect(
      list?.kind === 'list' && list.items.map((item) => item.kind === 'section' && optionIn(item, 'ident')),
    ).toEqual(['b']);
  });

  it('reaches the options of every contact-service type', () => {
    const after = edited(
      setOption(doc(''), 'contact_services/contact_service[ident=dir]/host', 'ldap.example:389'),
    );
    expect(getOption(after, 'contact_services/contact_service[ident=dir]/host')).toBe('ldap.example:389');
    expect(setOption(doc(''), 'contact_services/contact_service[ident=dir]/hostt', 'x')).toEqual({
      ok: false,
      error: "no option 'hostt' in contact_services/contact_service[ident=dir]; did you mean 'host'?",
    });
  });

  it('refuses a selector on an option the items do not have', () => {
    expect(setOption(doc(''), 'accounts/account[colour=red]/SIP_domain', 'x')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no option 'colour'/),
    });
  });

  it('edits an account item on its own, naming it in errors, and sets code lists by name', () => {
    const item = sectionNode('account', [optionNode('protocol', 'sip')]);
    const set = setOptionIn(item, ACCOUNT_SCOPE, 'codecs', 'g722, pcmu');
    expect(set.ok && compact(accountItemDocument(set.section))).toContain(
      '<codecs><codec><codec_id>7</codec_id><priority>0</priority><enabled>true</enabled></codec>',
    );
    expect(setOptionIn(item, ACCOUNT_SCOPE, 'stun/stun_prot', '1')).toEqual({
      ok: false,
      error: "no account option 'stun_prot' in stun; did you mean 'stun_port'?",
    });
    expect(setOptionIn(item, ACCOUNT_SCOPE, 'stun', '1')).toEqual({
      ok: false,
      error: 'stun is a section; set its options (stun/…)',
    });
    expect(optionIn(item, 'protocol')).toBe('sip');
  });
});
