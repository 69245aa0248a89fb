// The provisioning server's failure reply: <error code="1">text the phone shows to the user</error>.
import { diagnostic, wrongRoot, type Diagnostic } from './diagnostics.js';
import type { ParseResult } from './config/parse-config.js';
import type { XmlElement } from './xml/xml-element.js';
import { readXml } from './xml/xml-reader.js';
import { escapeAttribute, escapeText, XML_DECLARATION } from './xml/xml-writer.js';

export const ERROR_ROOT = 'error';
/** The one code the vendor defines: a general error whose text is for the end user. */
export const GENERAL_ERROR = 1;

export interface ErrorDocument {
  readonly kind: 'error';
  readonly code: number;
  readonly message: string;
}

export const errorDocument = (message: string, code = GENERAL_ERROR): ErrorDocument => ({
  kind: 'error',
  code,
  message,
});

export function serializeError(document: ErrorDocument): string {
  return `${XML_DECLARATION}<error code="${escapeAttribute(String(document.code))}">${escapeText(document.message)}</error>\n`;
}

export function parseError(text: string): ParseResult<ErrorDocument> {
  const { root, diagnostics } = readXml(text);
  if (root === undefined) return { document: undefined, diagnostics };
  return bindError(root, diagnostics);
}

export function bindError(
  root: XmlElement,
  readDiagnostics: readonly Diagnostic[] = [],
): ParseResult<ErrorDocument> {
  const diagnostics = [...readDiagnostics];
  if (root.name !== ERROR_ROOT) {
    diagnostics.push(wrongRoot(root, `an error reply is <${ERROR_ROOT} code="…">`));
    return { document: undefined, diagnostics };
  }
  const raw = root.attributes['code'];
  let code = GENERAL_ERROR;
  if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) {
    diagnostics.push(
      diagnostic(
        'error',
        'error.code',
        '',
        root.pos,
        raw === undefined ? '<error> has no code attribute' : `<error> code '${raw}' is not a number`,
      ),
    );
  } else {
    code = Number(raw);
    if (code !== GENERAL_ERROR)
      diagnostics.push(
        diagnostic(
          'warning',
          'error.code',
          '',
          root.pos,
          `error code ${code} is not one Zoiper defines (only ${GENERAL_ERROR})`,
        ),
      );
  }
  if (root.children.length > 0)
    diagnostics.push(
      diagnostic('warning', 'xml.mixed-content', '', root.pos, '<error> should hold only text'),
    );
  return { document: { kind: 'error', code, message: root.text.trim() }, diagnostics };
}
