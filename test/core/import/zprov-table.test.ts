import { stringify as stringifyCsv } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportParse } from '../../../src/core/import/imported-account.js';
import {
  exportRowOf,
  formatZprovCsv,
  formatZprovJson,
  neutraliseCell,
  parseZprovCsv,
  parseZprovJson,
  restoreCell,
  type ExportRow,
} from '../../../src/core/import/zprov-table.js';

const row = (overrides: Partial<ExportRow> = {}): ExportRow => ({
  key: 'k1',
  user: 'alice',
  displayName: 'Alice',
  group: 'sales',
  protocol: 'sip',
  username: '1001',
  password: 'secret-1',
  domain: 'pbx.example.com',
  name: 'Office',
  codecs: 'opus,pcmu',
  transport: 'tls',
  enabled: true,
  options: [['stun/use_stun', 'disabled']],
  ...overrides,
});

const errors = (parse: ImportParse) => parse.problems.filter((p) => p.severity === 'error');

describe('parseZprovCsv', () => {
  it('reads every column', () => {
    const text = [
      'key,user,display_name,group,protocol,username,password,domain,name,codecs,transport,enabled,option:stun/use_stun,option:register_on_startup',
      'k1,alice,Alice Smith,sales,sip,1001,pw1,pbx.example.com:5061,Office,"opus,pcmu",tls,false,disabled,true',
    ].join('\n');
    const { accounts, problems } = parseZprovCsv(text, 'a.csv');
    expect(problems).toEqual([]);
    expect(accounts).toEqual([
      {
        key: 'k1',
        at: { file: 'a.csv', line: 2 },
        protocol: 'sip',
        username: '1001',
        password: 'pw1',
        options: [
          ['SIP_domain', 'pbx.example.com:5061'],
          ['name', 'Office'],
          ['codecs', 'opus,pcmu'],
          ['SIP_transport_type', 'tls'],
          ['stun/use_stun', 'disabled'],
          ['register_on_startup', 'true'],
        ],
        user: 'alice',
        displayName: 'Alice Smith',
        enabled: false,
        columns: {
          key: 'k1',
          user: 'alice',
          display_name: 'Alice Smith',
          group: 'sales',
          protocol: 'sip',
          username: '1001',
          domain: 'pbx.example.com:5061',
          name: 'Office',
          codecs: 'opus,pcmu',
          transport: 'tls',
          enabled: 'false',
          'option:stun/use_stun': 'disabled',
          'option:register_on_startup': 'true',
        },
      },
    ]);
  });

  it('applies the defaults: user = key, protocol sip, enabled, no password, no options', () => {
    const { accounts, problems } = parseZprovCsv('key,username\nk1,1001\n', 'a.csv');
    expect(problems).toEqual([]);
    expect(accounts).toEqual([
      expect.objectContaining({
        key: 'k1',
        user: 'k1',
        protocol: 'sip',
        password: undefined,
        displayName: undefined,
        enabled: true,
        options: [],
      }),
    ]);
  });

  it('maps domain to IAX2_host for an IAX2 account, and refuses SIP options on it', () => {
    const text =
      'key,protocol,username,domain,transport,option:SIP_use_rport,option:IAX2_context\n' +
      'k1,iax2,u1,iax.example.com,,,ctx\n' +
      'k2,IAX2,u2,iax.example.com,udp,,\n' +
      'k3,iax2,u3,iax.example.com,,true,\n';
    const parse = parseZprovCsv(text, 'a.csv');
    expect(parse.accounts.map((a) => [a.key, a.protocol, a.options])).toEqual([
      [
        'k1',
        'iax2',
        [
          ['IAX2_host', 'iax.example.com'],
          ['IAX2_context', 'ctx'],
        ],
      ],
    ]);
    expect(errors(parse).map((p) => [p.key, p.at.line, p.at.field])).toEqual([
      ['k2', 3, 'transport'],
      ['k3', 4, 'option:SIP_use_rport'],
    ]);
  });

  it('reports bad values with their line and column, and keeps the good rows', () => {
    const text = [
      'key,username,protocol,enabled,codecs,transport,option:stun/stun_port',
      'ok,u0,sip,true,opus,udp,3478',
      'k1,u1,h323,,,,',
      'k2,u2,,maybe,,,',
      'k3,u3,,,opus,bogus,',
      'k4,u4,,,nocodec,,',
      'k5,u5,,,,,99999',
      ',u6,,,,,',
      'k7,,,,,,',
      ' k8,u8,,,,,',
    ].join('\n');
    const parse = parseZprovCsv(text, 'a.csv');
    expect(parse.accounts.map((a) => a.key)).toEqual(['ok']);
    expect(errors(parse).map((p) => [p.at.line, p.at.field])).toEqual([
      [3, 'protocol'],
      [4, 'enabled'],
      [5, 'transport'],
      [6, 'codecs'],
      [7, 'option:stun/stun_port'],
      [8, 'key'],
      [9, 'username'],
      [10, 'key'],
    ]);
  });

  it('reports a duplicate key on the second row', () => {
    const parse = parseZprovCsv('key,username\nk1,a\nk2,b\nk1,c\n', 'a.csv');
    expect(parse.accounts.map((a) => a.username)).toEqual(['a', 'b']);
    expect(parse.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: 'k1',
        at: { file: 'a.csv', line: 4, field: 'key' },
        message: expect.stringContaining('line 2'),
      }),
    ]);
  });

  it('refuses the file for an unknown option column, a reserved one, a duplicate column, or no key column', () => {
    for (const [header, field] of [
      ['key,username,option:stun/use_stunn', 'option:stun/use_stunn'],
      ['key,username,option:SIP_domain', 'option:SIP_domain'],
      ['key,username,option:password', 'option:password'],
      ['key,username,option:stun', 'option:stun'],
      ['key,username,username', 'username'],
    ] as const) {
      const parse = parseZprovCsv(`${header}\nk1,u1,x\n`, 'a.csv');
      expect(parse.accounts).toEqual([]);
      expect(errors(parse)).toEqual([expect.objectContaining({ at: { file: 'a.csv', line: 1, field } })]);
    }
    const noKey = parseZprovCsv('user,username\nu,1\n', 'a.csv');
    expect(noKey.accounts).toEqual([]);
    expect(errors(noKey)).toEqual([expect.objectContaining({ at: { file: 'a.csv', line: 1 } })]);
  });

  it('suggests the option meant by a misspelt column', () => {
    const parse = parseZprovCsv('key,username,option:stun/use_stunn\nk1,u1,x\n', 'a.csv');
    expect(parse.problems[0]?.message).toContain("did you mean 'use_stun'");
  });

  it('warns once about a column zprov does not know and keeps it for grouping', () => {
    const parse = parseZprovCsv('key,username,department\nk1,u1,sales\nk2,u2,ops\n', 'a.csv');
    expect(parse.problems).toEqual([
      expect.objectContaining({ severity: 'warning', at: { file: 'a.csv', line: 1, field: 'department' } }),
    ]);
    expect(parse.accounts.map((a) => a.columns['department'])).toEqual(['sales', 'ops']);
  });

  it('keeps the password out of the columns', () => {
    const { accounts } = parseZprovCsv('key,username,password\nk1,u1,pw\n', 'a.csv');
    expect(accounts[0]?.password).toBe('pw');
    expect(accounts[0]?.columns).not.toHaveProperty('password');
  });

  it('refuses text that is not CSV, naming the line', () => {
    const parse = parseZprovCsv('key,username\nk1,u1\nk2,"u2\n', 'a.csv');
    expect(parse.accounts).toEqual([]);
    expect(parse.problems).toEqual([
      expect.objectContaining({ severity: 'error', at: { file: 'a.csv', line: 3 } }),
    ]);
  });
});

