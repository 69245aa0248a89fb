// The fast path of readXml: a scanner for the plain XML that Zoiper documents are made of (ASCII
// element names, simple attributes, text with the predefined entities and character references,
// comments, CDATA, a UTF-8 declaration). It accepts a document only when it is certain saxes would
// accept it and build the same tree with the same positions; anything else, every error included,
// returns undefined and the document goes through saxes, which produces the diagnostics.
// Why: saxes reads one code point at a time, and reading a large provisioning reply was mostly
// saxes and garbage collection. This scanner jumps between '<' with indexOf, and shares what
// repeats (element names, blank runs between elements, short values, empty attribute and child
// lists) so a large tree leaves little for the collector to copy.
import { MAX_ELEMENT_DEPTH, type XmlElement } from './xml-element.js';
import { LineCounter } from './line-counter.js';
import { XML_INVALID_CHARS } from './xml-writer.js';

interface OpenElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  text: string;
  pos: { line: number; column: number };
}

const S = '[ \\t\\n]';
const NAME_SOURCE = '[A-Za-z_:][A-Za-z0-9._:-]*';
/** The declaration saxes accepts without a finding from readXml: version 1.0, UTF-8 if named. */
const XML_DECL = new RegExp(
  `<\\?xml${S}+version${S}*=${S}*(?:"1\\.0"|'1\\.0')` +
    `(?:${S}+encoding${S}*=${S}*(?:"[Uu][Tt][Ff]-?8"|'[Uu][Tt][Ff]-?8'))?` +
    `(?:${S}+standalone${S}*=${S}*(?:"(?:yes|no)"|'(?:yes|no)'))?${S}*\\?>`,
  'y',
);
/** One attribute with a value free of references and of characters saxes would normalise. */
const ATTRIBUTE = new RegExp(`${S}+(${NAME_SOURCE})${S}*=${S}*(?:"([^"<&\\t\\n]*)"|'([^'<&\\t\\n]*)')`, 'y');
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const EMPTY_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];
/** Names and values up to this length are shared between elements (true, 5060, udp, ...). */
const SHARED_TEXT_MAX = 24;

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const AMP = 0x26;
const BRACKET = 0x5d;

/** ASCII name characters: 1 may start a name, 2 may only continue one. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CHAR[c] = 1;
  else if (/[0-9.-]/.test(ch)) NAME_CHAR[c] = 2;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09;

/** The document's root element, or undefined when saxes must read this text. */
export function scanXml(source: string): XmlElement | undefined {
  if (XML_INVALID_CHARS.test(source)) return undefined;
  // XML reads \r\n and a lone \r as \n; saxes counts each as one line break, so positions hold.
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const n = text.length;
  let i = 0;
  if (text.startsWith('<?xml')) {
    XML_DECL.lastIndex = 0;
    if (!XML_DECL.test(text)) return undefined;
    i = XML_DECL.lastIndex;
  }
  const lines = new LineCounter(text);
  const spans = new SpanInterner(text);
  const texts = new TextFrames(text, spans);
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;

  while (i < n) {
    const lt = text.indexOf('<', i);
    const runEnd = lt < 0 ? n : lt;
    if (runEnd > i) {
      const depth = stack.length - 1;
      const top = stack[depth];
      const isBlank = blankRange(text, i, runEnd);
      if (top === undefined) {
        if (!isBlank) return undefined; // text outside the root element
      } else if (isBlank) {
        texts.blankRun(depth, i, runEnd);
      } else {
        const decoded = decodeText(text, i, runEnd, texts.isEmpty(depth) ? spans : undefined);
        if (decoded === undefined) return undefined;
        texts.append(depth, decoded);
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === SLASH) {
      const open = stack.pop();
      if (open === undefined || !matchesAt(text, open.name, lt + 2)) return undefined;
      open.text = texts.close(stack.length);
      let k = lt + 2 + open.name.length;
      let c = text.charCodeAt(k);
      if (c >= 128 || NAME_CHAR[c] !== 0) return undefined; // a longer name
      while (isSpace(c)) c = text.charCodeAt(++k);
      if (c !== GT) return undefined;
      i = k + 1;
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = open;
      else if (parent.children === NO_CHILDREN) parent.children = [open];
      else parent.children.push(open);
    } else if (next === BANG) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) return undefined;
        const dash = text.indexOf('--', lt + 4);
        if (dash < close || (close > lt + 4 && text.charCodeAt(close - 1) === 0x2d)) return undefined; // '--' inside, or '--->'
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const depth = stack.length - 1;
        const top = stack[depth];
        const close = text.indexOf(']]>', lt + 9);
        if (top === undefined || close < 0) return undefined;
        if (close > lt + 9) texts.append(depth, text.slice(lt + 9, close));
        i = close + 3;
      } else return undefined; // DOCTYPE and anything else saxes must judge
    } else {
      if (root !== undefined) return undefined; // a second root element
      if (stack.length >= MAX_ELEMENT_DEPTH) return undefined; // saxes reports it
      // the name: ASCII only (anything else is left to saxes)
      let k = lt + 1;
      let c = text.charCodeAt(k);
      if (c >= 128 || NAME_CHAR[c] !== 1) return undefined; // also processing instructions
      do c = text.charCodeAt(++k);
      while (c < 128 && NAME_CHAR[c] !== 0);
      if (c !== GT && c !== SLASH && !isSpace(c)) return undefined;
      const name = spans.get(lt + 1, k);
      let attributes = EMPTY_ATTRIBUTES;
      if (isSpace(c)) {
        let j = k;
        while (isSpace(c)) c = text.charCodeAt(++j);
        if (c !== GT && c !== SLASH) {
          const read = readAttributes(text, k);
          if (read === undefined) return undefined;
          attributes = read.attributes;
          j = read.end;
          c = text.charCodeAt(j);
          while (isSpace(c)) c = text.charCodeAt(++j);
        }
        k = j;
      }
      const selfClosing = c === SLASH;
      if (selfClosing) c = text.charCodeAt(++k);
      if (c !== GT) return undefined;
      i = k + 1;
      const element: OpenElement = { name, attributes, children: NO_CHILDREN, text: '', pos: lines.at(lt) };
      if (selfClosing) {
        const parent = stack[stack.length - 1];
        if (parent === undefined) root = element;
        else if (parent.children === NO_CHILDREN) parent.children = [element];
        else parent.children.push(element);
      } else {
        texts.open(stack.length);
        stack.push(element);
      }
    }
  }
  return stack.length === 0 ? root : undefined;
}

