import { describe, expect, it } from 'vitest';
import { readConfig, serializeConfig, validateConfig, type Diagnostic } from '../../../src/core/index.js';

const brief = (d: Diagnostic) => ({
  line: d.line,
  column: d.column,
  code: d.code,
  severity: d.severity,
  path: d.path,
});
const diagnose = (text: string) => readConfig(text).diagnostics;
const wrap = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<options>\n${inner}\n</options>\n`;

describe('Config.xml diagnostics', () => {
  it('gives exactly one diagnostic, at its line and column, for each of four classic mistakes', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<options>',
      '  <general>',
      '    <auto_awy>300</auto_awy>',
      '    <minimize_to_tray>yes</minimize_to_tray>',
      '  </general>',
      '  <codecs>',
      '    <codec>',
      '      <codec_id>99</codec_id>',
      '      <enabled>true</enabled>',
      '    </codec>',
      '  </codecs>',
      '  <sip_options>',
      '    <port>70000</port>',
      '  </sip_options>',
      '</options>',
    ].join('\n');
    const found = diagnose(text);
    expect(found.map(brief)).toEqual([
      { line: 4, column: 5, code: 'option.unknown', severity: 'warning', path: 'general/auto_awy' },
      { line: 5, column: 5, code: 'value.type', severity: 'error', path: 'general/minimize_to_tray' },
      { line: 9, column: 7, code: 'value.enum', severity: 'error', path: 'codecs/codec[1]/codec_id' },
      { line: 14, column: 5, code: 'value.range', severity: 'error', path: 'sip_options/port' },
    ]);
    expect(found[0]?.message).toContain('did you mean <auto_away>?');
    expect(found[1]?.message).toContain("expected true or false, got 'yes'");
    expect(found[2]?.message).toMatch(/99 is not a known code/);
    expect(found[3]?.message).toMatch(/70000 is out of range 1–65535/);
  });

  it('rejects a boolean written as yes, 1 or True, and accepts true and false with surrounding blanks', () => {
    for (const bad of ['yes', '1', 'True', 'on']) {
      const found = diagnose(wrap(`  <hid><use_jabra_hid>${bad}</use_jabra_hid></hid>`));
      expect(found.map((d) => d.code)).toEqual(['value.type']);
    }
    expect(
      diagnose(
        wrap('  <hid><use_jabra_hid> true </use_jabra_hid><use_generic_hid>false</use_generic_hid></hid>'),
      ),
    ).toEqual([]);
  });

  it('rejects an integer that is not a whole number', () => {
    for (const bad of ['1.5', '12a', '', '0x10', '99999999999999999999']) {
      const found = diagnose(wrap(`  <general><auto_away>${bad}</auto_away></general>`));
      expect(found.map((d) => d.code)).toEqual(['value.type']);
    }
  });

  it('refuses a document whose root is not <options>', () => {
    const found = readConfig('<?xml version="1.0"?>\n\n<config><general/></config>');
    expect(found.document).toBeUndefined();
    expect(found.diagnostics.map(brief)).toEqual([
      { line: 3, column: 1, code: 'root.wrong', severity: 'error', path: '' },
    ]);
    expect(found.diagnostics[0]?.message).toContain('<options>');
  });

  it('reports an option of another protocol (SIP_domain in an iax2 account) as an error at the option', () => {
    const text = wrap(
      [
        '  <accounts>',
        '    <account>',
        '      <ident>a1</ident>',
        '      <protocol>iax2</protocol>',
        '      <IAX2_host>iax.example.net</IAX2_host>',
        '      <SIP_domain>sip.example.net</SIP_domain>',
        '    </account>',
        '  </accounts>',
      ].join('\n'),
    );
    const found = diagnose(text);
    expect(found.map(brief)).toEqual([
      {
        line: 8,
        column: 7,
        code: 'option.wrong-protocol',
        severity: 'error',
        path: 'accounts/account[1]/SIP_domain',
      },
    ]);
    expect(found[0]?.message).toContain('belongs to sip accounts; this account is protocol iax2');
  });

  it('judges an account without <protocol> as the default sip account', () => {
    const found = diagnose(
      wrap('  <accounts><account><ident>a</ident><IAX2_host>h</IAX2_host></account></accounts>'),
    );
    expect(found.map((d) => [d.code, d.path])).toEqual([
      ['option.wrong-protocol', 'accounts/account[1]/IAX2_host'],
    ]);
  });

  it('reports a contact-service option of another type (uri in an ldap service) at the option', () => {
    const text = wrap(
      [
        '  <contact_services>',
        '    <contact_service>',
        '      <ident>c1</ident>',
        '      <type>ldap</type>',
        '      <host>ldap.example.com</host>',
        '      <uri>https://example.com/contacts.xml</uri>',
        '    </contact_service>',
        '  </contact_services>',
      ].join('\n'),
    );
    const found = diagnose(text);
    expect(found.map(brief)).toEqual([
      {
        line: 8,
        column: 7,
        code: 'option.wrong-type-variant',
        severity: 'error',
        path: 'contact_services/contact_service[1]/uri',
      },
    ]);
    expect(found[0]?.message).toContain('belongs to type xml, not to ldap');
  });

  it('reports a section given twice at the second one', () => {
    const found = diagnose(wrap('  <general>\n    <auto_away>10</auto_away>\n  </general>\n  <general/>'));
    expect(found.map(brief)).toEqual([
      { line: 6, column: 3, code: 'section.duplicate', severity: 'error', path: 'general' },
    ]);
  });

  it('reports an option given twice in one section', () => {
    const found = diagnose(wrap('  <general><auto_away>10</auto_away><auto_away>20</auto_away></general>'));
    expect(found.map((d) => [d.code, d.column])).toEqual([['option.duplicate', 37]]);
  });

  it('reports a second account with the same ident, naming the first', () => {
    const text = wrap(
      [
        '  <accounts>',
        '    <account><ident>same</ident><username>a</username></account>',
        '    <account><ident>other</ident></account>',
        '    <account><ident>same</ident><username>b</username></account>',
        '  </accounts>',
      ].join('\n'),
    );
    const found = diagnose(text);
    expect(found.map(brief)).toEqual([
      {
        line: 6,
        column: 14,
        code: 'list.duplicate-ident',
        severity: 'error',
        path: 'accounts/account[3]/ident',
      },
    ]);
    expect(found[0]?.message).toBe("ident 'same' is already used by account 1");
  });

  it('allows at most one local contact service and requires its fixed ident', () => {
    const local = (ident: string) =>
      `<contact_service><ident>${ident}</ident><type>local</type></contact_service>`;
    const found = diagnose(
      wrap(`  <contact_services>${local('ContactServiceLocal')}${local('SecondLocal')}</contact_services>`),
    );
    expect(found.map((d) => d.code).sort()).toEqual(['list.single-instance', 'option.fixed-value']);
  });

  it('warns about an option whose switch is off only when it holds a value someone chose', () => {
    const account = (proxy: string) =>
      wrap(
        `  <accounts><account><ident>a</ident><SIP_use_outbound_proxy>false</SIP_use_outbound_proxy>${proxy}</account></accounts>`,
      );
    const chosen = diagnose(account('<SIP_outbound_proxy>proxy.example.com</SIP_outbound_proxy>'));
    expect(chosen.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['option.inactive', 'warning', 'accounts/account[1]/SIP_outbound_proxy'],
    ]);
    expect(chosen[0]?.message).toBe(
      'SIP_outbound_proxy has no effect unless SIP_use_outbound_proxy is true (it is false)',
    );
    // The phone writes every option with its default, switched off or not: no noise for those.
    expect(diagnose(account('<SIP_outbound_proxy/>'))).toEqual([]);
  });

  it('gives one inactive warning per option even when several of its conditions are unmet', () => {
    const found = diagnose(
      wrap(
        '  <forwarding_and_auto_answer><enabled>false</enabled><mode>answer_instant</mode><forward_seconds>45</forward_seconds></forwarding_and_auto_answer>',
      ),
    );
    expect(found.map((d) => [d.code, d.path])).toEqual([
      ['option.inactive', 'forwarding_and_auto_answer/forward_seconds'],
    ]);
  });

  it('does not warn about reregistration_time 0, which the phone itself writes', () => {
    const found = diagnose(
      wrap(
        '  <accounts><account><ident>a</ident><reregistration_mode>default</reregistration_mode><reregistration_time>0</reregistration_time></account></accounts>',
      ),
    );
    expect(found).toEqual([]);
  });

  it('warns, without an error, about upper-case legacy values such as UDP, SIP and XML', () => {
    const text = wrap(
      [
        '  <accounts>',
        '    <account>',
        '      <ident>a</ident>',
        '      <protocol>SIP</protocol>',
        '      <SIP_domain>pbx.example.com</SIP_domain>',
        '      <SIP_transport_type>UDP</SIP_transport_type>',
        '      <codecs/>',
        '    </account>',
        '  </accounts>',
        '  <contact_services><contact_service><ident>c</ident><type>XML</type><uri>x.xml</uri></contact_service></contact_services>',
      ].join('\n'),
    );
    const found = diagnose(text);
    expect(found.map((d) => [d.line, d.code, d.severity])).toEqual([
      [6, 'value.enum-case', 'warning'],
      [8, 'value.enum-case', 'warning'],
      [12, 'value.enum-case', 'warning'],
    ]);
    expect(found[1]?.message).toBe("SIP_transport_type: 'UDP' is spelled 'udp' in current Zoiper versions");
  });

  it('reports an unknown protocol once, at the protocol, and not at every option of the account', () => {
    const found = diagnose(
      wrap(
        '  <accounts><account><ident>a</ident><protocol>h323</protocol><SIP_domain>x</SIP_domain></account></accounts>',
      ),
    );
    expect(found.map((d) => [d.code, d.path])).toEqual([['value.enum', 'accounts/account[1]/protocol']]);
  });

  it('warns when general/account names no account of the document', () => {
    const found = diagnose(
      wrap(
        '  <general><account>missing</account></general>\n  <accounts><account><ident>a</ident></account></accounts>',
      ),
    );
    expect(found.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['reference.unknown-account', 'warning', 3],
    ]);
  });

  it('reports an option that holds elements, and a custom property with a wrong or missing type', () => {
    const found = diagnose(
      wrap(
        [
          '  <general><auto_away><seconds>3</seconds></auto_away></general>',
          '  <gui><custom_properties type="subtree">',
          '    <a type="integer">ten</a>',
          '    <b>untyped</b>',
          '    <c type="boolean"><d/></c>',
          '  </custom_properties></gui>',
        ].join('\n'),
      ),
    );
    expect(found.map((d) => [d.line, d.code, d.path])).toEqual([
      [3, 'option.not-a-value', 'general/auto_away'],
      [5, 'value.type', 'gui/custom_properties/a'],
      [6, 'subtree.type', 'gui/custom_properties/b'],
      [7, 'subtree.type', 'gui/custom_properties/c'],
    ]);
  });

  it('accepts the flat audio device names and gui/skin that only the vendor example shows', () => {
    const found = diagnose(
      wrap(
        '  <audio><input_device>Headset</input_device><speaker_device/></audio>\n  <gui><skin>Default</skin></gui>',
      ),
    );
    expect(found).toEqual([]);
  });

  it('reads <hash_algorithm> items in every ZRTP list, as the vendor example writes them', () => {
    const item =
      '<hash_algorithm><name>AES1</name><id>0</id><priority>0</priority><selected>true</selected></hash_algorithm>';
    const text = wrap(
      `  <accounts><account><ident>a</ident><zrtp><cipher_algorithms>${item}</cipher_algorithms><sas_encodings><sas_encoding><id>9</id></sas_encoding></sas_encodings></zrtp></account></accounts>`,
    );
    const result = readConfig(text);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['value.enum', 'accounts/account[1]/zrtp/sas_encodings/sas_encoding[1]/id'],
    ]);
  });

  it('warns about a stray element inside a list and keeps it', () => {
    const found = diagnose(
      wrap('  <codecs>\n    <codec><codec_id>0</codec_id></codec>\n    <coddec/>\n  </codecs>'),
    );
    expect(found.map((d) => [d.line, d.code, d.path])).toEqual([
      [5, 'list.item-unexpected', 'codecs/coddec[2]'],
    ]);
  });

  it('reports a section or list item written as a value, and keeps the text', () => {
    const text = wrap(
      '  <proxy><mode>manual</mode><custom_proxy>proxy.example.com:3128</custom_proxy></proxy>\n  <codecs><codec>0</codec></codecs>',
    );
    const result = readConfig(text);
    expect(result.diagnostics.map((d) => [d.line, d.code, d.severity, d.path])).toEqual([
      [3, 'section.not-a-section', 'error', 'proxy/custom_proxy'],
      [4, 'section.not-a-section', 'error', 'codecs/codec[1]'],
    ]);
    const written = result.document && serializeConfig(result.document);
    expect(written).toContain('<custom_proxy>proxy.example.com:3128</custom_proxy>');
    expect(written).toContain('<codec>0</codec>');
  });

  it('warns about text mixed with elements, naming the element by its full path', () => {
    const found = diagnose(
      '<options>stray\n  <accounts>\n    <account>note<ident>a</ident><stun>x<use_stun>default</use_stun></stun></account>\n  </accounts>\n</options>',
    );
    expect(found.map((d) => [d.line, d.column, d.code, d.severity, d.path])).toEqual([
      [1, 1, 'xml.mixed-content', 'warning', ''],
      [3, 5, 'xml.mixed-content', 'warning', 'accounts/account[1]'],
      [3, 34, 'xml.mixed-content', 'warning', 'accounts/account[1]/stun'],
    ]);
  });

  it('rejects a string holding a character XML cannot carry, in a document built in memory', () => {
    const document = readConfig(wrap('  <general><custom_browser>x</custom_browser></general>')).document;
    if (document === undefined) throw new Error('document expected');
    const general = document.root.children[0];
    if (general?.kind !== 'section') throw new Error('section expected');
    const broken = {
      ...document,
      root: {
        ...document.root,
        children: [
          { ...general, children: [{ kind: 'option' as const, name: 'custom_browser', value: 'a\u0001b' }] },
        ],
      },
    };
    expect(validateConfig(broken).map((d) => d.code)).toEqual(['value.characters']);
  });
});
