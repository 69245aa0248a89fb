import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overlay, readConfig, serializeConfig } from '../../src/core/index.js';
import { makeTempDir, runInProcess, runZprov } from './cli-harness.js';
import { HAND_WRITTEN_CONFIG, LOCAL_CONFIG, REMOTE_CONFIG, provisionXml } from './fixtures.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
  tmp.write('local.xml', LOCAL_CONFIG);
  tmp.write('remote.xml', REMOTE_CONFIG);
});
afterEach(() => tmp.cleanup());

const idents = (xml: string): string[] =>
  [...xml.matchAll(/<ident>([^<]*)<\/ident>/g)].map((m) => m[1] as string);
const read = (name: string): string => readFileSync(join(tmp.dir, name), 'utf8');
const leftovers = (dir = tmp.dir): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('zprov merge', () => {
  it('writes the overlay to standard output, replacing the accounts as the vendor default says', () => {
    const run = runZprov(['merge', 'local.xml', 'remote.xml'], tmp.dir);
    expect(run.code).toBe(0);
    expect(idents(run.stdout)).toEqual(['office', 'home']);
    expect(run.stdout).toContain('<record_calls>true</record_calls>');
    expect(run.stdout).toContain('<password>n3w-secret-alice</password>');
    // the merged document reads back clean
    expect(readConfig(run.stdout).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps local accounts when provision.xml says not to delete them beforehand', async () => {
    tmp.write('local.xml', LOCAL_CONFIG.replace(/office/g, 'desk'));
    tmp.write('keep.xml', provisionXml(false));
    tmp.write('drop.xml', provisionXml(true));
    const kept = await runInProcess(['merge', 'local.xml', 'remote.xml', '--provision', 'keep.xml'], tmp.dir);
    expect(kept.code).toBe(0);
    expect(idents(kept.stdout)).toEqual(['desk', 'office', 'home']);
    const dropped = await runInProcess(
      ['merge', 'local.xml', 'remote.xml', '--provision', 'drop.xml'],
      tmp.dir,
    );
    expect(dropped.code).toBe(0);
    expect(idents(dropped.stdout)).toEqual(['office', 'home']);
    // general/account still names the local account that is gone: a warning about the result
    expect(dropped.stderr).toMatch(
      /^\(merged result\): warning: general\/account names 'desk'.*\[reference\.unknown-account\]$/m,
    );
  });

  it('writes -o atomically: same content as standard output, mode kept, no temporary file left', () => {
    const out = tmp.write('merged.xml', 'old content');
    chmodSync(out, 0o640);
    const toStdout = runZprov(['merge', 'local.xml', 'remote.xml'], tmp.dir);
    const run = runZprov(['merge', 'local.xml', 'remote.xml', '-o', 'merged.xml'], tmp.dir);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(read('merged.xml')).toBe(toStdout.stdout);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(leftovers()).toEqual([]);
  });

  it('replaces the file a symbolic link points to, keeping the link', () => {
    mkdirSync(join(tmp.dir, 'real'));
    tmp.write('real/Config.xml', 'old');
    symlinkSync(join(tmp.dir, 'real', 'Config.xml'), join(tmp.dir, 'link.xml'));
    expect(runZprov(['merge', 'local.xml', 'remote.xml', '-o', 'link.xml'], tmp.dir).code).toBe(0);
    expect(idents(read('real/Config.xml'))).toEqual(['office', 'home']);
    expect(read('link.xml')).toBe(read('real/Config.xml'));
  });

  it('merges in place over the local file', () => {
    expect(runZprov(['merge', 'local.xml', 'remote.xml', '-o', 'local.xml'], tmp.dir).code).toBe(0);
    expect(idents(read('local.xml'))).toEqual(['office', 'home']);
    expect(leftovers()).toEqual([]);
  });

  it('refuses with exit 1 and the diagnostics when an input has errors, leaving the output untouched', () => {
    tmp.write('bad.xml', HAND_WRITTEN_CONFIG);
    tmp.write('merged.xml', 'precious');
    const run = runZprov(['merge', 'local.xml', 'bad.xml', '-o', 'merged.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bad\.xml:\d+:\d+: error: record_calls: expected true or false/m);
    expect(run.stderr).toContain('merge refused');
    expect(read('merged.xml')).toBe('precious');
    expect(leftovers()).toEqual([]);
  });

  it('refuses a provision.xml in place of a configuration, and a configuration in place of provision.xml', async () => {
    tmp.write('provision.xml', provisionXml(true));
    const swapped = await runInProcess(['merge', 'local.xml', 'provision.xml'], tmp.dir);
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toMatch(
      /^provision\.xml: error: this is a Provision\.xml .*expected a Config\.xml.*\[document\.kind\]$/m,
    );
    const wrongFlag = await runInProcess(
      ['merge', 'local.xml', 'remote.xml', '--provision', 'remote.xml'],
      tmp.dir,
    );
    expect(wrongFlag.code).toBe(1);
    expect(wrongFlag.stderr).toContain('expected a Provision.xml');
  });

  it('refuses a result with errors even when both inputs are valid', async () => {
    // contact services are matched by ident by default, so two Windows address books end up side by side
    const windowsContacts = (ident: string): string =>
      `<options>\n  <contact_services>\n    <contact_service>\n      <ident>${ident}</ident>\n      <type>windows</type>\n    </contact_service>\n  </contact_services>\n</options>\n`;
    tmp.write('local.xml', windowsContacts('windows-a'));
    tmp.write('remote.xml', windowsContacts('windows-b'));
    expect((await runInProcess(['validate', 'local.xml', 'remote.xml'], tmp.dir)).code).toBe(0);
    const run = await runInProcess(['merge', 'local.xml', 'remote.xml', '-o', 'merged.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^merged\.xml: error: only one windows contact_service is allowed.*\[list\.single-instance\]$/m,
    );
    expect(run.stderr).toContain('the merged configuration has errors; nothing was written');
    expect(readdirSync(tmp.dir)).not.toContain('merged.xml');
  });

  it('exits 2 when an input cannot be read, and when the output cannot be written, leaving nothing behind', () => {
    const missing = runZprov(['merge', 'local.xml', 'absent.xml'], tmp.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read absent.xml: no such file or directory');
    mkdirSync(join(tmp.dir, 'taken', 'inner'), { recursive: true });
    const ontoDirectory = runZprov(['merge', 'local.xml', 'remote.xml', '-o', 'taken'], tmp.dir);
    expect(ontoDirectory.code).toBe(2);
    expect(ontoDirectory.stderr).toContain('cannot write taken');
    expect(readdirSync(join(tmp.dir, 'taken'))).toEqual(['inner']);
    expect(leftovers()).toEqual([]);
    const noDirectory = runZprov(['merge', 'local.xml', 'remote.xml', '-o', 'nowhere/out.xml'], tmp.dir);
    expect(noDirectory.code).toBe(2);
  });

  it('produces what the core overlay and serializer produce', async () => {
    const run = await runInProcess(['merge', 'local.xml', 'remote.xml'], tmp.dir);
    const local = readConfig(LOCAL_CONFIG).document;
    const remote = readConfig(REMOTE_CONFIG).document;
    expect(run.stdout).toBe(serializeConfig(overlay(local!, remote!)));
  });
});
