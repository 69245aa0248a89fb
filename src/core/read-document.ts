// Recognises a Zoiper document by its root element and reads it with the matching model.
import { wrongRoot, type Diagnostic } from './diagnostics.js';
import { bindConfig, type ParseResult } from './config/parse-config.js';
import type { ConfigDocument } from './config/config-document.js';
import { validateConfig } from './config/validate-config.js';
import { bindError, type ErrorDocument } from './error-document.js';
import { bindProvision } from './provision/provision-xml.js';
import { validateProvision } from './provision/provision-xml.js';
import type { ProvisionDocument } from './provision/provision-document.js';
import { readXml, type XmlReadOptions } from './xml/xml-reader.js';
import { desktopConfigSchema } from './schema/desktop-config-schema.js';
import type { DocumentSchema } from './schema/schema-types.js';

export type ZoiperDocument = ConfigDocument | ProvisionDocument | ErrorDocument;

/** Parses and validates: every diagnostic the document earns, in document order. */
export function readZoiperDocument(text: string, options: XmlReadOptions = {}): ParseResult<ZoiperDocument> {
  const { root, diagnostics } = readXml(text, options);
  if (root === undefined) return { document: undefined, diagnostics };
  switch (root.name) {
    case 'options': {
      const parsed = bindConfig(root, diagnostics);
      return withValidation(parsed, parsed.document && validateConfig(parsed.document));
    }
    case 'provision': {
      const parsed = bindProvision(root, diagnostics);
      return withValidation(parsed, parsed.document && validateProvision(parsed.document));
    }
    case 'error':
      return bindError(root, diagnostics);
    default:
      return {
        document: undefined,
        diagnostics: [
          ...diagnostics,
          wrongRoot(root, 'a Zoiper document starts with <options>, <provision> or <error>'),
        ],
      };
  }
}

/** Config.xml (or a provisioning reply) parsed and validated; `schema` picks the dialect (default Desktop). */
export function readConfig(
  text: string,
  options: XmlReadOptions = {},
  schema: DocumentSchema = desktopConfigSchema,
): ParseResult<ConfigDocument> {
  const { root, diagnostics } = readXml(text, options);
  if (root === undefined) return { document: undefined, diagnostics };
  const parsed = bindConfig(root, diagnostics, schema);
  return withValidation(parsed, parsed.document && validateConfig(parsed.document, schema));
}

function withValidation<T>(parsed: ParseResult<T>, more: readonly Diagnostic[] | undefined): ParseResult<T> {
  return more === undefined || more.length === 0
    ? parsed
    : { document: parsed.document, diagnostics: [...parsed.diagnostics, ...more] };
}
