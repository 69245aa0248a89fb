// `zprov import` end to end: Asterisk files (with #include) read from disk, a dry run that writes
// nothing, a real run with its credentials file and provision.xml files, a re-import after edits that
// keeps idents, and what the phone is then served over HTTP.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionIn, readConfig, readProvision } from '../../src/core/index.js';
import { provisionFileName } from '../../src/cli/commands/import.js';
import { postgresDatabase, postgresReachable, type TestDatabase } from '../support/test-databases.js';
import { makeTempDir, runInProcess, type CliRun } from './cli-harness.js';

// A pjsip.conf written for this test: a transport, templates, three phones (one in an included
// file), an md5_cred endpoint that cannot be imported.
const PJSIP = `[transport-tls]
type=transport
protocol=tls

[phone](!)
type=endpoint
transport=transport-tls
disallow=all
allow=opus,ulaw
media_encryption=sdes

[auth](!)
type=auth
auth_type=userpass

[1001](phone)
auth=1001-auth
aors=1001
callerid="Ann Example" <1001>
[1001-auth](auth)
username=1001
password=ann\\;secret

[1002](phone)
auth=1002-auth
[1002-auth](auth)
username=1002
password=bob-secret

[1009](phone)
auth=1009-auth
[1009-auth](auth)
auth_type=md5
md5_cred=0123456789abcdef0123456789abcdef

#include more-phones.conf
`;

const MORE = `[1003](phone)
auth=1003-auth
[1003-auth](auth)
username=1003
password=cat-secret
`;

describe('zprov import', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let data: string;
  const zprov = (...args: string[]): Promise<CliRun> => runInProcess([...args, '--data-dir', data], tmp.dir);
  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await zprov(...args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };
  const identsOf = async (user: string) =>
    (
      JSON.parse((await ok('account', 'list', user, '--tenant', 'acme', '--json')).stdout) as {
        ident: string;
      }[]
    ).map((a) => a.ident);

  beforeEach(async () => {
    tmp = makeTempDir();
    data = join(tmp.dir, 'data');
    tmp.write('pjsip.conf', PJSIP);
    tmp.write('more-phones.conf', MORE);
    await ok('tenant', 'add', 'acme', '--name', 'Acme');
  });
  afterEach(() => tmp.cleanup());

  const importArgs = ['import', 'pjsip', 'pjsip.conf', '--tenant', 'acme', '--domain', 'pbx.acme.example'];

  it('prints the plan of a dry run with secrets masked and writes nothing', async () => {
    const run = await ok(...importArgs, '--dry-run');
    expect(run.stdout).toMatch(/^add {5}pjsip:1001 {2}user 1001 .*SIP_transport_type=tls/m);
    expect(run.stdout).toContain('password=********');
    expect(run.stdout).not.toContain('ann;secret');
    expect(run.stdout).toMatch(/dry run, nothing written: pjsip into tenant acme: accounts 3 added/);
    expect(run.stderr).toMatch(/^pjsip\.conf:\d+: warning: auth_type: .*md5_cred.*skipped$/m);
    expect((await ok('user', 'list', '--tenant', 'acme')).stdout).not.toContain('1001');
  });

  it('imports, keeps the passwords in a 0600 file, writes provision.xml files, and serves the accounts', async () => {
    const run = await ok(
      ...importArgs,
      '--credentials-out',
      'creds.csv',
      '--provision-files',
      'prov',
      '--url',
      'https://prov.acme.example',
    );
    expect(run.stdout).toMatch(/imported pjsip into tenant acme: accounts 3 added, 0 updated, 0 unchanged/);
    const creds = join(tmp.dir, 'creds.csv');
    expect(statSync(creds).mode & 0o777).toBe(0o600);
    const lines = readFileSync(creds, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('user,password');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['1001', '1002', '1003']);
    expect(readdirSync(join(tmp.dir, 'prov')).sort()).toEqual(
      ['1001', '1002', '1003'].map(provisionFileName),
    );
    const provision = readProvision(readFileSync(join(tmp.dir, 'prov', provisionFileName('1001')), 'utf8'));
    expect(provision.document?.options.user).toBe('1001');

    const rendered = readConfig((await ok('render', '1001', '--tenant', 'acme')).stdout).document!;
    const [ident] = await identsOf('1001');
    const at = (path: string) => optionIn(rendered.root, `accounts/account[ident=${ident}]/${path}`);
    expect(at('password')).toBe('ann;secret');
    expect(at('SIP_transport_type')).toBe('tls');
    expect(at('SIP_srtp_mode')).toBe('sdes');
    expect(at('SIP_domain')).toBe('pbx.acme.example');
    expect(at('SIP_callerId')).toBe('Ann Example');
    expect(at('codecs/codec[codec_id=37]/priority')).toBe(0);
  });

  it('updates in place after the source changes, keeping idents, and disables what went away', async () => {
    await ok(...importArgs, '--credentials-out', 'creds.csv');
    const before = { ann: await identsOf('1001'), bob: await identsOf('1002') };
    tmp.write(
      'pjsip.conf',
      PJSIP.replace('password=bob-secret', 'password=bob-rotated').replace('#include more-phones.conf', ''),
    );
    const dry = await ok(...importArgs, '--missing', 'disable', '--dry-run');
    expect(dry.stdout).toMatch(
      /^update +pjsip:1002 +user 1002 ident [0-9a-f]{16} +password: \*{8} -> \*{8}$/m,
    );
    expect(dry.stdout).toMatch(/^disable +pjsip:1003/m);
    const run = await ok(...importArgs, '--missing', 'disable');
    expect(run.stdout).toMatch(
      /accounts 0 added, 1 updated, 1 unchanged, 1 missing \(disabled\); users 0 added, 1 disabled/,
    );
    expect({ ann: await identsOf('1001'), bob: await identsOf('1002') }).toEqual(before);
    const bob = readConfig((await ok('render', '1002', '--tenant', 'acme')).stdout).document!;
    expect(optionIn(bob.root, `accounts/account[ident=${before.bob[0]}]/password`)).toBe('bob-rotated');
  });

  it('refuses a source with a bad line, naming file and line, and writes nothing', async () => {
    tmp.write('more-phones.conf', `${MORE}this is not a setting\n`);
    const run = await zprov(...importArgs, '--credentials-out', 'creds.csv');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^more-phones\.conf:6: error: /m);
    expect(run.stderr).toMatch(/1 error in the source; nothing was written/);
    expect((await ok('user', 'list', '--tenant', 'acme')).stdout).not.toContain('1001');
  });

  it('asks for a credentials file before adding users', async () => {
    const run = await zprov(...importArgs);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/generated passwords must be kept: give a credentials file/);
  });

  it('exports the accounts and imports the export back onto the same accounts', async () => {
    await ok(...importArgs, '--credentials-out', 'creds.csv');
    const before = await identsOf('1001');
    const exported = await ok('export', '--tenant', 'acme', '--include-secrets', '-o', 'accounts.csv');
    expect(exported.stderr).toMatch(/keep it safe/);
    const csv = readFileSync(join(tmp.dir, 'accounts.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^key,user,display_name,group,protocol,username,password,/);
    expect(csv).toContain('pjsip:1001,1001,');
    const noSecrets = (await ok('export', '--tenant', 'acme')).stdout;
    expect(noSecrets).not.toContain('ann;secret');
    const back = await ok('import', 'csv', 'accounts.csv', '--tenant', 'acme');
    expect(back.stdout).toMatch(/accounts 0 added, 0 updated, 3 unchanged/);
    expect(await identsOf('1001')).toEqual(before);
  });
});

