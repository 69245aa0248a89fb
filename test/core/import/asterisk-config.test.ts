import { describe, expect, it } from 'vitest';
import {
  isTrue,
  lastValue,
  readAsteriskConfig,
  settingsNamed,
  type AsteriskConfig,
  type ConfSection,
} from '../../../src/core/import/asterisk-config.js';
import { fileTree, printed } from './asterisk-support.js';

const read = (text: string, files: Record<string, string> = {}) =>
  readAsteriskConfig({ file: 'test.conf', text }, { readFile: fileTree(files) });

/** Each section as "name: key=value@line …", for compact comparisons. */
const shape = (config: AsteriskConfig) =>
  config.sections.map(
    (s) =>
      `${s.name}${s.template ? '(!)' : ''}: ${s.settings.map((v) => `${v.key}=${v.value}@${v.at.file}:${v.at.line}`).join(' ')}`,
  );

const section = (config: AsteriskConfig, name: string, index = 0): ConfSection => {
  const found = config.sections.filter((s) => s.name === name)[index];
  if (found === undefined) throw new Error(`no section ${name}`);
  return found;
};

describe('reading Asterisk .conf syntax', () => {
  it('reads sections and settings, = and => alike, trimming whitespace around names and values', () => {
    const config = read('[1001]\n  type = endpoint  \nallow=>ulaw\n\tcontext  =>  phones\n');
    expect(config.problems).toEqual([]);
    expect(shape(config)).toEqual([
      '1001: type=endpoint@test.conf:2 allow=ulaw@test.conf:3 context=phones@test.conf:4',
    ]);
    expect(section(config, '1001').at).toEqual({ file: 'test.conf', line: 1 });
  });

  it('keeps a repeated key every time, in order, each with its line and its name as the field', () => {
    const config = read('[a]\nallow=ulaw\ndisallow=all\nallow=g722\n');
    const allows = settingsNamed(section(config, 'a').settings, 'allow');
    expect(allows.map((s) => [s.value, s.at])).toEqual([
      ['ulaw', { file: 'test.conf', line: 2, field: 'allow' }],
      ['g722', { file: 'test.conf', line: 4, field: 'allow' }],
    ]);
  });

  it('reads keys without regard to case, the last of a repeated key winning', () => {
    const config = read('[a]\nType=peer\nTYPE=friend\n');
    expect(lastValue(section(config, 'a').settings, 'type')).toBe('friend');
  });

  it('marks (!) sections as templates and gives a section its templates’ settings in order, then its own', () => {
    const config = read(
      [
        '[base](!)', //         1
        'type=endpoint', //     2
        'allow=ulaw', //        3
        '[hd](!,base)', //      4
        'allow=g722', //        5
        '[office](!)', //       6
        'context=office', //    7
        '[1001](hd,office)', // 8
        'allow=opus', //        9
      ].join('\n'),
    );
    expect(config.problems).toEqual([]);
    expect(shape(config)).toEqual([
      'base(!): type=endpoint@test.conf:2 allow=ulaw@test.conf:3',
      'hd(!): type=endpoint@test.conf:2 allow=ulaw@test.conf:3 allow=g722@test.conf:5',
      'office(!): context=office@test.conf:7',
      '1001: type=endpoint@test.conf:2 allow=ulaw@test.conf:3 allow=g722@test.conf:5 context=office@test.conf:7 allow=opus@test.conf:9',
    ]);
    expect(section(config, '1001').inherits).toEqual(['hd', 'office']);
  });

  it('lets a section inherit from a plain (non-template) section too', () => {
    const config = read('[a]\nx=1\n[b](a)\ny=2\n');
    expect(shape(config)).toEqual(['a: x=1@test.conf:2', 'b: x=1@test.conf:2 y=2@test.conf:4']);
  });

  it('reports a template not defined above as an error at the section’s line, the section incomplete', () => {
    const config = read('[a]\nx=1\n\n[b](a,nowhere)\ny=2\n');
    expect(printed(config)).toEqual([
      "test.conf:4: error: [b] inherits from 'nowhere', which is not defined above",
    ]);
    expect(config.problems[0]?.key).toBe('b');
    expect(section(config, 'b').complete).toBe(false);
    expect(section(config, 'a').complete).toBe(true);
  });

  it('adds (+) settings to the first section of that name, or to the one a (+key=value) filter picks', () => {
    const config = read(
      [
        '[101]', //               1
        'type=endpoint', //       2
        '[101]', //               3
        'type=aor', //            4
        '[101](+)', //            5
        'allow=g722', //          6
        '[101](+type=aor)', //    7
        'max_contacts=2', //      8
      ].join('\n'),
    );
    expect(config.problems).toEqual([]);
    expect(shape(config)).toEqual([
      '101: type=endpoint@test.conf:2 allow=g722@test.conf:6',
      '101: type=aor@test.conf:4 max_contacts=2@test.conf:8',
    ]);
    expect(config.sections.map((s) => s.at.line)).toEqual([1, 3]);
  });

  it('reports (+) to a section not defined above, and drops the settings under it', () => {
    const config = read('[a]\nx=1\n[b](+)\ny=2\n');
    expect(printed(config)).toEqual([
      'test.conf:3: error: [b](+) adds to a section that is not defined above',
    ]);
    expect(shape(config)).toEqual(['a: x=1@test.conf:2']);
  });

  it('drops line comments, keeps an escaped \\; and skips block comments, also across lines', () => {
    const config = read(
      [
        '; a comment line', //                               1
        '[a] ; comment after a header', //                  2
        'secret = pa\\;ss\\;word ; the rest is comment', //  3
        ';-- a block comment', //                           4
        'ignored=yes', //                                   5
        'still a comment --; after=block', //               6
        'x = 1 ;-- inline --; ; trailing', //               7
        ';----------- a ruler is a line comment', //        8
        'y = 2', //                                         9
        'z = ;-- nested ;-- twice --; still --; 3', //      10
      ].join('\n'),
    );
    expect(config.problems).toEqual([]);
    expect(shape(config)).toEqual([
      'a: secret=pa;ss;word@test.conf:3 after=block@test.conf:6 x=1@test.conf:7 y=2@test.conf:9 z=3@test.conf:10',
    ]);
  });

  it('warns about a block comment left open at the end of a file, at the line that opened it', () => {
    const config = read('[a]\nx=1\n;-- open\ny=2\n');
    expect(printed(config)).toEqual([
      'test.conf:3: warning: block comment (;--) never closed (--;); the rest of the file is comment',
    ]);
    expect(shape(config)).toEqual(['a: x=1@test.conf:2']);
  });

  it('reads #include and #tryinclude through the callback, by plain, "quoted" and <bracketed> names', () => {
    const files = {
      'one.conf': '[one]\nx=1\n',
      'two.conf': '\n\ny=2\n[two]\n', // continues the including file's section
      'three.conf': '[three]\n#include nested.conf\n',
      'nested.conf': '\nz=3\n',
    };
    const tree = fileTree(files);
    const config = readAsteriskConfig(
      {
        file: 'main.conf',
        text: '[zero]\n#include "two.conf"\nw=0\n#include one.conf\n#tryinclude <three.conf>\n#tryinclude absent.conf\n',
      },
      { readFile: tree },
    );
    expect(config.problems).toEqual([]);
    expect(shape(config)).toEqual([
      'zero: y=2@two.conf:3',
      'two: w=0@main.conf:3',
      'one: x=1@one.conf:2',
      'three: z=3@nested.conf:2',
    ]);
    expect(tree.asked).toEqual([
      'main.conf → two.conf',
      'main.conf → one.conf',
      'main.conf → three.conf',
      'three.conf → nested.conf',
      'main.conf → absent.conf',
    ]);
  });

  it('reports a missing #include at its line, and says nothing of a missing #tryinclude', () => {
    const config = read('[a]\n#include missing.conf\n#tryinclude also-missing.conf\nx=1\n');
    expect(printed(config)).toEqual(["test.conf:2: error: cannot read included file 'missing.conf'"]);
    expect(shape(config)).toEqual(['a: x=1@test.conf:4']);
  });

  it('reports an #include without a callback as unreadable', () => {
    const config = readAsteriskConfig({ file: 'x.conf', text: '#include y.conf\n' });
    expect(printed(config)).toEqual(["x.conf:1: error: cannot read included file 'y.conf'"]);
  });

  it('reports an include cycle at the #include that closes it, and never loops', () => {
    const files = { 'a.conf': '[a]\n#include b.conf\n', 'b.conf': '\nx=1\n#include a.conf\n' };
    const config = readAsteriskConfig(
      { file: 'a.conf', text: files['a.conf'] },
      { readFile: fileTree(files) },
    );
    expect(printed(config)).toEqual([
      "b.conf:3: error: include cycle: 'a.conf' → 'b.conf' → 'a.conf'; not read again",
    ]);
    expect(shape(config)).toEqual(['a: x=1@b.conf:2']);
  });

  it('refuses includes nested more than 10 deep', () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 12; i++) files[`f${i}.conf`] = `n${i}=${i}\n#include f${i + 1}.conf\n`;
    const config = read('[deep]\n#include f1.conf\n', files);
    expect(printed(config)).toEqual(["f10.conf:2: error: includes nest deeper than 10; 'f11.conf' not read"]);
    expect(section(config, 'deep').settings.map((s) => s.key)).toEqual([
      'n1',
      'n2',
      'n3',
      'n4',
      'n5',
      'n6',
      'n7',
      'n8',
      'n9',
      'n10',
    ]);
  });

  it('warns that #exec is not run', () => {
    const config = read('[a]\n#exec make-peers.sh\nx=1\n');
    expect(printed(config)).toEqual([
      'test.conf:2: warning: #exec is not run here; what it would add is missing',
    ]);
    expect(shape(config)).toEqual(['a: x=1@test.conf:3']);
  });

  it('reports each bad line with its file and line, and goes on reading', () => {
    const files = { 'inc.conf': '[c]\nok=1\nthis line is nonsense\n' };
    const config = read(
      [
        'orphan=1', //              1
        '[a]', //                   2
        'no equals sign here', //   3
        '=value without key', //    4
        '[b', //                    5
        'dropped=1', //             6
        '[]', //                    7
        '[d](!', //                 8
        '#include inc.conf', //     9
        '#define x', //             10
        '[e] (!)', //               11
        'after=1', //               12
      ].join('\n'),
      files,
    );
    expect(printed(config)).toEqual([
      "test.conf:1: error: setting 'orphan' before any [section]",
      "test.conf:3: error: 'no equals sign here' is neither a section, a setting (key = value), a comment nor a directive",
      "test.conf:4: error: '=value without key': a setting without a name",
      'test.conf:5: error: section header without its closing ]',
      'test.conf:7: error: section without a name',
      'test.conf:8: error: section [d]: options without their closing )',
      "inc.conf:3: error: 'this line is nonsense' is neither a section, a setting (key = value), a comment nor a directive",
      "test.conf:10: error: unknown directive '#define'",
      "test.conf:11: warning: section [e]: '(!)' after a space is ignored (no space may come before the options)",
    ]);
    expect(shape(config)).toEqual(['a: ', 'c: ok=1@inc.conf:2', 'e: after=1@test.conf:12']);
  });

  it('reads CRLF and lone CR line ends and a byte order mark', () => {
    const config = read('\uFEFF[a]\r\nx=1\r\ny=2\rz=3');
    expect(shape(config)).toEqual(['a: x=1@test.conf:2 y=2@test.conf:3 z=3@test.conf:4']);
  });

  it('stops at a line longer than the limit, with an error at that line', () => {
    const long = 'x'.repeat(100);
    const config = readAsteriskConfig(
      { file: 'big.conf', text: `[a]\nk=1\nv=${long}\nw=2\n` },
      { limits: { maxLineChars: 64 } },
    );
    expect(printed(config)).toEqual(['big.conf:3: error: line longer than 64 characters; reading stopped']);
    expect(shape(config)).toEqual(['a: k=1@big.conf:2']);
  });

  it('takes a 64 KiB value by default and refuses a longer one', () => {
    const fits = read(`[a]\nv=${'x'.repeat(64 * 1024 - 2)}\n`);
    expect(fits.problems).toEqual([]);
    const over = read(`[a]\nv=${'x'.repeat(64 * 1024)}\n`);
    expect(printed(over)).toEqual(['test.conf:2: error: line longer than 65536 characters; reading stopped']);
  });

  it('stops at one section more than the limit', () => {
    const text = Array.from({ length: 5 }, (_, i) => `[s${i}]\nx=${i}`).join('\n');
    const config = readAsteriskConfig({ file: 'many.conf', text }, { limits: { maxSections: 3 } });
    expect(printed(config)).toEqual(['many.conf:7: error: more than 3 sections; reading stopped']);
    expect(config.sections.map((s) => s.name)).toEqual(['s0', 's1', 's2']);
  });

  it('stops when inherited copies make more settings than the limit', () => {
    const text = '[big](!)\na=1\nb=2\nc=3\n[x](big)\n[y](big)\n[z](big)\n';
    const config = readAsteriskConfig({ file: 't.conf', text }, { limits: { maxSettings: 10 } });
    expect(printed(config)).toEqual([
      't.conf:7: error: more than 10 settings (inherited ones counted); reading stopped',
    ]);
    expect(config.sections.map((s) => s.settings.length)).toEqual([3, 3, 3, 1]);
  });

  it('gives up after too many problems, saying so once', () => {
    const text = '[a]\n' + 'junk\n'.repeat(50);
    const config = readAsteriskConfig({ file: 't.conf', text }, { limits: { maxProblems: 5 } });
    expect(config.problems).toHaveLength(6);
    expect(printed(config).at(-1)).toBe('t.conf:7: error: more than 5 problems; reading stopped');
  });

  it('stops when the files read hold more characters than the limit', () => {
    const files = { 'big.conf': `x=${'y'.repeat(50)}\n` };
    const config = readAsteriskConfig(
      { file: 'main.conf', text: '[a]\n#include big.conf\nz=1\n' },
      { readFile: fileTree(files), limits: { maxTotalChars: 40 } },
    );
    expect(printed(config)).toEqual(['big.conf: error: more than 40 characters in all; reading stopped']);
    expect(shape(config)).toEqual(['a: ']);
  });

  it('reads yes/no the way Asterisk does', () => {
    expect(['yes', 'TRUE', 'y', 't', '1', 'on', ' Yes '].every(isTrue)).toBe(true);
    expect(['no', 'false', '0', 'off', '', 'nope', undefined].some(isTrue)).toBe(false);
  });
});
