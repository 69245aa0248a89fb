import { describe, expect, it } from 'vitest';
import { parseFreepbxCsv } from '../../../src/core/import/freepbx-csv.js';
import { formatProblem, type ImportedAccount } from '../../../src/core/import/imported-account.js';

// The columns of a Bulk Handler extensions export that the importer reads, plus two it ignores.
const HEADER =
  'extension,name,description,tech,secret,callerid,outboundcid,transport,allow,disallow,media_encryption';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

const byKey = (accounts: readonly ImportedAccount[], key: string) => {
  const account = accounts.find((a) => a.key === key);
  if (account === undefined) throw new Error(`no account ${key}`);
  return account;
};

describe('parseFreepbxCsv', () => {
  it('maps a pjsip extension: key, user, username, password, display name, caller id, transport, codecs, SRTP', () => {
    const { accounts, problems } = parseFreepbxCsv(
      csv(
        '1001,Alice Smith,desk,pjsip,s3cret!,"""Alice S."" <1001>",Main <5551000>,0.0.0.0-tls,ulaw&g722,all,sdes',
      ),
      'ext.csv',
    );
    expect(problems).toEqual([]);
    expect(accounts).toEqual([
      {
        key: '1001',
        at: { file: 'ext.csv', line: 2 },
        protocol: 'sip',
        username: '1001',
        password: 's3cret!',
        options: [
          ['name', 'Alice Smith'],
          ['SIP_callerId', 'Alice S.'],
          ['SIP_transport_type', 'tls'],
          ['codecs', 'pcmu,g722'],
          ['SIP_srtp_mode', 'sdes'],
        ],
        user: '1001',
        displayName: 'Alice Smith',
        enabled: true,
        columns: {
          extension: '1001',
          name: 'Alice Smith',
          description: 'desk',
          tech: 'pjsip',
          callerid: '"Alice S." <1001>',
          outboundcid: 'Main <5551000>',
          transport: '0.0.0.0-tls',
          allow: 'ulaw&g722',
          disallow: 'all',
          media_encryption: 'sdes',
        },
      },
    ]);
  });

  it('keeps the secret out of the columns and ignores outboundcid', () => {
    const { accounts } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,"""Out"" <1>",,,,'), 'f.csv');
    const account = byKey(accounts, '1001');
    expect(account.columns).not.toHaveProperty('secret');
    expect(account.options.some(([, v]) => v.includes('Out'))).toBe(false);
  });

  it('uses the name for SIP_callerId when there is no callerid column', () => {
    const text = 'extension,name,tech,secret\n1002,Bob,sip,pw\n';
    const { accounts, problems } = parseFreepbxCsv(text, 'f.csv');
    expect(problems).toEqual([]);
    expect(byKey(accounts, '1002').options).toEqual([
      ['name', 'Bob'],
      ['SIP_callerId', 'Bob'],
    ]);
  });

  it.each([
    ['0.0.0.0-udp', 'udp'],
    ['0.0.0.0-tcp', 'tcp'],
    ['0.0.0.0-tls', 'tls'],
    ['[::]-UDP', 'udp'],
  ])('maps transport %s to SIP_transport_type %s', (transport, type) => {
    const { accounts } = parseFreepbxCsv(csv(`1001,A,,pjsip,pw,,,${transport},,,`), 'f.csv');
    expect(byKey(accounts, '1001').options).toContainEqual(['SIP_transport_type', type]);
  });

  it('warns about a transport Zoiper lacks (WebSocket) and sets none', () => {
    const { accounts, problems } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,,0.0.0.0-wss,,,'), 'f.csv');
    expect(byKey(accounts, '1001').options.map(([p]) => p)).not.toContain('SIP_transport_type');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        key: '1001',
        at: { file: 'f.csv', line: 2, field: 'transport' },
      }),
    ]);
  });

  it('maps an iax2 extension with IAX2 names and no SIP_* option', () => {
    const { accounts, problems } = parseFreepbxCsv(
      csv('2001,Carol,,iax2,pw,Carol <2001>,,0.0.0.0-udp,gsm,all,sdes'),
      'f.csv',
    );
    expect(problems).toEqual([]);
    const account = byKey(accounts, '2001');
    expect(account.protocol).toBe('iax2');
    expect(account.options).toEqual([
      ['name', 'Carol'],
      ['IAX2_callerId', 'Carol'],
      ['IAX2_callerNumber', '2001'],
      ['codecs', 'gsm'],
    ]);
    expect(account.options.some(([p]) => p.startsWith('SIP_'))).toBe(false);
  });

  it.each(['virtual', 'custom', 'dahdi', ''])('skips tech %j with a warning naming the row', (tech) => {
    const { accounts, problems } = parseFreepbxCsv(
      csv('1001,A,,pjsip,pw,,,,,,', `1002,B,,${tech},,,,,,,`),
      'f.csv',
    );
    expect(accounts.map((a) => a.key)).toEqual(['1001']);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        key: '1002',
        at: { file: 'f.csv', line: 3, field: 'tech' },
      }),
    ]);
    expect(problems[0]?.message).toContain('line 3');
  });

  it('imports an extension without a secret, with a warning', () => {
    const { accounts, problems } = parseFreepbxCsv(csv('1001,A,,pjsip,,,,,,,'), 'f.csv');
    expect(byKey(accounts, '1001').password).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        key: '1001',
        at: { file: 'f.csv', line: 2, field: 'secret' },
      }),
    ]);
  });

  it('warns about DTLS media encryption and sets no SRTP mode', () => {
    const { accounts, problems } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,,,,,dtls'), 'f.csv');
    expect(byKey(accounts, '1001').options.map(([p]) => p)).not.toContain('SIP_srtp_mode');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        at: { file: 'f.csv', line: 2, field: 'media_encryption' },
      }),
    ]);
  });

  it('sets no SRTP mode for media_encryption no', () => {
    const { accounts, problems } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,,,,,no'), 'f.csv');
    expect(problems).toEqual([]);
    expect(byKey(accounts, '1001').options.map(([p]) => p)).not.toContain('SIP_srtp_mode');
  });

  it('applies disallow before allow, and warns about codecs Zoiper lacks on the allow column', () => {
    const { accounts, problems } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,,,opus&slin&ulaw,all,'), 'f.csv');
    expect(byKey(accounts, '1001').options).toContainEqual(['codecs', 'opus,pcmu']);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        key: '1001',
        at: { file: 'f.csv', line: 2, field: 'allow' },
      }),
    ]);
  });

  it('sets no codecs when neither allow nor disallow is given', () => {
    const { accounts } = parseFreepbxCsv(csv('1001,A,,pjsip,pw,,,,,,'), 'f.csv');
    expect(byKey(accounts, '1001').options.map(([p]) => p)).not.toContain('codecs');
  });

  it('reports a missing extension column once, for the file', () => {
    const { accounts, problems } = parseFreepbxCsv('name,tech,secret\nA,pjsip,pw\nB,pjsip,pw\n', 'f.csv');
    expect(accounts).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', at: { file: 'f.csv', line: 1, field: 'extension' } }),
    ]);
  });

  it('reports bad rows with their line and column, and keeps the good ones', () => {
    const text = csv(
      '1001,A,,pjsip,pw,,,,,,',
      ',Nobody,,pjsip,pw,,,,,,',
      '"10 03",Spaced,,pjsip,pw,,,,,,',
      '1004,"Multi',
      'line",,pjsip,pw,,,,,,',
      '1005,Too,many,pjsip,pw,,,,,,,extra',
    );
    const { accounts, problems } = parseFreepbxCsv(text, 'f.csv');
    expect(accounts.map((a) => [a.key, a.at.line])).toEqual([
      ['1001', 2],
      ['1004', 5],
    ]);
    expect(problems.map((p) => [p.severity, p.at.line, p.at.field])).toEqual([
      ['error', 3, 'extension'],
      ['error', 4, 'extension'],
      ['error', 7, undefined],
    ]);
    expect(problems.map(formatProblem)[0]).toBe('f.csv:3: error: extension: the extension is empty');
  });

  it('reports a duplicate extension on the second row', () => {
    const { accounts, problems } = parseFreepbxCsv(
      csv('1001,A,,pjsip,pw,,,,,,', '1001,B,,pjsip,pw,,,,,,'),
      'f.csv',
    );
    expect(accounts.map((a) => a.displayName)).toEqual(['A']);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: '1001',
        at: { file: 'f.csv', line: 3, field: 'extension' },
        message: expect.stringContaining('line 2'),
      }),
    ]);
  });

  it('reads CRLF files, a byte order mark and quoted cells over several lines, counting lines right', () => {
    const text = '\ufeff' + HEADER + '\r\n1001,"A\r\nB",,pjsip,pw,,,,,,\r\n\r\n1002,C,,pjsip,pw,,,,,,\r\n';
    const { accounts, problems } = parseFreepbxCsv(text, 'f.csv');
    expect(problems).toEqual([]);
    expect(accounts.map((a) => [a.key, a.at.line, a.displayName])).toEqual([
      ['1001', 2, 'A\r\nB'],
      ['1002', 5, 'C'],
    ]);
  });

  it('refuses a file that is not CSV, naming the line of the broken row', () => {
    const { accounts, problems } = parseFreepbxCsv(
      csv('1001,A,,pjsip,pw,,,,,,', '1002,"B"x,,pjsip,pw,,,,,,'),
      'f.csv',
    );
    expect(accounts).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', at: { file: 'f.csv', line: 3 } }),
    ]);
  });

  it('reports an empty file', () => {
    expect(parseFreepbxCsv('', 'f.csv').problems).toEqual([
      expect.objectContaining({ severity: 'error', at: { file: 'f.csv', line: 0 } }),
    ]);
  });

  it('takes every row for SIP, with one warning, when there is no tech column', () => {
    const { accounts, problems } = parseFreepbxCsv('extension,name,secret\n1001,A,pw\n', 'f.csv');
    expect(accounts.map((a) => a.protocol)).toEqual(['sip']);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', at: { file: 'f.csv', line: 1, field: 'tech' } }),
    ]);
  });

  it('skips rows an import file marks for deletion', () => {
    const { accounts, problems } = parseFreepbxCsv(
      'action,extension,tech,secret\ndel,1001,pjsip,pw\n',
      'f.csv',
    );
    expect(accounts).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', key: '1001' })]);
  });
});
