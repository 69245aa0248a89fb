// Writes XML text: deterministic layout (two-space indentation, one element per line) and every
// value escaped. Carriage returns and tabs are written as character references so they survive a
// parser's line-ending normalisation.

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\t': '&#9;',
};

export function escapeText(value: string): string {
  const clean = xmlSafe(value);
  return /[&<>\r]/.test(clean) ? clean.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] as string) : clean;
}

export function escapeAttribute(value: string): string {
  return xmlSafe(value).replace(/[&<>"'\r\n\t]/g, (c) => ATTR_ESCAPES[c] as string);
}

/**
 * Characters XML cannot carry at all become U+FFFD, so whatever is written stays well-formed. The
 * validator reports such values (value.characters) before anything is served; this is the last guard,
 * for text that never passes it (an error message quoting a user name, say).
 */
function xmlSafe(value: string): string {
  return XML_INVALID_CHARS.test(value) ? value.replace(XML_INVALID_CHARS_GLOBAL, '\uFFFD') : value;
}

/** Characters XML 1.0 cannot carry at all, even as references. */
export const XML_INVALID_CHARS =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters being detected
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const XML_INVALID_CHARS_GLOBAL = new RegExp(XML_INVALID_CHARS.source, 'g');

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function startTag(name: string, attributes?: Readonly<Record<string, string>>): string {
  let out = '<' + name;
  if (attributes !== undefined) {
    for (const key of Object.keys(attributes).sort())
      out += ` ${key}="${escapeAttribute(attributes[key] as string)}"`;
  }
  return out + '>';
}

export function valueElement(
  name: string,
  value: string,
  attributes?: Readonly<Record<string, string>>,
): string {
  return `${startTag(name, attributes)}${escapeText(value)}</${name}>`;
}