describe('formula injection', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x", "''+x"])(
    'neutralises %j on export and restores it on import',
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
      expect(restoreCell(neutraliseCell(value))).toBe(value);
    },
  );

  it.each(['plain', "'quoted'", "'", "'1", '1=2', ''])('leaves %j alone both ways', (value) => {
    expect(neutraliseCell(value)).toBe(value);
    expect(restoreCell(value)).toBe(value);
  });

  it('prefixes dangerous cells of an export with a quote', () => {
    const text = formatZprovCsv(
      [
        row({
          displayName: '=HYPERLINK("http://evil","x")',
          password: '-pw',
          options: [['voicemail_check_extension', '@1']],
        }),
      ],
      { includeSecrets: true },
    );
    const line = text.split('\n')[1] ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(line).toContain(",'-pw,");
    expect(line.endsWith(",'@1")).toBe(true);
    expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('strips a hand-written protective quote only before a formula character', () => {
    const { accounts } = parseZprovCsv("key,username,display_name,name\nk1,u1,'=Alice,'Bob'\n", 'a.csv');
    expect(accounts[0]?.displayName).toBe('=Alice');
    expect(accounts[0]?.options).toEqual([['name', "'Bob'"]]);
  });

  it('does not touch JSON values', () => {
    const { accounts } = parseZprovJson('[{"key":"k","username":"u","display_name":"\'=x"}]', 'a.json');
    expect(accounts[0]?.displayName).toBe("'=x");
  });
});

