import { describe, expect, it } from 'vitest';
import { parsePjsip } from '../../../src/core/import/pjsip.js';
import {
  accountOf,
  expectEditorAcceptsOptions,
  fileTree,
  lineOf,
  optionsOf,
  printed,
} from './asterisk-support.js';

// A small office's pjsip.conf, written for these tests: templates two levels deep, (+), =>, comments
// of both kinds, an escaped ; in a password, and endpoints kept in included files.
const PJSIP = `;-- Office PBX.
    Everything up to the closing mark is comment,
    [not-a-section] included --;

[transport-udp]
type=transport
protocol=udp
bind=0.0.0.0

[transport-tls]
type = transport
protocol = tls
bind = 0.0.0.0:5061

[transport-wss]
type=transport
protocol=wss

[transport-default]
type=transport

;---------------------------------------- templates
[endpoint-base](!)
type=endpoint
context=office
disallow=all
allow=ulaw

[endpoint-hd](!,endpoint-base)
allow => g722,opus   ; wideband first after ulaw

[auth-base](!)
type=auth
auth_type=userpass

#include "endpoints.conf"
#tryinclude pjsip-local.conf
`;

const ENDPOINTS = `; the phones
[1001](endpoint-hd)
auth => 1001
aors => 1001
callerid = "Alice Smith" <1001>
transport = transport-tls
media_encryption = sdes
from_domain = pbx.example.com
outbound_proxy = sip:proxy.example.com:5061\\;lr

[1001](auth-base)
username = 1001
password = s3cr\\;et ; the semicolon in the password is escaped

[1001]
type = aor
max_contacts = 1

[1002](endpoint-base)
auth=1002-auth
transport=transport-udp
callerid=Bob Jones <1002>
media_encryption=dtls

[1002-auth](auth-base)
username=bob
password=bob-pass

[1003](endpoint-base)
auth=1003
callerid=<1003>

[1003]
type=auth
auth_type=md5
md5_cred=0123456789abcdef0123456789abcdef

[1004](endpoint-base)
transport=transport-wss

[1004](+)
allow=gsm
media_encryption=no

[itsp](endpoint-base)
outbound_auth=itsp-auth

[1005](endpoint-base)
auth=1005
transport=transport-default
[1005](auth-base)
password=five
`;

const FILES = { 'endpoints.conf': ENDPOINTS };

const parse = () => parsePjsip({ file: 'pjsip.conf', text: PJSIP }, { readFile: fileTree(FILES) });

