// Reads the query string of a provisioning request the way the phone sends it. Zoiper substitutes
// [user]/[pass] into the URL without saying whether it percent-encodes them, so a password may arrive
// raw. The rules below keep as much of such a password as can be kept:
//
// - `&` (or `&amp;`, copied from an XML sample) separates parameters only when a parameter name and
//   `=` follow it; any other `&` belongs to the value (`pass=Tom&Jerry` gives `Tom&Jerry`).
// - `%XX` is decoded when the escapes form UTF-8; a `%` that starts no valid escape stays as it is.
// - `+` stays a plus sign: phones do not form-encode, and a plus in a password is more likely than a
//   space written as plus.
// - `#` never arrives: the phone's HTTP client cuts the URL there.
// See README "Passwords in the URL".

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parameter name → value; the first occurrence of a name wins. Null prototype: names are data. */
export type QueryParams = Readonly<Record<string, string>>;

export function parseQueryParams(query: string): QueryParams {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  let start = 0;
  // Runs on every request: a scan for separators rather than a regular-expression split.
  for (let amp = query.indexOf('&'); amp !== -1; amp = query.indexOf('&', amp + 1)) {
    const next = separatorEnd(query, amp);
    if (next === -1) continue;
    addParam(params, query, start, amp);
    start = next;
    amp = next - 1;
  }
  addParam(params, query, start, query.length);
  return params;
}

/**
 * Where the next parameter starts when the `&` at `amp` separates parameters (followed by a name and
 * `=`, or by the end of the query), else -1. `&amp;` counts as a separator like `&`.
 */
function separatorEnd(query: string, amp: number): number {
  let i = amp + 1;
  if (query.startsWith('amp;', i)) i += 4;
  if (i >= query.length) return query.length;
  if (!isNameStart(query.charCodeAt(i))) return -1;
  for (let j = i + 1; j < query.length; j++) {
    const c = query.charCodeAt(j);
    if (c === 0x3d) return i; // '='
    if (!isNameChar(c)) return -1;
  }
  return -1;
}

function addParam(params: Record<string, string>, query: string, from: number, to: number): void {
  if (from >= to) return;
  const eq = query.indexOf('=', from);
  const hasValue = eq !== -1 && eq < to;
  const name = decodeComponent(query.slice(from, hasValue ? eq : to));
  if (name in params) return;
  params[name] = hasValue ? decodeComponent(query.slice(eq + 1, to)) : '';
}

/** Letters and underscore. */
const isNameStart = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
/** Letters, digits, _ . - [ ] */
const isNameChar = (c: number): boolean =>
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5b || c === 0x5d;

/** Percent-decodes text whose escapes form UTF-8; anything else is returned unchanged. */
export function decodeComponent(text: string): string {
  if (text.indexOf('%') === -1 || !PERCENT_ESCAPE.test(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      // Only reachable when the caller hands in already-decoded text: keep it as UTF-8.
      const codePoint = text.codePointAt(i) as number;
      for (const b of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(b);
      if (codePoint > 0xffff) i++;
    }
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return text;
  }
}

const isHex = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
