// The fast scanner must never disagree with saxes: whatever it accepts, saxes accepts too, with the
// same tree and the same positions. Everything else falls through to saxes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXml, readXmlWithSaxes } from '../../../src/core/xml/xml-reader.js';
import { scanXml } from '../../../src/core/xml/xml-scan.js';
import { MAX_ELEMENT_DEPTH } from '../../../src/core/xml/xml-element.js';

interface Node {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly content: readonly (Node | string)[];
}

// prettier-ignore
const PLAIN_NAMES = ['options', 'account', 'SIP_domain', 'codec_id', 'a', '_x', 'ns:el', 'b-1.c'];
// prettier-ignore
const ODD_NAMES = ['é', 'naïve', '中', 'x\u00b7y', '1bad', '-bad', 'xml', 'a:', '__proto__'];
// prettier-ignore
const CLEAN_TEXT = ['true', '5060', ' ', '\n  ', '\r\n  ', '\r', '\t', 'é', '😀', 'a😀b', '&amp;', '&lt;', '&gt;',
  '&quot;', '&apos;', '&#10;', '&#13;', '&#x1F600;', '>', '<![CDATA[ <raw> & ]]>', '<![CDATA[]]>', '<!-- note -->',
  '<!---->', '<!-- a-b -->', '\u0085', '\u2028', 'x]>'];
// prettier-ignore
const ODD_TEXT = [']]', '&#0;', '&#xD800;', '&#65535;', '&#99999999999;', '&nbsp;', '&', '& ', '&#;', '&#x;', ']]>',
  '<!-- a--b -->', '<!--- x -->', '<?pi data?>', '\u0001', '\uFFFE', '\uD800', '\uDC00x', '<', '</>'];
// prettier-ignore
const CLEAN_VALUES = ['subtree', 'string', '1', '', 'a b', "it's", 'say "hi"', '>', 'é😀'];
// prettier-ignore
const ODD_VALUES = ['&amp;', '&lt;', 'a\tb', 'a\nb', 'a\r\nb', '&#10;', '&bogus;', '<'];

const plainName = fc.constantFrom(...PLAIN_NAMES);
const anyName = fc.oneof(
  { weight: 4, arbitrary: plainName },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) },
);
const cleanText = fc.constantFrom(...CLEAN_TEXT);
const anyText = fc.oneof(
  { weight: 5, arbitrary: cleanText },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_TEXT) },
);
const cleanValue = fc.constantFrom(...CLEAN_VALUES);
const anyValue = fc.oneof(
  { weight: 4, arbitrary: cleanValue },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_VALUES) },
);

function nodeArb(
  name: fc.Arbitrary<string>,
  text: fc.Arbitrary<string>,
  value: fc.Arbitrary<string>,
): fc.Arbitrary<Node> {
  const tie = fc.letrec((tie) => ({
    node: fc.record({
      name,
      attributes: fc.uniqueArray(fc.tuple(name, value), { maxLength: 2, selector: ([n]) => n }),
      content: fc.array(fc.oneof({ depthSize: 'small' }, text, text, tie('node')), { maxLength: 4 }),
    }),
  }));
  return tie.node as fc.Arbitrary<Node>;
}

const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  \n  ', '\r');

function write(node: Node, ws: readonly string[]): string {
  let k = 0;
  const w = (): string => ws[k++ % ws.length] ?? '';
  const attrs = node.attributes.map(
    ([n, v]) => `${w() || ' '}${n}${w()}=${w()}${v.includes('"') ? `'${v}'` : `"${v}"`}`,
  );
  if (node.content.length === 0) return `<${node.name}${attrs.join('')}${w()}/>`;
  const inner = node.content.map((c) => (typeof c === 'string' ? c : write(c, ws))).join('');
  return `<${node.name}${attrs.join('')}${w()}>${inner}</${node.name}${w()}>`;
}

// prettier-ignore
const CLEAN_PROLOGS = ['', '<?xml version="1.0" encoding="UTF-8"?>\n', "<?xml version='1.0'?>\r\n",
  '<?xml version="1.0" encoding="utf8" standalone="yes"?>', '<!-- head -->\n', '  \n', '\uFEFF'];
// prettier-ignore
const ODD_PROLOGS = ['<?xml version="1.0" encoding="ISO-8859-1"?>\n', '<?xml version="1.1"?>\n', '<!DOCTYPE options>\n',
  'junk', ' <?xml version="1.0"?>', '<?xml version="1.0" ?><?xml version="1.0"?>', '<?xml version="1.0"encoding="UTF-8"?>'];
// prettier-ignore
const EPILOGS = ['', '\n', '<!-- tail -->\n', '<extra/>', 'text', '<?pi?>', '<![CDATA[x]]>'];

const cleanDocument = fc
  .tuple(
    fc.constantFrom(...CLEAN_PROLOGS),
    nodeArb(plainName, cleanText, cleanValue),
    fc.constantFrom('', '\n', '<!-- t -->'),
  )
  .chain(([head, root, tail]) =>
    fc.array(space, { minLength: 1, maxLength: 6 }).map((ws) => head + write(root, ws) + tail),
  );

const anyDocument = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...CLEAN_PROLOGS) },
      { weight: 1, arbitrary: fc.constantFrom(...ODD_PROLOGS) },
    ),
    nodeArb(anyName, anyText, anyValue),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('', '\n') },
      { weight: 1, arbitrary: fc.constantFrom(...EPILOGS) },
    ),
    fc.array(space, { minLength: 1, maxLength: 6 }),
  )
  .map(([head, root, tail, ws]) => head + write(root, ws) + tail);

