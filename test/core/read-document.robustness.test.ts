import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readZoiperDocument, serializeConfig, type Diagnostic } from '../../src/core/index.js';
import { arbConfigDocument } from '../support/config-arbitrary.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8');

const PROVISION = `<?xml version="1.0" encoding="UTF-8"?>
<provision>
  <base_urls>
    <base_url>https://prov.example.com/z?u=[user]&amp;p=[pass]</base_url>
  </base_urls>
  <options>
    <use_authentication>true</use_authentication>
    <authentication_type>url</authentication_type>
  </options>
</provision>
`;
const ERROR = '<?xml version="1.0"?>\n<error code="1">Unknown user &amp; wrong password</error>\n';

/** Reading never throws; a failure to read is reported as at least one error with a real position. */
function expectDiagnosticsOnly(text: string): void {
  let result: ReturnType<typeof readZoiperDocument> | undefined;
  expect(
    () => {
      result = readZoiperDocument(text);
    },
    JSON.stringify(text.slice(-40)),
  ).not.toThrow();
  if (result === undefined) return;
  for (const d of result.diagnostics) expectWellFormed(d);
  if (result.document === undefined)
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
}

function expectWellFormed(d: Diagnostic): void {
  expect(d.line).toBeGreaterThanOrEqual(0);
  expect(d.column).toBeGreaterThanOrEqual(0);
  expect(typeof d.message).toBe('string');
  expect(d.message.length).toBeGreaterThan(0);
}

describe('reading damaged or hostile input', () => {
  it.each([
    ['a file from a newer Zoiper', fixture('newer-zoiper.xml')],
    ['a provision.xml', PROVISION],
    ['an error reply', ERROR],
  ])('never throws on any truncation of %s', (_, text) => {
    for (let end = 0; end <= text.length; end++) expectDiagnosticsOnly(text.slice(0, end));
  });

  it('never throws on truncations of the full Desktop fixture (every 11th cut, all of the last 300)', () => {
    const text = fixture('desktop-full.xml');
    const cuts = [...Array(text.length + 1).keys()].filter(
      (end) => end % 11 === 0 || end > text.length - 300,
    );
    for (const end of cuts) {
      const result = readZoiperDocument(text.slice(0, end));
      // Everything short of the closing tag is malformed; only the whole file reads.
      if (end < text.trimEnd().length) expect(result.document, `cut at ${end}`).toBeUndefined();
    }
    expect(readZoiperDocument(text).diagnostics).toEqual([]);
  });

  it('never throws on random text or random markup', () => {
    const markup = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '<',
            '>',
            '</',
            '/>',
            '&',
            ';',
            '"',
            '=',
            '<!--',
            '-->',
            '<![CDATA[',
            ']]>',
            '<?',
            '?>',
          ),
          fc.constantFrom(
            'options',
            'accounts',
            'account',
            'ident',
            'provision',
            'error',
            'code',
            'type',
            '#x0',
            '#1',
          ),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), markup), (text) => {
        expectDiagnosticsOnly(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws when a generated valid document is cut, spliced or has a character replaced', () => {
    fc.assert(
      fc.property(
        arbConfigDocument({ maxItems: 2, unknownElements: true }).map(serializeConfig),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 3 }),
        (text, a, b, insert) => {
          const i = a % (text.length + 1);
          const j = b % (text.length + 1);
          expectDiagnosticsOnly(text.slice(0, i));
          expectDiagnosticsOnly(text.slice(0, Math.min(i, j)) + insert + text.slice(Math.max(i, j)));
          expectDiagnosticsOnly(text.slice(0, i) + insert + text.slice(i + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes bytes as UTF-8 or says where they are not, without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoded = decodeUtf8(bytes);
        if ('text' in decoded) expectDiagnosticsOnly(decoded.text);
        else expect(decoded.error).toMatch(/^input is not valid UTF-8/);
      }),
      { numRuns: 500 },
    );
    expect(decodeUtf8(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]))).toEqual({
      error: 'input is not valid UTF-8 (near character 3)',
    });
  });

  it('refuses entity tricks: an undeclared entity, an external DTD, a DOCTYPE inside the root', () => {
    const codes = (text: string) => readZoiperDocument(text).diagnostics.map((d) => d.code);
    expect(codes('<options><general><account>&xxe;</account></general></options>')).toEqual([
      'xml.malformed',
    ]);
    expect(codes('<!DOCTYPE options SYSTEM "http://127.0.0.1:9/evil.dtd"><options/>')).toEqual([
      'xml.doctype',
    ]);
    expect(codes('<options><!DOCTYPE x></options>')).toEqual(['xml.malformed']);
  });
});