describe('importing pjsip.conf', () => {
  it('makes each endpoint an account keyed by its name, and nothing of templates, auths, aors or transports', () => {
    const result = parse();
    expect(result.accounts.map((a) => a.key)).toEqual(['1001', '1002', '1004', '1005']);
    expectEditorAcceptsOptions(result);
  });

  it('maps auth, transport, SRTP, caller id, domain, outbound proxy and the inherited codecs', () => {
    const alice = accountOf(parse(), '1001');
    expect(alice).toMatchObject({
      key: '1001',
      at: { file: 'endpoints.conf', line: 2 },
      protocol: 'sip',
      username: '1001',
      password: 's3cr;et',
      user: '1001',
      displayName: 'Alice Smith',
      enabled: true,
      columns: { context: 'office' },
    });
    expect(optionsOf(alice)).toEqual({
      SIP_transport_type: 'tls',
      SIP_srtp_mode: 'sdes',
      SIP_callerId: 'Alice Smith',
      SIP_domain: 'pbx.example.com',
      SIP_use_outbound_proxy: 'true',
      SIP_outbound_proxy: 'proxy.example.com:5061',
      codecs: 'pcmu,g722,opus',
      name: 'Alice Smith',
    });
  });

  it('turns on the auth username when the auth section’s username is not the endpoint’s name', () => {
    const bob = accountOf(parse(), '1002');
    expect(bob.username).toBe('1002');
    expect(bob.password).toBe('bob-pass');
    expect(optionsOf(bob)).toMatchObject({
      SIP_use_auth_username: 'true',
      SIP_auth_username: 'bob',
      SIP_transport_type: 'udp',
      SIP_callerId: 'Bob Jones',
    });
    expect(optionsOf(bob)).not.toHaveProperty('SIP_srtp_mode');
    expect(optionsOf(accountOf(parse(), '1001'))).not.toHaveProperty('SIP_use_auth_username');
  });

  it('skips an endpoint whose auth keeps only an md5_cred, with a warning naming it', () => {
    const result = parse();
    const line = lineOf(ENDPOINTS, 'auth_type=md5');
    expect(result.problems).toContainEqual({
      severity: 'warning',
      message:
        'the auth keeps only a digest of the password (md5_cred), and Zoiper needs the password itself; skipped',
      at: { file: 'endpoints.conf', line, field: 'auth_type' },
      key: '1003',
    });
    expect(result.accounts.some((a) => a.key === '1003')).toBe(false);
  });

  it('imports an endpoint without auth without a password, with a warning, and applies its (+) additions', () => {
    const result = parse();
    const carol = accountOf(result, '1004');
    expect(carol.password).toBeUndefined();
    expect(carol.displayName).toBeUndefined();
    expect(optionsOf(carol)).toEqual({ codecs: 'pcmu,gsm' });
    expect(printed(result)).toEqual(
      expect.arrayContaining([
        `endpoints.conf:${lineOf(ENDPOINTS, '[1004](endpoint-base)')}: warning: endpoint has no auth=; imported without a password`,
        `pjsip.conf:${lineOf(PJSIP, 'protocol=wss')}: warning: protocol: transport wss (WebSocket) has no Zoiper counterpart; the phone uses its own`,
      ]),
    );
  });

  it('skips an endpoint with only outbound_auth as a trunk', () => {
    const result = parse();
    expect(printed(result)).toContain(
      `endpoints.conf:${lineOf(ENDPOINTS, '[itsp]')}: warning: a trunk (outbound_auth and no auth): not a phone account; skipped`,
    );
  });

  it('takes a transport without protocol= as UDP, and an auth without username= as the endpoint’s name', () => {
    const five = accountOf(parse(), '1005');
    expect(five.password).toBe('five');
    expect(optionsOf(five)).toEqual({ SIP_transport_type: 'udp', codecs: 'pcmu' });
  });

  it('warns that DTLS-SRTP has no Zoiper counterpart', () => {
    expect(printed(parse())).toContain(
      `endpoints.conf:${lineOf(ENDPOINTS, 'media_encryption=dtls')}: warning: media_encryption: DTLS-SRTP has no Zoiper counterpart (its SIP account keys SRTP by SDES only); left out`,
    );
  });

  it('reports exactly the problems of the whole file, a missing #tryinclude being none', () => {
    expect(parse().problems.map((p) => [p.severity, p.key, p.at.line])).toEqual([
      ['warning', '1002', lineOf(ENDPOINTS, 'media_encryption=dtls')],
      ['warning', '1003', lineOf(ENDPOINTS, 'auth_type=md5')],
      ['warning', '1004', lineOf(ENDPOINTS, '[1004](endpoint-base)')],
      ['warning', '1004', lineOf(PJSIP, 'protocol=wss')],
      ['warning', 'itsp', lineOf(ENDPOINTS, '[itsp]')],
    ]);
  });

  it('keeps a caller id that is only a number out of the name', () => {
    const result = parsePjsip({
      file: 'p.conf',
      text: '[a]\ntype=auth\npassword=x\n[7]\ntype=endpoint\nauth=a\ncallerid=<7>\n',
    });
    expect(accountOf(result, '7')).toMatchObject({
      username: '7',
      password: 'x',
      displayName: undefined,
      options: [],
    });
  });

  it('errs on an auth= naming no auth section, and warns on a transport= naming no transport', () => {
    const text = '[1]\ntype=endpoint\nauth=nowhere\n[2]\ntype=endpoint\ntransport=nowhere\n';
    const result = parsePjsip({ file: 'p.conf', text });
    expect(result.accounts.map((a) => a.key)).toEqual(['2']);
    expect(printed(result)).toEqual([
      "p.conf:3: error: auth: auth 'nowhere' names no type=auth section; endpoint skipped",
      'p.conf:4: warning: endpoint has no auth=; imported without a password',
      "p.conf:6: warning: transport: transport 'nowhere' names no type=transport section; left out",
    ]);
  });

  it('errs on an auth_type Zoiper cannot use, and on an auth inheriting a missing template', () => {
    const text = [
      '[g]', //                   1
      'type=auth', //             2
      'auth_type=google_oauth', //3
      '[h](gone)', //             4
      'type=auth', //             5
      '[1]', //                   6
      'type=endpoint', //         7
      'auth=g', //                8
      '[2]', //                   9
      'type=endpoint', //         10
      'auth=h', //                11
      '[3](gone)', //             12
      'type=endpoint', //         13
    ].join('\n');
    const result = parsePjsip({ file: 'p.conf', text });
    expect(result.accounts).toEqual([]);
    expect(printed(result)).toEqual([
      "p.conf:4: error: [h] inherits from 'gone', which is not defined above",
      "p.conf:12: error: [3] inherits from 'gone', which is not defined above",
      'p.conf:3: error: auth_type: google_oauth gives no password Zoiper can use; skipped',
      "p.conf:11: error: auth: auth 'h' inherits from a missing template; endpoint skipped",
    ]);
  });

  it('uses the first of several auths, and warns of an auth without a password', () => {
    const text = '[a]\ntype=auth\nusername=7\n[b]\ntype=auth\n[7]\ntype=endpoint\nauth=a,b\n';
    const result = parsePjsip({ file: 'p.conf', text });
    expect(accountOf(result, '7').password).toBeUndefined();
    expect(printed(result)).toEqual([
      "p.conf:8: warning: auth: only the first auth ('a') is used",
      'p.conf:6: warning: the auth has no password=; imported without one',
    ]);
  });

  it('reports a bad line with its file and line and still imports the rest', () => {
    const files = { 'more.conf': '[9](endpoint-base)\nthis is not a setting\nauth=9\n' };
    const text = `[endpoint-base](!)\ntype=endpoint\n[9]\ntype=auth\npassword=nine\n#include more.conf\n`;
    const result = parsePjsip({ file: 'p.conf', text }, { readFile: fileTree(files) });
    expect(accountOf(result, '9').password).toBe('nine');
    expect(printed(result)).toEqual([
      "more.conf:2: error: 'this is not a setting' is neither a section, a setting (key = value), a comment nor a directive",
    ]);
  });

  it('reports an include cycle once and imports what was read', () => {
    const files = {
      'a.conf': '[1]\ntype=endpoint\n#include b.conf\n',
      'b.conf': 'allow=ulaw\n#include a.conf\n',
    };
    const result = parsePjsip({ file: 'p.conf', text: '#include a.conf\n' }, { readFile: fileTree(files) });
    expect(result.accounts.map((a) => [a.key, a.options])).toEqual([['1', [['codecs', 'pcmu']]]]);
    expect(printed(result)[0]).toBe(
      "b.conf:2: error: include cycle: 'p.conf' → 'a.conf' → 'b.conf' → 'a.conf'; not read again",
    );
  });

  it('errs on the second endpoint with the same name', () => {
    const text = '[5]\ntype=endpoint\n[5]\ntype=endpoint\n';
    const result = parsePjsip({ file: 'p.conf', text });
    expect(result.accounts.map((a) => a.at.line)).toEqual([1]);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([
      {
        severity: 'error',
        message: "'5' is already imported from p.conf:1; this one is skipped",
        at: { file: 'p.conf', line: 3 },
        key: '5',
      },
    ]);
  });
});

