import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, readXml } from '../../../src/core/index.js';

describe('XML escaping', () => {
  it('escapes the markup characters of text and keeps everything else', () => {
    expect(escapeText(`a & b < c > d "e" 'f' é 😀`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f' é 😀`);
    expect(escapeText('&amp;')).toBe('&amp;amp;');
  });

  it('escapes quotes and whitespace in attributes so a parser gives them back unchanged', () => {
    expect(escapeAttribute(`x"y'z\n\t\r<&>`)).toBe('x&quot;y&apos;z&#10;&#9;&#13;&lt;&amp;&gt;');
  });

  it('round-trips any string through text and attribute positions', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const root = readXml(`<r a="${escapeAttribute(value)}">${escapeText(value)}</r>`).root;
        const expected = value.replace(
          // eslint-disable-next-line no-control-regex -- the characters XML cannot carry
          /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          '\uFFFD',
        );
        expect(root?.attributes['a']).toBe(expected);
        expect(root?.text).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