describe('parseZprovJson', () => {
  it("reads an array of objects, or an object with an accounts member, with each object's line", () => {
    const members = '"key": "k1", "username": "1001", "enabled": false, "codecs": ["opus", "pcmu"]';
    const asArray = parseZprovJson(
      `[\n  { ${members} },\n  {\n    "key": "k2", "username": "1002" }\n]`,
      'a.json',
    );
    expect(asArray.problems).toEqual([]);
    expect(asArray.accounts.map((a) => [a.key, a.at.line, a.enabled, a.options])).toEqual([
      ['k1', 2, false, [['codecs', 'opus,pcmu']]],
      ['k2', 3, true, []],
    ]);
    const asObject = parseZprovJson(`{ "accounts": [ { ${members} } ] }`, 'a.json');
    expect(asObject.accounts.map((a) => a.key)).toEqual(['k1']);
  });

  it('takes numbers and booleans as text, null as not set', () => {
    const { accounts, problems } = parseZprovJson(
      '[{"key":"k","username":1001,"option:stun/stun_port":3478,"option:register_on_startup":true,"name":null}]',
      'a.json',
    );
    expect(problems).toEqual([]);
    expect(accounts[0]?.username).toBe('1001');
    expect(accounts[0]?.options).toEqual([
      ['stun/stun_port', '3478'],
      ['register_on_startup', 'true'],
    ]);
  });

  it('reports bad members on their own line', () => {
    const text =
      '[\n{\n"key": "k1",\n"username": "u1",\n"enabled": "perhaps"\n},\n{\n"key": "k2",\n"username": {"a": 1}\n},\n42\n]';
    const parse = parseZprovJson(text, 'a.json');
    expect(parse.accounts).toEqual([]);
    expect(parse.problems.map((p) => [p.at.line, p.at.field])).toEqual([
      [5, 'enabled'],
      [9, 'username'],
      [11, undefined],
    ]);
  });

  it('reports a member given twice, and a duplicate key', () => {
    const parse = parseZprovJson(
      '[{"key":"k1","username":"a"},\n{"key":"k1","username":"b"},\n{"key":"k3","username":"c","username":"d"}]',
      'a.json',
    );
    expect(parse.accounts.map((a) => a.username)).toEqual(['a']);
    expect(parse.problems.map((p) => [p.at.line, p.at.field])).toEqual([
      [2, 'key'],
      [3, 'username'],
    ]);
  });

  it('reports syntax errors with line and column', () => {
    const parse = parseZprovJson(
      '[\n  {"key": "k1", "username": "u1"},\n  {"key": "k2" "username": "u2"}\n]',
      'a.json',
    );
    expect(parse.accounts).toEqual([]);
    expect(parse.problems[0]).toEqual(
      expect.objectContaining({
        severity: 'error',
        at: { file: 'a.json', line: 3 },
        message: expect.stringContaining('column 16'),
      }),
    );
    expect(parseZprovJson('', 'a.json').problems).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(parseZprovJson('[] // note', 'a.json').problems).toEqual([
      expect.objectContaining({ severity: 'error' }),
    ]);
  });

  it('refuses JSON of another shape', () => {
    expect(parseZprovJson('{"users": []}', 'a.json').problems).toEqual([
      expect.objectContaining({ severity: 'error', at: { file: 'a.json', line: 1 } }),
    ]);
  });
});

