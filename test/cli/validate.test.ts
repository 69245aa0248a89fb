import { chmodSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH, lineOf, makeTempDir, runInProcess, runZprov } from './cli-harness.js';
import { ERROR_REPLY, HAND_WRITTEN_CONFIG, LOCAL_CONFIG, provisionXml } from './fixtures.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('zprov validate', () => {
  it('reports each mistake of a hand-written Config.xml on its own line at its position, and exits 1', () => {
    tmp.write('Config.xml', HAND_WRITTEN_CONFIG);
    const run = runZprov(['validate', 'Config.xml'], tmp.dir);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    const at = (needle: string): string => {
      const line = lineOf(HAND_WRITTEN_CONFIG, needle);
      const column = (HAND_WRITTEN_CONFIG.split('\n')[line - 1] ?? '').indexOf('<') + 1;
      return `Config.xml:${line}:${column}:`;
    };
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(new RegExp(`^${at('<minimize_to_tary>')} warning: .*minimize_to_tray`));
    expect(out[1]).toMatch(new RegExp(`^${at('<record_calls>yes')} error: .*'yes'.*\\[value\\.type\\]$`));
    expect(out[2]).toMatch(new RegExp(`^${at('<port>70000')} error: .*70000.*\\[value\\.range\\]$`));
    expect(out[3]).toMatch(new RegExp(`^${at('<codec_id>99')} error: .*99.*\\[value\\.enum\\]$`));
    expect(out[3]).toContain('accounts/account[1]/codecs/codec[1]/codec_id');
    expect(run.stderr).toBe('');
  });

  it('exits 0 and prints nothing for a valid Config.xml, provision.xml and error reply', () => {
    tmp.write('Config.xml', LOCAL_CONFIG);
    tmp.write('provision.xml', provisionXml(true));
    tmp.write('error.xml', ERROR_REPLY);
    const run = runZprov(['validate', 'Config.xml', 'provision.xml', 'error.xml'], tmp.dir);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 when a file has only warnings, and --quiet hides them', async () => {
    tmp.write(
      'Config.xml',
      LOCAL_CONFIG.replace('<record_calls>', '<recrod_calls>true</recrod_calls>\n    <record_calls>'),
    );
    const loud = await runInProcess(['validate', 'Config.xml'], tmp.dir);
    expect(loud.code).toBe(0);
    expect(loud.stdout).toMatch(/^Config\.xml:5:5: warning: unknown option <recrod_calls>/);
    const quiet = await runInProcess(['validate', '--quiet', 'Config.xml'], tmp.dir);
    expect(quiet).toMatchObject({ code: 0, stdout: '' });
  });

  it('refuses a DOCTYPE with a clear message and never expands the entity', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE options [<!ENTITY boom "BOOM">]>\n<options><general><account>&boom;</account></general></options>\n`;
    tmp.write('doctype.xml', text);
    const run = runZprov(['validate', 'doctype.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^doctype\.xml:2:1: error: DOCTYPE declarations are not allowed.*\[xml\.doctype\]\n$/,
    );
    expect(run.stdout).not.toContain('BOOM');
  });

  it('exits 2 for a file that does not exist, and still checks the others', () => {
    tmp.write('Config.xml', HAND_WRITTEN_CONFIG);
    const run = runZprov(['validate', 'missing.xml', 'Config.xml'], tmp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read missing.xml: no such file or directory');
    expect(lines(run.stdout)).toHaveLength(4);
    expect(run.stderr).not.toMatch(CRASH);
  });

  it('exits 2 for a directory and for a file it may not read', () => {
    expect(runZprov(['validate', '.'], tmp.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('directory'),
    });
    const locked = tmp.write('locked.xml', LOCAL_CONFIG);
    chmodSync(locked, 0o000);
    const run = runZprov(['validate', 'locked.xml'], tmp.dir);
    // root reads anything; everyone else gets the permission error
    if (process.getuid?.() === 0) expect(run.code).toBe(0);
    else expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('permission denied') });
  });

  it('exits 2 with usage help when no file is given', () => {
    const run = runZprov(['validate'], tmp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'file'");
  });

  it('reports non-UTF-8 input at the line and column of the first bad byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('<options>\n  <general>\n    <account>caf'),
      Buffer.from([0xe9]),
      Buffer.from('</account></general></options>'),
    ]);
    tmp.write('latin1.xml', bytes);
    const run = runZprov(['validate', 'latin1.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^latin1\.xml:3:17: error: the file is not valid UTF-8: byte 0xe9 .*\[input\.encoding\]\n$/,
    );
  });

  it('names UTF-16 input as such', async () => {
    tmp.write('utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<options/>', 'utf16le')]));
    const run = await runInProcess(['validate', 'utf16.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('UTF-16');
  });

  it('recognises each document by its root and rejects a foreign one', async () => {
    tmp.write('other.xml', '<?xml version="1.0"?>\n<html><body/></html>\n');
    const run = await runInProcess(['validate', '--json', 'other.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ file: 'other.xml', kind: 'unknown', line: 2, column: 1, code: 'root.wrong' }),
    ]);
  });

  it('places whole-document provision findings on the element they are about', async () => {
    tmp.write('provision.xml', '<?xml version="1.0"?>\n<provision>\n  <base_urls/>\n</provision>\n');
    const run = await runInProcess(['validate', 'provision.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^provision\.xml:3:3: error: no <base_url>.*\[provision\.no-base-url\]\n$/);
  });

  it('prints --json as an array of findings with a fixed set of fields, sorted by position', async () => {
    tmp.write('Config.xml', HAND_WRITTEN_CONFIG);
    const run = await runInProcess(['validate', '--json', 'Config.xml', 'nowhere.xml'], tmp.dir);
    expect(run.code).toBe(2);
    const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
    for (const f of findings) {
      expect(Object.keys(f)).toEqual([
        'file',
        'kind',
        'line',
        'column',
        'severity',
        'code',
        'path',
        'message',
      ]);
    }
    expect(findings.map((f) => [f['file'], f['line'], f['code']])).toEqual([
      ['Config.xml', lineOf(HAND_WRITTEN_CONFIG, '<minimize_to_tary>'), 'option.unknown'],
      ['Config.xml', lineOf(HAND_WRITTEN_CONFIG, '<record_calls>'), 'value.type'],
      ['Config.xml', lineOf(HAND_WRITTEN_CONFIG, '<port>'), 'value.range'],
      ['Config.xml', lineOf(HAND_WRITTEN_CONFIG, '<codec_id>'), 'value.enum'],
      ['nowhere.xml', 0, 'file.unreadable'],
    ]);
    expect(findings[3]).toMatchObject({
      kind: 'config',
      severity: 'error',
      path: 'accounts/account[1]/codecs/codec[1]/codec_id',
    });
  });

  it('keeps a report line on one line when the message quotes a value with a line break', async () => {
    tmp.write('Config.xml', '<options><general><record_calls>ye&#10;no</record_calls></general></options>');
    const run = await runInProcess(['validate', 'Config.xml'], tmp.dir);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stdout).toContain("got 'ye\\nno'");
  });
});