/** Cuts, insertions and replacements that turn a clean document into one saxes may well refuse. */
const mutatedDocument = fc
  .tuple(
    cleanDocument,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom(
          '<',
          '>',
          '&',
          '/',
          '"',
          "'",
          '=',
          ' ',
          '\n',
          ']]>',
          '--',
          '-',
          '\r',
          '',
          '<a>',
          '</a>',
          '<!DOCTYPE x>',
          'é',
          '\u0000',
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, cut, insert] of edits) {
      const p = at % (out.length + 1);
      out = out.slice(0, p) + insert + out.slice(p + cut);
    }
    return out;
  });

/** Compares with saxes when the scanner accepts; returns whether it did. */
function agreesWithSaxes(text: string): boolean {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = scanXml(source);
  if (fast === undefined) return false;
  const reference = readXmlWithSaxes(source);
  expect(reference.diagnostics).toEqual([]);
  expect(fast).toEqual(reference.root);
  return true;
}

/** Runs the comparison and checks it was not vacuous: enough cases went through the scanner. */
function compareOn(documents: fc.Arbitrary<string>, numRuns: number, minAccepted: number): void {
  let accepted = 0;
  fc.assert(
    fc.property(documents, (text) => {
      if (agreesWithSaxes(text)) accepted++;
    }),
    { numRuns },
  );
  expect(accepted).toBeGreaterThanOrEqual(minAccepted);
}

describe('fast XML scanner', () => {
  it('accepts every plain document and reads it exactly as saxes does, positions included', () => {
    fc.assert(
      fc.property(cleanDocument, (text) => {
        expect(agreesWithSaxes(text)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('never accepts what saxes refuses or reads differently: odd names, references, characters', () => {
    compareOn(anyDocument, 3000, 200);
  });

  it('never accepts a mangled document that saxes refuses', () => {
    compareOn(mutatedDocument, 3000, 100);
  });

  it('leaves DOCTYPE, processing instructions, references in attributes and foreign encodings to saxes', () => {
    for (const text of [
      '<!DOCTYPE options [<!ENTITY x "y">]><options>&x;</options>',
      '<?xml version="1.0" encoding="ISO-8859-1"?><options/>',
      '<options><?pi x?></options>',
      '<options a="&amp;"/>',
    ]) {
      expect(scanXml(text)).toBeUndefined();
    }
    expect(readXml('<!DOCTYPE options [<!ENTITY x "y">]><options>&x;</options>').diagnostics[0]?.code).toBe(
      'xml.doctype',
    );
  });

  it('counts columns in code points and lines at \\r\\n, as saxes does', () => {
    const text =
      '<?xml version="1.0"?>\r\n<options>\r\n  <gui><language>😀é</language>  <x a="1" b=\'2\'/></gui>\r\n</options>\r\n';
    const root = scanXml(text);
    expect(root).toEqual(readXmlWithSaxes(text).root);
    expect(root?.children[0]?.children[1]).toMatchObject({
      name: 'x',
      attributes: { a: '1', b: '2' },
      pos: { line: 3, column: 33 },
    });
  });

  it('places a start tag whose name is followed by a line break on the line of its <', () => {
    const text = '<options>\n  <general\n  >\n    <account\r\n/>\n  </general>\n</options>';
    for (const read of [readXml, (t: string) => readXmlWithSaxes(t)]) {
      const general = read(text).root?.children[0];
      expect(general?.pos).toEqual({ line: 2, column: 3 });
      expect(general?.children[0]?.pos).toEqual({ line: 4, column: 5 });
    }
  });
});

describe('text between child elements', () => {
  it('keeps every pattern of blank runs exactly as saxes does', () => {
    const texts = [
      '<a>\n  <b/>\n  <c/>\n</a>',
      '<a>\n  <b/>\n  <c/>\n\t<d/>\n  <e/>\n</a>',
      '<a> <b/> <!-- c --> <d/><![CDATA[ ]]> <e/>x</a>',
      '<a>  </a>',
      '<a>\n  <b> </b>\n  <b>  </b>\n  <b> </b>\n</a>',
      '<a><b/>\n<b/>\n<b/></a>',
      `<a>${'\n    '.repeat(40)}<b/></a>`,
      `<a>${'\n'.padEnd(60, ' ')}<b/>${'\n'.padEnd(60, ' ')}<b/>\n</a>`,
    ];
    for (const text of texts) {
      const fast = scanXml(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(readXmlWithSaxes(text).root);
    }
  });
});

describe('nesting limit', () => {
  const nested = (depth: number, name = 'x'): string =>
    `<options>${`<${name}>`.repeat(depth - 1)}${`</${name}>`.repeat(depth - 1)}</options>`;

  it('reads elements nested exactly as deep as the limit, through either reader', () => {
    const text = nested(MAX_ELEMENT_DEPTH);
    expect(scanXml(text)).toBeDefined();
    expect(readXmlWithSaxes(text).diagnostics).toEqual([]);
  });

  it('refuses one level more with a diagnostic at the offending tag, not a stack overflow later', () => {
    for (const name of ['x', 'é']) {
      const text = nested(MAX_ELEMENT_DEPTH + 1, name);
      const { root, diagnostics } = readXml(text);
      expect(root).toBeUndefined();
      expect(diagnostics).toEqual([
        expect.objectContaining({
          code: 'input.too-deep',
          severity: 'error',
          line: 1,
          column: 9 + 3 * (MAX_ELEMENT_DEPTH - 1) + 1,
        }),
      ]);
    }
  });
});
