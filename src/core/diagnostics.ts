// What pure code returns instead of throwing: findings with a stable code, a place and a message.

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'input.too-large'
  | 'input.too-deep'
  | 'input.encoding'
  | 'xml.malformed'
  | 'xml.doctype'
  | 'xml.mixed-content'
  | 'xml.encoding'
  | 'root.wrong'
  | 'section.unknown'
  | 'section.duplicate'
  | 'section.not-a-section'
  | 'option.unknown'
  | 'option.duplicate'
  | 'option.wrong-protocol'
  | 'option.wrong-type-variant'
  | 'option.not-a-value'
  | 'option.inactive'
  | 'option.missing'
  | 'option.fixed-value'
  | 'value.type'
  | 'value.enum'
  | 'value.enum-case'
  | 'value.range'
  | 'value.characters'
  | 'list.item-unexpected'
  | 'list.duplicate-ident'
  | 'list.single-instance'
  | 'reference.unknown-account'
  | 'subtree.type'
  | 'provision.no-base-url'
  | 'provision.bad-url'
  | 'provision.placeholder'
  | 'provision.password-format'
  | 'provision.credentials'
  | 'error.code';

export interface Diagnostic {
  /** Slash path of the element from below the root, e.g. accounts/account[2]/SIP_domain. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export const NO_POSITION: Position = Object.freeze({ line: 0, column: 0 });

export function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  path: string,
  pos: Position | undefined,
  message: string,
): Diagnostic {
  const at = pos ?? NO_POSITION;
  return { path, line: at.line, column: at.column, code, severity, message };
}

/** A document whose root element is not the one its kind starts with; `expected` says what is. */
export const wrongRoot = (
  root: { readonly name: string; readonly pos?: Position },
  expected: string,
): Diagnostic =>
  diagnostic('error', 'root.wrong', '', root.pos, `root element is <${root.name}>; ${expected}`);

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorts by position so reports read top to bottom. */
export const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column;
