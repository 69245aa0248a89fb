import { describe, expect, it } from 'vitest';
import { parseIaxConf } from '../../../src/core/import/iax-conf.js';
import { accountOf, expectEditorAcceptsOptions, fileTree, optionsOf, printed } from './asterisk-support.js';

// A chan_iax2 iax.conf written for these tests: [general] codec defaults, a template, =>, comments,
// an escaped ; in a secret, an RSA-only peer, a peer whose secret lives in Asterisk's database.
const IAX = `[general]
bindport=4569
disallow=all
allow=ulaw
allow=gsm ;-- a block
comment --;

[iax-phone](!)
type=friend
host=dynamic
context=office
requirecalltoken=yes

[4001](iax-phone)
secret => iax\\;secret
callerid="Hana Ito" <4001>
allow=!gsm,g722

[4002](iax-phone)
username=hana2
secret=two
callerid=4002
auth=md5,plaintext

[4003](iax-phone)
auth=rsa
inkeys=office-key

[4004](iax-phone)
dbsecret=iax/4004

[4005]
type=peer
host=dynamic

#include iax-more.conf
`;

const MORE = `[4006](iax-phone)
secret=six
[4006]
type=friend
secret=dup

[4007](iax-phone)
inkeys=key-only
`;

const parse = () =>
  parseIaxConf({ file: 'iax.conf', text: IAX }, { readFile: fileTree({ 'iax-more.conf': MORE }) });

describe('importing iax.conf', () => {
  it('makes friends, peers and users IAX2 accounts, with [general]’s codecs before their own', () => {
    const result = parse();
    expect(result.accounts.map((a) => a.key)).toEqual(['4001', '4002', '4005', '4006']);
    expectEditorAcceptsOptions(result);
    const hana = accountOf(result, '4001');
    expect(hana).toMatchObject({
      at: { file: 'iax.conf', line: 14 },
      protocol: 'iax2',
      username: '4001',
      password: 'iax;secret',
      user: '4001',
      displayName: 'Hana Ito',
      enabled: true,
      columns: { context: 'office' },
    });
    expect(optionsOf(hana)).toEqual({
      IAX2_callerId: 'Hana Ito',
      IAX2_callerNumber: '4001',
      codecs: 'pcmu,g722',
      name: 'Hana Ito',
    });
  });

  it('takes username= as the username, and a bare number as the caller number only', () => {
    const two = accountOf(parse(), '4002');
    expect(two).toMatchObject({ username: 'hana2', password: 'two', displayName: undefined });
    expect(optionsOf(two)).toEqual({ IAX2_callerNumber: '4002', codecs: 'pcmu,gsm' });
  });

  it('leaves IAX2_host unset for the import command to fill', () => {
    expect(parse().accounts.some((a) => a.options.some(([path]) => path === 'IAX2_host'))).toBe(false);
  });

  it('skips RSA-only and database-secret peers with warnings, and warns of one without a secret', () => {
    expect(printed(parse())).toEqual([
      'iax.conf:26: warning: auth: authenticates by RSA key only (auth=rsa, inkeys), and Zoiper has no key to sign with; skipped',
      "iax.conf:30: warning: dbsecret: the password is kept in Asterisk's database, which this import cannot read; skipped",
      'iax.conf:32: warning: no secret=; imported without a password',
      "iax-more.conf:3: error: '4006' is already imported from iax-more.conf:1; this one is skipped",
      'iax-more.conf:8: warning: inkeys: authenticates by RSA key only (auth=rsa, inkeys), and Zoiper has no key to sign with; skipped',
    ]);
    const keys = parse().problems.map((p) => p.key);
    expect(keys).toEqual(['4003', '4004', '4005', '4006', '4007']);
  });

  it('reports a bad line with its line number and goes on', () => {
    const result = parseIaxConf({
      file: 'i.conf',
      text: '[a]\ntype=friend\n[oops\nsecret=x\n[b]\ntype=user\nsecret=y\n',
    });
    expect(result.accounts.map((a) => [a.key, a.password])).toEqual([
      ['a', undefined],
      ['b', 'y'],
    ]);
    expect(printed(result)).toEqual([
      'i.conf:3: error: section header without its closing ]',
      'i.conf:1: warning: no secret=; imported without a password',
    ]);
  });
});
