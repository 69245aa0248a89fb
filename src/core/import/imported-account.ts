// What every importer produces: accounts read from a PBX's configuration (or a CSV, or JSON), each
// with its stable key in the source, the Zoiper options it maps to, and where in the source it came
// from; and the problems found, each with its file and line (or row) and field. Parsers are pure:
// reading files or databases is an adapter's job, and applying records is the import use case's.
export const IMPORT_FORMATS = ['pjsip', 'sip', 'iax', 'freepbx-csv', 'fusionpbx', 'csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where a record or a problem is in the source: a file and a 1-based line (CSV: the line the row starts on). */
export interface SourcePosition {
  /** The file as the user named it (an included file: as the including file named it), or a table name. */
  readonly file: string;
  readonly line: number;
  /** The setting, column or JSON member concerned, when there is one. */
  readonly field?: string;
}

export interface ImportProblem {
  /** An error skips the record it is about (or, with no record, the whole source is unusable). */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly at: SourcePosition;
  /** The source key of the record concerned, when there is one (`1001`). */
  readonly key?: string;
}

export interface ImportedAccount {
  /**
   * Stable identity within the format (a PJSIP endpoint's section name, an extension number): stored
   * as `<format>:<key>`, so importing again updates the same account.
   */
  readonly key: string;
  readonly at: SourcePosition;
  readonly protocol: 'sip' | 'iax2';
  /** The SIP/IAX username the account registers with. */
  readonly username: string;
  /** Plain text; undefined when the source has none to give (the account is imported without one). */
  readonly password: string | undefined;
  /**
   * Every other Zoiper option the source sets, as account option paths and text values the core's
   * option editor takes (SIP_domain, SIP_transport_type, codecs=opus,pcmu, SIP_srtp_mode, name, ...).
   */
  readonly options: readonly (readonly [path: string, value: string])[];
  /** The provisioning user the account belongs to; by default the extension (the key). */
  readonly user: string;
  /** A name for that user, when the source has one (the caller id name). */
  readonly displayName: string | undefined;
  /** False when the source says the extension is disabled. */
  readonly enabled: boolean;
  /** The source's own columns (CSV, database rows), for grouping users by one of them. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface ImportParse {
  readonly accounts: readonly ImportedAccount[];
  readonly problems: readonly ImportProblem[];
}

/** "file:line: field: message", the form every adapter prints. */
export function formatProblem(problem: ImportProblem): string {
  const { file, line, field } = problem.at;
  const place = line > 0 ? `${file}:${line}` : file;
  return `${place}: ${problem.severity}: ${field === undefined ? '' : `${field}: `}${problem.message}`;
}
