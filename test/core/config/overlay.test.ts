import { describe, expect, it } from 'vitest';
import {
  flattenConfig,
  parseConfig,
  serializeConfig,
  type ConfigDocument,
  type OverlayOptions,
  overlay,
} from '../../../src/core/index.js';

function doc(inner: string): ConfigDocument {
  const result = parseConfig(`<options>${inner}</options>`);
  if (result.document === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

/** Every value of the merged document as "path=value" lines, in document order. */
function merged(local: string, remote: string, options?: OverlayOptions): string[] {
  return [...flattenConfig(overlay(doc(local), doc(remote), options))].map(
    ([path, v]) => `${path}=${v.text}`,
  );
}

const account = (ident: string, inner = '') => `<account><ident>${ident}</ident>${inner}</account>`;
const codec = (id: number, enabled = true) =>
  `<codec><codec_id>${id}</codec_id><enabled>${String(enabled)}</enabled></codec>`;
const service = (ident: string, type: string, inner = '') =>
  `<contact_service><ident>${ident}</ident><type>${type}</type>${inner}</contact_service>`;

describe('overlay of a provisioning reply on the local Config.xml', () => {
  it('keeps local audio settings the reply does not mention, and takes the options it does', () => {
    const local =
      '<audio><use_agc>false</use_agc><input_volume>70</input_volume></audio><general><auto_away>60</auto_away><start_minimized>true</start_minimized></general>';
    const remote =
      '<general><auto_away>600</auto_away></general><audio><input_volume>40</input_volume></audio>';
    expect(merged(local, remote)).toEqual([
      'audio/use_agc=false',
      'audio/input_volume=40',
      'general/auto_away=600',
      'general/start_minimized=true',
    ]);
  });

  it('replaces the local accounts wholesale when delete_accounts_beforehand is true (the default)', () => {
    const local = `<accounts>${account('A', '<username>alice</username>')}${account('B')}</accounts>`;
    const remote = `<accounts>${account('C', '<username>carol</username>')}${account('A', '<name>Alice</name>')}</accounts>`;
    const expected = [
      'accounts/account[ident=C]/ident=C',
      'accounts/account[ident=C]/username=carol',
      'accounts/account[ident=A]/ident=A',
      'accounts/account[ident=A]/name=Alice',
    ];
    expect(merged(local, remote)).toEqual(expected);
    expect(merged(local, remote, { deleteAccountsBeforehand: true })).toEqual(expected);
    expect(merged(local, remote, { deleteAccountsBeforehand: undefined })).toEqual(expected);
  });

  it('matches accounts by ident when delete_accounts_beforehand is false: updated in place, new ones appended', () => {
    const local = `<accounts>${account('A', '<username>alice</username>')}${account('B', '<username>bob</username><password>old</password>')}</accounts>`;
    const remote = `<accounts>${account('C', '<username>carol</username>')}${account('B', '<password>new</password><name>Bob</name>')}</accounts>`;
    expect(merged(local, remote, { deleteAccountsBeforehand: false })).toEqual([
      'accounts/account[ident=A]/ident=A',
      'accounts/account[ident=A]/username=alice',
      'accounts/account[ident=B]/ident=B',
      'accounts/account[ident=B]/username=bob',
      'accounts/account[ident=B]/password=new',
      'accounts/account[ident=B]/name=Bob',
      'accounts/account[ident=C]/ident=C',
      'accounts/account[ident=C]/username=carol',
    ]);
  });

  it('appends a remote account without an ident instead of guessing which local one it means', () => {
    const local = `<accounts>${account('A', '<username>alice</username>')}</accounts>`;
    const remote = '<accounts><account><username>alice</username><name>no ident</name></account></accounts>';
    const result = overlay(doc(local), doc(remote), { deleteAccountsBeforehand: false });
    const accounts = result.root.children[0];
    expect(accounts?.kind === 'list' && accounts.items.length).toBe(2);
  });

  it('folds remote items that repeat an ident into one item, the later values winning', () => {
    const remote = `<accounts>${account('N', '<username>first</username><name>n</name>')}${account('N', '<username>second</username>')}</accounts>`;
    expect(
      merged(`<accounts>${account('A')}</accounts>`, remote, { deleteAccountsBeforehand: false }),
    ).toEqual([
      'accounts/account[ident=A]/ident=A',
      'accounts/account[ident=N]/ident=N',
      'accounts/account[ident=N]/username=second',
      'accounts/account[ident=N]/name=n',
    ]);
  });

  it('replaces, rather than merges, an account whose remote protocol differs', () => {
    const local = `<accounts>${account('A', '<protocol>sip</protocol><SIP_domain>pbx</SIP_domain>')}</accounts>`;
    const iax = `<accounts>${account('A', '<protocol>iax2</protocol><IAX2_host>iax</IAX2_host>')}</accounts>`;
    expect(merged(local, iax, { deleteAccountsBeforehand: false })).toEqual([
      'accounts/account[ident=A]/ident=A',
      'accounts/account[ident=A]/protocol=iax2',
      'accounts/account[ident=A]/IAX2_host=iax',
    ]);
    // A legacy upper-case spelling is the same protocol, so that account is merged.
    const legacy = `<accounts>${account('A', '<protocol>SIP</protocol><username>u</username>')}</accounts>`;
    expect(merged(local, legacy, { deleteAccountsBeforehand: false })).toContain(
      'accounts/account[ident=A]/SIP_domain=pbx',
    );
  });

  it('merges contact services by ident by default and replaces them when told to', () => {
    const local = `<contact_services>${service('ContactServiceLocal', 'local')}${service('X', 'xml', '<uri>old.xml</uri><username>u</username>')}</contact_services>`;
    const remote = `<contact_services>${service('X', 'xml', '<uri>https://example.com/c.xml</uri>')}${service('L', 'ldap', '<host>ldap</host>')}</contact_services>`;
    expect(merged(local, remote)).toEqual([
      'contact_services/contact_service[ident=ContactServiceLocal]/ident=ContactServiceLocal',
      'contact_services/contact_service[ident=ContactServiceLocal]/type=local',
      'contact_services/contact_service[ident=X]/ident=X',
      'contact_services/contact_service[ident=X]/type=xml',
      'contact_services/contact_service[ident=X]/uri=https://example.com/c.xml',
      'contact_services/contact_service[ident=X]/username=u',
      'contact_services/contact_service[ident=L]/ident=L',
      'contact_services/contact_service[ident=L]/type=ldap',
      'contact_services/contact_service[ident=L]/host=ldap',
    ]);
    expect(merged(local, remote, { deleteContactServicesBeforehand: true })).toEqual([
      'contact_services/contact_service[ident=X]/ident=X',
      'contact_services/contact_service[ident=X]/type=xml',
      'contact_services/contact_service[ident=X]/uri=https://example.com/c.xml',
      'contact_services/contact_service[ident=L]/ident=L',
      'contact_services/contact_service[ident=L]/type=ldap',
      'contact_services/contact_service[ident=L]/host=ldap',
    ]);
  });

  it('replaces the global codec list as a whole', () => {
    const local = `<codecs>${codec(0)}${codec(6)}${codec(7)}</codecs>`;
    const remote = `<codecs>${codec(37)}</codecs>`;
    expect(merged(local, remote)).toEqual(['codecs/codec[1]/codec_id=37', 'codecs/codec[1]/enabled=true']);
  });

  it('replaces per-account codecs as a whole inside a merged account, and merges its sections', () => {
    const local = `<accounts>${account('A', `<username>alice</username><codecs>${codec(0)}${codec(6)}</codecs><stun><use_stun>custom</use_stun><stun_host>stun.local</stun_host></stun>`)}</accounts>`;
    const remote = `<accounts>${account('A', `<codecs>${codec(7, false)}</codecs><stun><stun_host>stun.example.com</stun_host></stun>`)}</accounts>`;
    expect(merged(local, remote, { deleteAccountsBeforehand: false })).toEqual([
      'accounts/account[ident=A]/ident=A',
      'accounts/account[ident=A]/username=alice',
      'accounts/account[ident=A]/codecs/codec[1]/codec_id=7',
      'accounts/account[ident=A]/codecs/codec[1]/enabled=false',
      'accounts/account[ident=A]/stun/use_stun=custom',
      'accounts/account[ident=A]/stun/stun_host=stun.example.com',
    ]);
  });

  it('leaves local accounts untouched when the reply has no accounts section, whatever the flag', () => {
    const local = `<accounts>${account('A', '<username>alice</username>')}</accounts>`;
    for (const deleteAccountsBeforehand of [true, false]) {
      expect(
        merged(local, '<general><auto_away>5</auto_away></general>', { deleteAccountsBeforehand }),
      ).toEqual([
        'accounts/account[ident=A]/ident=A',
        'accounts/account[ident=A]/username=alice',
        'general/auto_away=5',
      ]);
    }
  });

  it('removes every local account for an empty accounts section when deleting beforehand, and none otherwise', () => {
    const local = `<accounts>${account('A')}</accounts>`;
    expect(merged(local, '<accounts/>')).toEqual([]);
    expect(merged(local, '<accounts/>', { deleteAccountsBeforehand: false })).toEqual([
      'accounts/account[ident=A]/ident=A',
    ]);
  });

  it('merges gui/custom_properties by name, nested subtrees included', () => {
    const local =
      '<gui><custom_properties type="subtree"><devices_tested type="boolean">false</devices_tested><window type="subtree"><width type="integer">300</width><height type="integer">700</height></window><kept type="string">yes</kept></custom_properties></gui>';
    const remote =
      '<gui><custom_properties type="subtree"><window type="subtree"><width type="integer">420</width></window><devices_tested type="boolean">true</devices_tested><fresh type="integer">1</fresh></custom_properties></gui>';
    expect(merged(local, remote)).toEqual([
      'gui/custom_properties/devices_tested=true (boolean)',
      'gui/custom_properties/window/width=420 (integer)',
      'gui/custom_properties/window/height=700 (integer)',
      'gui/custom_properties/kept=yes (string)',
      'gui/custom_properties/fresh=1 (integer)',
    ]);
  });

  it('replaces unknown elements by name and appends sections only the reply has, in reply order', () => {
    const local =
      '<general><future_flag>old</future_flag></general><chat><play_sound>true</play_sound></chat>';
    const remote =
      '<history><limit>10</limit></history><general><future_flag>new</future_flag></general><proxy><mode>system</mode></proxy>';
    const text = serializeConfig(overlay(doc(local), doc(remote)));
    expect(text.replace(/\s+/g, '')).toBe(
      '<?xmlversion="1.0"encoding="UTF-8"?><options><general><future_flag>new</future_flag></general><chat><play_sound>true</play_sound></chat><history><limit>10</limit></history><proxy><mode>system</mode></proxy></options>',
    );
  });

  it('lets the reply set options the phone pins in its local file, such as catch_protocol_requests', () => {
    const local = '<general><catch_protocol_requests>true</catch_protocol_requests></general>';
    const remote = '<general><catch_protocol_requests>false</catch_protocol_requests></general>';
    expect(merged(local, remote)).toEqual(['general/catch_protocol_requests=false']);
  });

  it('does not change its inputs', () => {
    const local = doc(`<accounts>${account('A', '<username>a</username>')}</accounts>`);
    const remote = doc(`<accounts>${account('A', '<username>b</username>')}</accounts>`);
    const before = [serializeConfig(local), serializeConfig(remote)];
    overlay(local, remote, { deleteAccountsBeforehand: false });
    expect([serializeConfig(local), serializeConfig(remote)]).toEqual(before);
  });
});
