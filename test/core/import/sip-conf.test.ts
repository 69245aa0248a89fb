import { describe, expect, it } from 'vitest';
import { parseSipConf } from '../../../src/core/import/sip-conf.js';
import {
  accountOf,
  expectEditorAcceptsOptions,
  fileTree,
  lineOf,
  optionsOf,
  printed,
} from './asterisk-support.js';

// A chan_sip sip.conf written for these tests: [general] codec and transport defaults, a two-level
// template, (+), =>, both kinds of comment, an escaped ; in a secret, peers in an included file.
const SIP = `[general]
context=default
transport=udp
disallow=all
allow=ulaw ; every peer starts from ulaw
;-- chan_sip reads more here,
    none of it about accounts --;

[authentication]
auth=trunk:pass@sip.example

[phones](!)
type=friend
host=dynamic
context=office

[secure-phones](!,phones)
transport => tls,udp
encryption=yes

[3001](secure-phones)
secret=pa\\;ss
callerid="Erin Walsh" <3001>
fromdomain=pbx.example.com
outboundproxy=proxy.example.com:5060,force
allow=g722

#include sip-peers.conf
#tryinclude sip-custom.conf
`;

const PEERS = `[3002](phones)
secret=frank
defaultuser=frank-auth
username=older-name
disallow=ulaw
allow=gsm

[3003](phones)
md5secret=0123456789abcdef0123456789abcdef

[3004]
type=user
secret=user-secret
callerid=Gina <3004>

[3005]
type=user
context=office

[3006]
type=peer
host=dynamic
transport=ws

[3002-extra]
host=dynamic

[3007]
type=peer
secret=both
md5secret=0123456789abcdef0123456789abcdef
username=legacy

[3008](phones)
secret=eight

[3008](+)
allow=alaw

[3001]
type=friend
secret=again
`;

const parse = () =>
  parseSipConf({ file: 'sip.conf', text: SIP }, { readFile: fileTree({ 'sip-peers.conf': PEERS }) });

describe('importing sip.conf', () => {
  it('makes friends, peers and users with a secret accounts, never [general] or templates', () => {
    const result = parse();
    expect(result.accounts.map((a) => a.key)).toEqual(['3001', '3002', '3004', '3006', '3007', '3008']);
    expect(result.accounts.every((a) => a.protocol === 'sip' && a.enabled && a.user === a.key)).toBe(true);
    expectEditorAcceptsOptions(result);
  });

  it('maps secret, caller id, transport, encryption, fromdomain and outboundproxy, codecs after [general]’s', () => {
    const erin = accountOf(parse(), '3001');
    expect(erin).toMatchObject({
      at: { file: 'sip.conf', line: lineOf(SIP, '[3001]') },
      username: '3001',
      password: 'pa;ss',
      displayName: 'Erin Walsh',
      columns: { context: 'office' },
    });
    expect(optionsOf(erin)).toEqual({
      SIP_transport_type: 'tls',
      SIP_srtp_mode: 'sdes',
      SIP_callerId: 'Erin Walsh',
      SIP_domain: 'pbx.example.com',
      SIP_use_outbound_proxy: 'true',
      SIP_outbound_proxy: 'proxy.example.com:5060',
      codecs: 'pcmu,g722',
      name: 'Erin Walsh',
    });
  });

  it('takes defaultuser over username, and [general]’s transport when a peer names none', () => {
    const frank = accountOf(parse(), '3002');
    expect(frank).toMatchObject({ username: 'frank-auth', password: 'frank', displayName: undefined });
    expect(optionsOf(frank)).toEqual({ SIP_transport_type: 'udp', codecs: 'gsm' });
    expect(accountOf(parse(), '3007').username).toBe('legacy');
  });

  it('skips a peer with only an md5secret, with a warning naming it at that line', () => {
    const result = parse();
    expect(result.problems).toContainEqual({
      severity: 'warning',
      message:
        'only md5secret is set: a digest of the password, and Zoiper needs the password itself; skipped',
      at: { file: 'sip-peers.conf', line: lineOf(PEERS, 'md5secret=0123'), field: 'md5secret' },
      key: '3003',
    });
  });

  it('applies (+) additions to a peer', () => {
    expect(optionsOf(accountOf(parse(), '3008'))).toMatchObject({ codecs: 'pcmu,pcma' });
  });

  it('reports every skipped or partly imported section with its file and line', () => {
    expect(printed(parse())).toEqual([
      'sip-peers.conf:9: warning: md5secret: only md5secret is set: a digest of the password, and Zoiper needs the password itself; skipped',
      'sip-peers.conf:16: warning: type=user without a secret: no phone registers with it; skipped',
      'sip-peers.conf:20: warning: no secret=; imported without a password',
      'sip-peers.conf:23: warning: transport: transport ws (WebSocket) has no Zoiper counterpart; the phone uses its own',
      'sip-peers.conf:25: warning: no type= (friend, peer or user); not an account, skipped',
      'sip-peers.conf:31: warning: md5secret: md5secret is set too, and Asterisk checks it rather than secret; secret imported',
      "sip-peers.conf:40: error: '3001' is already imported from sip.conf:21; this one is skipped",
    ]);
  });

  it('imports a type=user with a secret, with its caller id', () => {
    const gina = accountOf(parse(), '3004');
    expect(gina).toMatchObject({ password: 'user-secret', displayName: 'Gina' });
    expect(optionsOf(gina)).toEqual({
      SIP_transport_type: 'udp',
      SIP_callerId: 'Gina',
      codecs: 'pcmu',
      name: 'Gina',
    });
  });

  it('reports a bad line and a missing template with their lines, importing the rest', () => {
    const text = '[a]\ntype=friend\nsecret=x\nnot a line\n[b](missing)\ntype=friend\nsecret=y\n';
    const result = parseSipConf({ file: 's.conf', text });
    expect(result.accounts.map((a) => a.key)).toEqual(['a']);
    expect(printed(result)).toEqual([
      "s.conf:4: error: 'not a line' is neither a section, a setting (key = value), a comment nor a directive",
      "s.conf:5: error: [b] inherits from 'missing', which is not defined above",
    ]);
  });

  it('leaves codecs unset when neither [general] nor the peer names one', () => {
    const result = parseSipConf({ file: 's.conf', text: '[a]\ntype=peer\nsecret=x\n' });
    expect(accountOf(result, 'a').options).toEqual([]);
  });
});