// pjsip_wizard.conf written for these tests: a template for phones, phones using it (one inheriting
// two levels deep), a trunk, a wizard that neither registers nor accepts registrations.
const WIZARD = `[phone-base](!)
type = wizard
accepts_registrations = yes
accepts_auth = yes
sends_registrations = no
transport = transport-tls
endpoint/context = office
endpoint/disallow = all
endpoint/allow = ulaw,g722

[phone-secure](!,phone-base)
endpoint/media_encryption = sdes

[2001](phone-secure)
inbound_auth/username = 2001
inbound_auth/password = wiz\\;ard
endpoint/callerid = "Dana Lee" <2001>
endpoint/allow = !g722

[2002](phone-base)
inbound_auth/username = dana-auth
inbound_auth/password = two
transport = transport-udp

[2003](phone-base)
inbound_auth/auth_type = md5
inbound_auth/md5_cred = 0123456789abcdef0123456789abcdef

[2004](phone-base)
accepts_auth = no

[my-itsp]
type = wizard
sends_auth = yes
sends_registrations = yes
remote_hosts = sip.itsp.example
outbound_auth/username = acct
outbound_auth/password = itsp-pass

[peer-pbx]
type = wizard
remote_hosts = 192.0.2.10

[1001]
type = wizard
accepts_registrations = yes
accepts_auth = yes
inbound_auth/password = dup
`;