/** text.startsWith(s, at), written out: faster for the short names and values compared here. */
function matchesAt(text: string, s: string, at: number): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

function blankRange(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

/** Attributes from `at` (just after the element name); undefined when saxes must judge them. */
function readAttributes(
  text: string,
  at: number,
): { attributes: Record<string, string>; end: number } | undefined {
  const attributes: Record<string, string> = {};
  let end = at;
  for (;;) {
    ATTRIBUTE.lastIndex = end;
    const a = ATTRIBUTE.exec(text);
    if (a === null) break;
    const key = a[1] as string;
    if (key === '__proto__' || Object.prototype.hasOwnProperty.call(attributes, key)) return undefined;
    attributes[key] = a[2] ?? a[3] ?? '';
    end = ATTRIBUTE.lastIndex;
  }
  return end === at ? undefined : { attributes, end };
}

/**
 * The text of each open element, kept so that the usual case costs no allocation per run: the blank
 * runs between child elements, all alike except perhaps the last (the closing tag's indentation).
 * Those are counted, and the finished text is shared by every element whose runs were the same.
 */
class TextFrames {
  private readonly frames: TextFrame[] = [];
  private readonly finished = new Map<string, Map<string, Map<number, string>>>();
  private readonly blankTexts = new Map<string, string>();

  constructor(
    private readonly text: string,
    private readonly spans: SpanInterner,
  ) {}

  open(depth: number): void {
    let frame = this.frames[depth];
    if (frame === undefined) this.frames[depth] = frame = new TextFrame();
    frame.state = EMPTY;
    frame.text = '';
    frame.tailStart = -1;
    frame.blank = true;
  }

  isEmpty(depth: number): boolean {
    return (this.frames[depth] as TextFrame).state === EMPTY;
  }

  blankRun(depth: number, start: number, end: number): void {
    const f = this.frames[depth] as TextFrame;
    if (f.state === EMPTY) {
      f.state = RUNS;
      f.firstStart = start;
      f.firstEnd = end;
      f.count = 1;
    } else if (f.state === RUNS && f.tailStart < 0 && this.sameRun(f.firstStart, f.firstEnd, start, end)) {
      f.count++;
    } else if (f.state === RUNS && f.tailStart < 0) {
      f.tailStart = start;
      f.tailEnd = end;
    } else {
      this.spell(f);
      f.text += this.spans.get(start, end);
    }
  }

  append(depth: number, s: string): void {
    const f = this.frames[depth] as TextFrame;
    this.spell(f);
    f.text += s;
    f.blank = false;
  }

  /** The element's whole text. */
  close(depth: number): string {
    const f = this.frames[depth] as TextFrame;
    if (f.state === EMPTY) return '';
    if (f.state === SPELLED) return f.blank ? this.shareBlank(f.text) : f.text;
    const first = this.spans.get(f.firstStart, f.firstEnd);
    const tail = f.tailStart < 0 ? '' : this.spans.get(f.tailStart, f.tailEnd);
    let byTail = this.finished.get(first);
    if (byTail === undefined) this.finished.set(first, (byTail = new Map<string, Map<number, string>>()));
    let byCount = byTail.get(tail);
    if (byCount === undefined) byTail.set(tail, (byCount = new Map<number, string>()));
    let whole = byCount.get(f.count);
    if (whole === undefined) byCount.set(f.count, (whole = first.repeat(f.count) + tail));
    return whole;
  }

  /** From counted runs to the text itself, for text that does not follow the usual pattern. */
  private spell(f: TextFrame): void {
    if (f.state === RUNS) {
      f.text = this.spans.get(f.firstStart, f.firstEnd).repeat(f.count);
      if (f.tailStart >= 0) f.text += this.spans.get(f.tailStart, f.tailEnd);
    }
    f.state = SPELLED;
  }

  private sameRun(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    if (aEnd - aStart !== bEnd - bStart) return false;
    for (let k = 0; k < aEnd - aStart; k++) {
      if (this.text.charCodeAt(aStart + k) !== this.text.charCodeAt(bStart + k)) return false;
    }
    return true;
  }

  private shareBlank(s: string): string {
    const hit = this.blankTexts.get(s);
    if (hit !== undefined) return hit;
    this.blankTexts.set(s, s);
    return s;
  }
}

const EMPTY = 0;
/** `count` copies of the run firstStart..firstEnd, then the run tailStart..tailEnd if tailStart >= 0. */
const RUNS = 1;
const SPELLED = 2;

class TextFrame {
  state = EMPTY;
  firstStart = 0;
  firstEnd = 0;
  count = 0;
  tailStart = -1;
  tailEnd = -1;
  /** The text so far, once SPELLED. */
  text = '';
  /** Only whitespace so far. */
  blank = true;
}

/**
 * Strings that recur in a document (element names, short values), shared rather than sliced again:
 * found by length and first character, and compared in place.
 */
class SpanInterner {
  private readonly buckets = new Map<number, string[]>();
  constructor(private readonly text: string) {}

  get(from: number, to: number): string {
    if (to - from > SHARED_TEXT_MAX) return this.text.slice(from, to);
    const key = (to - from) * 0x10000 + this.text.charCodeAt(from);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(key, bucket);
    }
    for (const s of bucket) if (matchesAt(this.text, s, from)) return s;
    const s = this.text.slice(from, to);
    if (bucket.length < 8) bucket.push(s);
    return s;
  }
}

/**
 * Text with its references resolved; undefined when saxes would refuse it or resolve it
 * differently. Text without references comes from `spans` when given.
 */
function decodeText(text: string, from: number, to: number, spans?: SpanInterner): string | undefined {
  let amp = -1;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === AMP) {
      if (amp < 0) amp = k;
    } else if (
      c === GT &&
      text.charCodeAt(k - 1) === BRACKET &&
      text.charCodeAt(k - 2) === BRACKET &&
      k - 2 >= from
    ) {
      return undefined; // ']]>' is not allowed in text
    }
  }
  if (amp < 0) return spans !== undefined ? spans.get(from, to) : text.slice(from, to);
  let out = '';
  let last = from;
  while (amp !== -1 && amp < to) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(text);
    if (m === null || REFERENCE.lastIndex > to) return undefined; // unknown entity or malformed
    let decoded: string;
    if (m[1] !== undefined) decoded = PREDEFINED[m[1]] as string;
    else {
      const code = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3] as string, 16);
      if (!isXmlChar(code)) return undefined;
      decoded = String.fromCodePoint(code);
    }
    out += text.slice(last, amp) + decoded;
    last = REFERENCE.lastIndex;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last, to);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