const pgUp = await postgresReachable();

describe.skipIf(!pgUp)('zprov import fusionpbx', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let database: TestDatabase;

  beforeEach(async () => {
    tmp = makeTempDir();
    database = await postgresDatabase();
    const url = (database.config as { url: string }).url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'create table v_domains (domain_uuid uuid primary key, domain_name text, domain_enabled text)',
    );
    await client.query(`create table v_extensions (extension_uuid uuid primary key, domain_uuid uuid,
      extension text, password text, enabled text, effective_caller_id_name text)`);
    await client.query(
      `insert into v_domains values ('11111111-1111-4111-8111-111111111111', 'a.example.com', 'true')`,
    );
    await client.query(`insert into v_extensions values
      ('aaaaaaaa-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '1001', 'pw-1001', 'true', 'Alice')`);
    await client.end();
  });
  afterEach(async () => {
    tmp.cleanup();
    await database.cleanup();
  });

  it('reads the extensions over PostgreSQL and serves them at the FusionPBX domain', async () => {
    const url = (database.config as { url: string }).url;
    const data = join(tmp.dir, 'data');
    const run = await runInProcess(
      ['import', 'fusionpbx', url, '--credentials-out', 'c.csv', '--data-dir', data],
      tmp.dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported fusionpbx into tenant default: accounts 1 added/);
    const rendered = await runInProcess(['render', '1001@a.example.com', '--data-dir', data], tmp.dir);
    expect(rendered.stdout).toContain('<SIP_domain>a.example.com</SIP_domain>');
    expect(rendered.stdout).toContain('<password>pw-1001</password>');
  });
});
