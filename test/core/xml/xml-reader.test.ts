import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INPUT_CHARS, readConfig, readXml, readZoiperDocument } from '../../../src/core/index.js';

const XXE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!DOCTYPE options [',
  '  <!ENTITY xxe SYSTEM "file:///etc/passwd">',
  ']>',
  '<options><general><account>&xxe;</account></general></options>',
].join('\n');

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  '  <!ENTITY lol "lol">',
  '  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
  '  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
  '  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
  '  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">',
  ']>',
  '<options>&lol9;</options>',
].join('\n');

describe('reading XML', () => {
  it('reports malformed XML with the line and column where reading stopped', () => {
    const text = '<options>\n  <general>\n    <auto_away>180</auto_away>\n  </generl>\n</options>';
    const { root, diagnostics } = readXml(text);
    expect(root).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'xml.malformed', severity: 'error', line: 4 });
    expect(diagnostics[0]?.column).toBeGreaterThanOrEqual(3);
    expect(diagnostics[0]?.column).toBeLessThanOrEqual(12);
  });

  it('reports an unclosed document at its end, and an empty one at 1:1', () => {
    expect(readXml('<options>\n  <general>\n').diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['xml.malformed', 3],
    ]);
    expect(readXml('').diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['xml.malformed', 1, 1]]);
  });

  it('refuses a DOCTYPE carrying an external entity (XXE), pointing at the declaration', () => {
    const result = readZoiperDocument(XXE);
    expect(result.document).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        path: '',
        line: 2,
        column: 1,
        code: 'xml.doctype',
        severity: 'error',
        message: 'DOCTYPE declarations are not allowed (no DTDs or entities in Zoiper documents)',
      },
    ]);
  });

  it('refuses a billion-laughs DOCTYPE without expanding anything', () => {
    const result = readConfig(BILLION_LAUGHS);
    expect(result.document).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['xml.doctype', 2, 1]]);
  });

  it('points at a DOCTYPE that follows other lines, at its own column', () => {
    const text =
      '<?xml version="1.0"?>\n<!-- provisioned by hand -->\n  <!DOCTYPE options SYSTEM "x.dtd"><options/>';
    expect(readXml(text).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['xml.doctype', 3, 3]]);
  });

  it('refuses input over the size bound before parsing it', () => {
    const text = `<options><general><custom_browser>${'x'.repeat(200)}</custom_browser></general></options>`;
    const result = readZoiperDocument(text, { maxChars: 100 });
    expect(result.document).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['input.too-large', 1, 1]]);
    expect(result.diagnostics[0]?.message).toBe(`input is ${text.length} characters; the limit is 100`);
    expect(readZoiperDocument(text, { maxChars: text.length }).diagnostics).toEqual([]);
  });

  it('applies a default bound of 16 Mi characters', () => {
    expect(DEFAULT_MAX_INPUT_CHARS).toBe(16 * 1024 * 1024);
    const huge = `<options>${' '.repeat(DEFAULT_MAX_INPUT_CHARS)}</options>`;
    expect(readXml(huge).diagnostics.map((d) => d.code)).toEqual(['input.too-large']);
  });

  it('refuses a declared encoding other than UTF-8', () => {
    const result = readXml('<?xml version="1.0" encoding="ISO-8859-1"?>\n<options/>');
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['xml.encoding', 'error']]);
    expect(readXml('<?xml version="1.0" encoding="utf8"?><options/>').diagnostics).toEqual([]);
  });

  it('skips a byte-order mark, comments and processing instructions, and reads CDATA as text', () => {
    const { root, diagnostics } = readXml(
      '\uFEFF<?xml version="1.0"?><!-- c --><options><a><![CDATA[<b>&]]></a><?pi x?></options>',
    );
    expect(diagnostics).toEqual([]);
    expect(root?.children[0]?.text).toBe('<b>&');
    expect(root?.pos).toEqual({ line: 1, column: 32 });
  });

  it('gives each start tag the position of its "<", counting columns in code points', () => {
    const { root } = readXml('<options>\n  <a>é😀</a><b/>\n\t<c\n    x="1"/></options>');
    expect(root?.children.map((c) => [c.name, c.pos])).toEqual([
      ['a', { line: 2, column: 3 }],
      ['b', { line: 2, column: 12 }],
      ['c', { line: 3, column: 2 }],
    ]);
  });
});
