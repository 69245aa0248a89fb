// How findings are shown: one line each in the file:line:col form editors and CI annotators
// understand, or a JSON array for programs.
import type { Finding } from './load-document.js';

/**
 * `file:line:col: severity: message (at path) [code]`. The path is added when the message does not
 * already name it; a finding without a position is `file: severity: ...`.
 */
export function formatFinding(f: Finding): string {
  const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
  const at = f.path !== '' && !f.message.includes(f.path) ? ` (at ${f.path})` : '';
  return `${where}: ${f.severity}: ${oneLine(f.message)}${at} [${f.code}]`;
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => formatFinding(f) + '\n').join('');
}

/** The --json form: an array of objects with exactly the Finding fields, in a fixed order. */
export function findingsToJson(findings: readonly Finding[]): string {
  const rows = findings.map((f) => ({
    file: f.file,
    kind: f.kind,
    line: f.line,
    column: f.column,
    severity: f.severity,
    code: f.code,
    path: f.path,
    message: f.message,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

export const errorsOnly = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity === 'error');

/**
 * A message may quote a value from the file: line breaks would split the report line and control
 * characters could drive the terminal, so both are shown as escapes.
 */
const oneLine = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- these are exactly the characters being escaped
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\t'
        ? '\\t'
        : c === '\r'
          ? '\\r'
          : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
