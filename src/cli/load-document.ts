// Reads a Zoiper document named on the command line: bytes from disk, strict UTF-8, then the core's
// reader, which recognises Config.xml, Provision.xml and the <error> reply by their root element.
// Every finding comes back tied to the file and sorted by position.
import {
  byPosition,
  readXml,
  readZoiperDocument,
  type Diagnostic,
  type XmlElement,
  type ZoiperDocument,
} from '../core/index.js';
import type { CliIo } from './cli-context.js';
import { decodeUtf8Text, readFileBytes, resolvePath } from './files.js';

export type DocumentKind = ZoiperDocument['kind'] | 'unknown';

/** A diagnostic tied to the file it was found in; `line` 0 means no position applies. */
export interface Finding {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  /** A core diagnostic code, or one of the command line's own: file.unreadable, document.kind. */
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export interface LoadedDocument {
  /** The path as the user wrote it, which is how findings name the file. */
  readonly file: string;
  readonly kind: DocumentKind;
  readonly document: ZoiperDocument | undefined;
  readonly findings: readonly Finding[];
}

/** Reads and checks one file; an unreadable file throws a ZprovError with code `io`. */
export async function loadDocument(io: CliIo, file: string): Promise<LoadedDocument> {
  const bytes = await readFileBytes(resolvePath(io.cwd, file), file);
  const decoded = decodeUtf8Text(bytes);
  if (!decoded.ok) {
    const { code, line, column, message } = decoded;
    return {
      file,
      kind: 'unknown',
      document: undefined,
      findings: [{ file, kind: 'unknown', line, column, severity: 'error', code, path: '', message }],
    };
  }
  const { document, diagnostics } = readZoiperDocument(decoded.text);
  const kind: DocumentKind = document?.kind ?? 'unknown';
  const placed = diagnostics.some((d) => d.line === 0) ? placeByPath(decoded.text, diagnostics) : diagnostics;
  const findings = [...placed].sort(byPosition).map((d): Finding => ({ file, kind, ...pick(d) }));
  return { file, kind, document, findings };
}

/** A finding the command line itself makes about a whole file (wrong kind, unreadable). */
export function fileFinding(
  file: string,
  kind: DocumentKind,
  code: 'file.unreadable' | 'document.kind',
  message: string,
): Finding {
  return { file, kind, line: 0, column: 0, severity: 'error', code, path: '', message };
}

export const findingHasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === 'error');

function pick(d: Diagnostic): Omit<Finding, 'file' | 'kind'> {
  return {
    line: d.line,
    column: d.column,
    severity: d.severity,
    code: d.code,
    path: d.path,
    message: d.message,
  };
}

/**
 * Some checks judge the document as a whole (a provision file without base URLs) and carry only a
 * path; such findings get the position of that element, or of the nearest ancestor that exists.
 */
function placeByPath(text: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const { root } = readXml(text);
  if (root === undefined) return [...diagnostics];
  return diagnostics.map((d) => {
    if (d.line !== 0) return d;
    const pos = locate(root, d.path);
    return pos === undefined ? d : { ...d, line: pos.line, column: pos.column };
  });
}

/** Follows a diagnostic path such as base_urls/base_url[2] from the root element. */
export function locate(root: XmlElement, path: string): XmlElement['pos'] {
  let at = root;
  if (path !== '') {
    for (const step of path.split('/')) {
      const match = /^(.*?)(?:\[(\d+)\])?$/.exec(step);
      const name = match?.[1] ?? step;
      const nth = Number(match?.[2] ?? '1');
      const next = at.children.filter((c) => c.name === name)[nth - 1];
      if (next === undefined) break;
      at = next;
    }
  }
  return at.pos;
}
