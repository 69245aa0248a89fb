// Reading the configuration a phone already holds (Desktop's Config.xml, or a mobile app's previous
// configuration). A missing file is an empty configuration, as for a phone started the first time.
import {
  configDocument,
  decodeUtf8,
  diagnostic,
  readConfig,
  type ConfigDocument,
  type Diagnostic,
  type DocumentSchema,
} from '../core/index.js';
import type { ClientFileSystem } from './client-ports.js';

export interface LocalConfig {
  readonly found: boolean;
  /** Undefined when the file exists but is not a configuration document at all. */
  readonly document: ConfigDocument | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export async function readLocalConfig(
  path: string,
  fs: ClientFileSystem,
  schema: DocumentSchema,
): Promise<LocalConfig> {
  const bytes = await fs.readFile(path);
  if (bytes === undefined) return { found: false, document: configDocument(), diagnostics: [] };
  const decoded = decodeUtf8(bytes);
  if ('error' in decoded) {
    return {
      found: true,
      document: undefined,
      diagnostics: [diagnostic('error', 'input.encoding', '', undefined, decoded.error)],
    };
  }
  const { document, diagnostics } = readConfig(decoded.text, {}, schema);
  return { found: true, document, diagnostics };
}
