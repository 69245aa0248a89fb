import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH, makeTempDir, runInProcess, runZprov } from './cli-harness.js';
import { LOCAL_CONFIG, REMOTE_CONFIG, provisionXml } from './fixtures.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
  tmp.write('a.xml', LOCAL_CONFIG);
  tmp.write('b.xml', REMOTE_CONFIG);
});
afterEach(() => tmp.cleanup());

describe('zprov diff', () => {
  it('lists option-level changes with secrets masked, and exits 1', () => {
    const run = runZprov(['diff', 'a.xml', 'b.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '+ accounts/account[ident=home]/SIP_domain = sip.example.org',
        '+ accounts/account[ident=home]/ident = home',
        '+ accounts/account[ident=home]/name = Home',
        '+ accounts/account[ident=home]/password = ********',
        '+ accounts/account[ident=home]/protocol = sip',
        '+ accounts/account[ident=home]/username = alice-home',
        '~ accounts/account[ident=office]/password: ******** -> ********',
        '- general/account = office',
        '~ general/record_calls: false -> true',
        '',
      ].join('\n'),
    );
    for (const secret of ['s3cret-alice', 'n3w-secret-alice', 'h0me-secret'])
      expect(run.stdout).not.toContain(secret);
    expect(run.stderr).toBe('');
  });

  it('exits 0 and prints nothing for the same configuration written differently', () => {
    tmp.write(
      'c.xml',
      LOCAL_CONFIG.replace(/\n\s*/g, '').replace('<?xml version="1.0" encoding="UTF-8"?>', ''),
    );
    expect(runZprov(['diff', 'a.xml', 'c.xml'], tmp.dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints --json entries for machines, secrets masked too', async () => {
    const run = await runInProcess(['diff', '--json', 'a.xml', 'b.xml'], tmp.dir);
    expect(run.code).toBe(1);
    const entries = JSON.parse(run.stdout) as {
      path: string;
      change: string;
      from?: string;
      to?: string;
      secret: boolean;
    }[];
    expect(entries).toContainEqual({
      path: 'general/record_calls',
      change: 'changed',
      from: 'false',
      to: 'true',
      secret: false,
    });
    expect(entries).toContainEqual({
      path: 'accounts/account[ident=office]/password',
      change: 'changed',
      from: '********',
      to: '********',
      secret: true,
    });
    expect(run.stdout).not.toMatch(/s3cret|n3w-secret|h0me-secret/);
    const same = await runInProcess(['diff', '--json', 'a.xml', 'a.xml'], tmp.dir);
    expect(same).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('exits 2 for a missing file, a malformed one and one that is not a configuration', async () => {
    const missing = runZprov(['diff', 'a.xml', 'absent.xml'], tmp.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read absent.xml');
    tmp.write('broken.xml', '<options><general></options>');
    const broken = await runInProcess(['diff', 'broken.xml', 'a.xml'], tmp.dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.xml:1:\d+: error: .*\[xml\.malformed\]$/m);
    tmp.write('provision.xml', provisionXml(true));
    const notConfig = await runInProcess(['diff', 'a.xml', 'provision.xml'], tmp.dir);
    expect(notConfig.code).toBe(2);
    expect(notConfig.stderr).toContain('provision.xml: error: this is not a Config.xml');
    for (const run of [missing, broken, notConfig]) expect(run.stderr).not.toMatch(CRASH);
  });
});