describe('export', () => {
  it('writes the CSV header in column order, option columns sorted, and no password without includeSecrets', () => {
    const rows = [row(), row({ key: 'k2', options: [['register_on_startup', 'false']] })];
    const withSecrets = formatZprovCsv(rows, { includeSecrets: true });
    expect(withSecrets.split('\n')[0]).toBe(
      'key,user,display_name,group,protocol,username,password,domain,name,codecs,transport,enabled,option:register_on_startup,option:stun/use_stun',
    );
    const without = formatZprovCsv(rows, { includeSecrets: false });
    expect(without.split('\n')[0]).not.toContain('password');
    expect(without).not.toContain('secret-1');
    expect(formatZprovJson(rows, { includeSecrets: false })).not.toContain('secret-1');
    expect(parseZprovCsv(without, 'a.csv').accounts.map((a) => a.password)).toEqual([undefined, undefined]);
  });

  it('writes JSON with enabled as a boolean and empty members left out', () => {
    const json = JSON.parse(
      formatZprovJson([row({ displayName: undefined, group: undefined, enabled: false })], {
        includeSecrets: true,
      }),
    ) as { accounts: Record<string, unknown>[] };
    expect(json.accounts[0]).toEqual({
      key: 'k1',
      user: 'alice',
      protocol: 'sip',
      username: '1001',
      password: 'secret-1',
      domain: 'pbx.example.com',
      name: 'Office',
      codecs: 'opus,pcmu',
      transport: 'tls',
      enabled: false,
      'option:stun/use_stun': 'disabled',
    });
  });

  it('refuses an export row whose options hold what a column sets', () => {
    expect(() =>
      formatZprovCsv([row({ options: [['SIP_domain', 'x']] })], { includeSecrets: false }),
    ).toThrow(/domain column/);
  });
});

// --- The round trip: export, then import, gives the same records -----------------------------------

