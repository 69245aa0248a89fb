// Reads UTF-8 XML text into an XmlElement tree with the position of every start tag. Built on saxes,
// a strict XML 1.0 parser: DTDs are refused outright (so no external entities and no entity
// expansion), and only the five predefined entities and character references are understood.
// Plain documents take a faster scanner (xml-scan.ts) that accepts only what saxes would read the
// same way; everything else, and every problem report, comes from saxes.
import { SaxesParser } from 'saxes';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { MAX_ELEMENT_DEPTH, type XmlElement } from './xml-element.js';
import { LineCounter } from './line-counter.js';
import { scanXml } from './xml-scan.js';

/** Documents larger than this are refused before parsing (a 1,000-account Config.xml is ~2 MB). */
export const DEFAULT_MAX_INPUT_CHARS = 16 * 1024 * 1024;

export interface XmlReadOptions {
  readonly maxChars?: number;
}

export interface XmlReadResult {
  readonly root: XmlElement | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

interface OpenElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  pos: { line: number; column: number };
}

class StopParsing extends Error {}

export function readXml(text: string, options: XmlReadOptions = {}): XmlReadResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_INPUT_CHARS;
  if (text.length > maxChars) {
    return fail('input.too-large', 1, 1, `input is ${text.length} characters; the limit is ${maxChars}`);
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scanned = scanXml(source);
  return scanned !== undefined ? { root: scanned, diagnostics: [] } : readXmlWithSaxes(source);
}

/**
 * The reference reader, and the only one that reports problems: every document the fast scanner
 * (xml-scan.ts) does not accept comes here. Exported so tests can hold the two readers side by side.
 */
export function readXmlWithSaxes(source: string): XmlReadResult {
  const parser = new SaxesParser({ position: true });
  const stack: OpenElement[] = [];
  const diagnostics: Diagnostic[] = [];
  let root: XmlElement | undefined;
  const lines = new LineCounter(source);
  let tagPos: Position = { line: 1, column: 1 };

  parser.on('opentagstart', () => {
    // saxes is past the name and the character after it (which may be a line break), so its own
    // line and column are not the tag's; the '<' is the last one before where saxes stands.
    tagPos = lines.at(source.lastIndexOf('<', parser.position - 1));
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_ELEMENT_DEPTH) {
      diagnostics.push(
        diagnostic(
          'error',
          'input.too-deep',
          '',
          tagPos,
          `elements are nested more than ${MAX_ELEMENT_DEPTH} levels deep here; Zoiper documents never are`,
        ),
      );
      throw new StopParsing();
    }
    const attributes: Record<string, string> = {};
    for (const key of Object.keys(tag.attributes)) {
      attributes[key] = tag.attributes[key] as string;
    }
    stack.push({
      name: tag.name,
      attributes,
      children: [],
      text: '',
      pos: tagPos,
    });
  });
  const addText = (chunk: string): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const open = stack.pop() as OpenElement;
    const element: XmlElement = open;
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
  });
  parser.on('doctype', () => {
    // saxes reports the end of the declaration, which for an internal subset (the XXE and
    // billion-laughs shapes) is lines below where it starts; point at the '<!DOCTYPE' instead.
    const start = source.lastIndexOf('<!DOCTYPE', parser.position);
    diagnostics.push(
      diagnostic(
        'error',
        'xml.doctype',
        '',
        start >= 0 ? lines.at(start) : { line: parser.line, column: 1 },
        'DOCTYPE declarations are not allowed (no DTDs or entities in Zoiper documents)',
      ),
    );
    throw new StopParsing();
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      diagnostics.push(
        diagnostic(
          'error',
          'xml.encoding',
          '',
          { line: 1, column: 1 },
          `declared encoding ${decl.encoding}; Zoiper documents are UTF-8`,
        ),
      );
    }
  });
  parser.on('error', (err) => {
    diagnostics.push(
      diagnostic(
        'error',
        'xml.malformed',
        '',
        { line: parser.line, column: Math.max(1, parser.column) },
        cleanMessage(err.message),
      ),
    );
    throw new StopParsing();
  });

  try {
    parser.write(source).close();
  } catch (err) {
    if (!(err instanceof StopParsing)) {
      diagnostics.push(
        diagnostic(
          'error',
          'xml.malformed',
          '',
          { line: parser.line, column: Math.max(1, parser.column) },
          cleanMessage(String((err as Error).message ?? err)),
        ),
      );
    }
    return { root: undefined, diagnostics };
  }
  if (root === undefined) {
    return fail('xml.malformed', 1, 1, 'document has no root element');
  }
  return { root, diagnostics };
}

function fail(
  code: 'input.too-large' | 'xml.malformed',
  line: number,
  column: number,
  message: string,
): XmlReadResult {
  return { root: undefined, diagnostics: [diagnostic('error', code, '', { line, column }, message)] };
}

/** saxes prefixes its messages with "line:column: "; the diagnostic carries the position already. */
function cleanMessage(message: string): string {
  return message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
}

/** Decodes bytes as UTF-8, reporting the byte offset of the first invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const prefix = new TextDecoder('utf-8').decode(bytes);
    const offset = prefix.indexOf('\uFFFD');
    return { error: `input is not valid UTF-8${offset >= 0 ? ` (near character ${offset + 1})` : ''}` };
  }
}