const parseWizard = () =>
  parsePjsip(
    { file: 'pjsip.conf', text: PJSIP },
    { readFile: fileTree(FILES), wizard: { file: 'pjsip_wizard.conf', text: WIZARD } },
  );

describe('importing pjsip_wizard.conf', () => {
  it('makes each wizard that accepts registrations an account, its templates applied', () => {
    const result = parseWizard();
    expect(result.accounts.map((a) => a.key)).toEqual([
      '1001',
      '1002',
      '1004',
      '1005',
      '2001',
      '2002',
      '2004',
    ]);
    expectEditorAcceptsOptions(result);
    const dana = accountOf(result, '2001');
    expect(dana).toMatchObject({
      at: { file: 'pjsip_wizard.conf', line: 14 },
      username: '2001',
      password: 'wiz;ard',
      displayName: 'Dana Lee',
      columns: { context: 'office' },
    });
    expect(optionsOf(dana)).toEqual({
      SIP_transport_type: 'tls',
      SIP_srtp_mode: 'sdes',
      SIP_callerId: 'Dana Lee',
      codecs: 'pcmu',
      name: 'Dana Lee',
    });
  });

  it('maps a wizard’s own transport and inbound auth username', () => {
    const two = accountOf(parseWizard(), '2002');
    expect(two.password).toBe('two');
    expect(optionsOf(two)).toEqual({
      SIP_use_auth_username: 'true',
      SIP_auth_username: 'dana-auth',
      SIP_transport_type: 'udp',
      codecs: 'pcmu,g722',
    });
  });

  it('skips trunks and wizards that accept no registrations, an md5 inbound auth, and a key pjsip.conf took', () => {
    const wizardProblems = printed(parseWizard()).filter((p) => p.startsWith('pjsip_wizard.conf'));
    expect(wizardProblems).toEqual([
      'pjsip_wizard.conf:26: warning: inbound_auth/auth_type: the auth keeps only a digest of the password (md5_cred), and Zoiper needs the password itself; skipped',
      'pjsip_wizard.conf:29: warning: accepts_auth is not yes, so Asterisk asks no password; imported without a password',
      'pjsip_wizard.conf:32: warning: a trunk (sends_registrations=yes, accepts_registrations not yes): skipped',
      'pjsip_wizard.conf:40: warning: accepts_registrations is not yes, so no phone registers to it: skipped',
      "pjsip_wizard.conf:44: error: '1001' is already imported from endpoints.conf:2; this one is skipped",
    ]);
  });

  it('reads a wizard file on its own', () => {
    const result = parsePjsip(
      { file: 'pjsip.conf', text: '' },
      { wizard: { file: 'pjsip_wizard.conf', text: '[3001]\ntype=wizard\naccepts_registrations=yes\n' } },
    );
    expect(result.accounts.map((a) => [a.key, a.username, a.password])).toEqual([
      ['3001', '3001', undefined],
    ]);
  });
});
