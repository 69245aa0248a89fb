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

/** A `&` or `&amp;` followed by what looks like the next parameter's name and `=`. */
const SEPARATOR = /&(?:amp;)?(?=[A-Za-z_][A-Za-z0-9_.\-[\]]*=)|&(?:amp;)?$/g;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parameter name → value; the first occurrence of a name wins. Null prototype: names are data. */
export type QueryParams = Readonly<Record<string, string>>;

export function parseQueryParams(query: string): QueryParams {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  if (query === '') return params;
  for (const part of query.split(SEPARATOR)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    if (name in params) continue;
    params[name] = eq === -1 ? '' : decodeComponent(part.slice(eq + 1));
  }
  return params;
}

/** Percent-decodes text whose escapes form UTF-8; anything else is returned unchanged. */
export function decodeComponent(text: string): string {
  if (!PERCENT_ESCAPE.test(text)) return text;
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