/** A value a spreadsheet might take for a formula now and then. */
const risky = (body: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', '', '', '=', '+', '-', '@', "'", "'="), body).map(([a, b]) => a + b);

const identifier = risky(fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9 ._,"'@=+-]{0,10}[A-Za-z0-9])?$/));

/** Text for names: no control characters, no surrounding spaces, not empty. */
const label = risky(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    // eslint-disable-next-line no-control-regex
    .filter((s) => s === s.trim() && s !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(s)),
);

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const SIP_OPTIONS: readonly fc.Arbitrary<readonly [string, string]>[] = [
  fc.constantFrom('disabled', 'default', 'custom').map((v) => ['stun/use_stun', v] as const),
  fc.integer({ min: 1, max: 65535 }).map((v) => ['stun/stun_port', String(v)] as const),
  fc.boolean().map((v) => ['register_on_startup', String(v)] as const),
  risky(fc.stringMatching(/^[0-9*#]{1,6}$/)).map((v) => ['voicemail_check_extension', v] as const),
  fc.boolean().map((v) => ['SIP_use_rport', String(v)] as const),
];
const IAX2_OPTIONS: readonly fc.Arbitrary<readonly [string, string]>[] = [
  fc.boolean().map((v) => ['register_on_startup', String(v)] as const),
  label.map((v) => ['IAX2_context', v] as const),
];

function optionsFor(protocol: 'sip' | 'iax2'): fc.Arbitrary<readonly (readonly [string, string])[]> {
  const pool = protocol === 'sip' ? SIP_OPTIONS : IAX2_OPTIONS;
  return fc
    .subarray([...pool])
    .chain((picked): fc.Arbitrary<readonly (readonly [string, string])[]> =>
      picked.length === 0 ? fc.constant([]) : fc.tuple(...picked),
    );
}

const exportRow: fc.Arbitrary<ExportRow> = fc
  .constantFrom('sip' as const, 'iax2' as const)
  .chain((protocol) =>
    fc.record({
      key: identifier,
      user: identifier,
      displayName: optional(label),
      group: optional(label),
      protocol: fc.constant(protocol),
      username: identifier,
      // Passwords are anything at all: quotes, commas, line breaks, formula characters.
      password: optional(fc.string({ unit: 'binary', minLength: 1, maxLength: 16 })),
      domain: optional(fc.domain()),
      name: optional(label),
      codecs: optional(
        fc.subarray(['opus', 'pcmu', 'pcma', 'g722', 'gsm'], { minLength: 1 }).map((c) => c.join(',')),
      ),
      transport: protocol === 'sip' ? optional(fc.constantFrom('udp', 'tcp', 'tls')) : fc.constant(undefined),
      enabled: fc.boolean(),
      options: optionsFor(protocol),
    }),
  );

const uniqueRows = fc.uniqueArray(exportRow, { selector: (r) => r.key, maxLength: 6 });

/** What an import gives back for a row: without the password unless it was exported. */
const expected = (r: ExportRow, includeSecrets: boolean): ExportRow => ({
  ...r,
  password: includeSecrets ? r.password : undefined,
  options: [...r.options].sort(([a], [b]) => a.localeCompare(b)),
});
const imported = (parse: ImportParse) =>
  parse.accounts.map((a) => {
    const r = exportRowOf(a);
    return { ...r, options: [...r.options].sort(([x], [y]) => x.localeCompare(y)) };
  });

describe('export → import round trip', () => {
  it('CSV gives back the same records', () => {
    fc.assert(
      fc.property(uniqueRows, fc.boolean(), (rows, includeSecrets) => {
        const parse = parseZprovCsv(formatZprovCsv(rows, { includeSecrets }), 'export.csv');
        expect(errors(parse)).toEqual([]);
        expect(imported(parse)).toEqual(rows.map((r) => expected(r, includeSecrets)));
      }),
      { numRuns: 200 },
    );
  });

  it('JSON gives back the same records', () => {
    fc.assert(
      fc.property(uniqueRows, fc.boolean(), (rows, includeSecrets) => {
        const parse = parseZprovJson(formatZprovJson(rows, { includeSecrets }), 'export.json');
        expect(errors(parse)).toEqual([]);
        expect(imported(parse)).toEqual(rows.map((r) => expected(r, includeSecrets)));
      }),
      { numRuns: 200 },
    );
  });

  it('each record comes back on the line its row starts on', () => {
    fc.assert(
      fc.property(uniqueRows, (rows) => {
        const text = formatZprovCsv(rows, { includeSecrets: true });
        const { accounts } = parseZprovCsv(text, 'export.csv');
        const lines = text.split(/\r\n|\r|\n/);
        for (const account of accounts) {
          const keyCell = stringifyCsv([[neutraliseCell(account.key)]]).replace(/\n$/, '');
          expect(lines[account.at.line - 1]?.startsWith(`${keyCell},`)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
