// zprov's own tabular format, in CSV and in JSON: for accounts from anything else (a spreadsheet, a
// script, another provisioning system), and what `zprov export` writes, so an export imports back as
// the same records. One row is one account; the columns are documented in ZPROV_COLUMNS, and any
// other account option has a column of its own named `option:<account option path>`.
//
// Also here, shared with the FreePBX importer: reading a CSV text into named cells with the line each
// row starts on.
import { parse as parseCsvText, type CsvError } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { ACCOUNT_SCOPE, ACCOUNTS_LIST, REGISTRAR_OPTION } from '../config/account-item.js';
import { sectionNode } from '../config/config-document.js';
import { resolvePath, setOptionIn } from '../config/option-editor.js';
import type { ImportedAccount, ImportParse, ImportProblem, SourcePosition } from './imported-account.js';

// --- Reading CSV -------------------------------------------------------------------------------

export interface CsvRow {
  /** The 1-based line the row starts on (a quoted cell may run over several lines). */
  readonly line: number;
  /** The row's cells by column name; a cell the row lacks is empty text. */
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  /** Column names in the order of the header row, trimmed. Empty when the text has no header. */
  readonly columns: readonly string[];
  /** The line of the header row (0 when there is none). */
  readonly headerLine: number;
  readonly rows: readonly CsvRow[];
  /** Syntax errors (the table is then unusable: no rows are returned) and rows of the wrong length. */
  readonly problems: readonly ImportProblem[];
}

/** Where each line starts, to turn an offset into a line: CRLF, LF and a lone CR each end a line. */
function lineStarts(units: ArrayLike<number>): number[] {
  const starts = [0];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (unit === 0x0d && units[i + 1] === 0x0a) i++;
    if (unit === 0x0d || unit === 0x0a) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line holding `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

const CSV_MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is never closed (a missing '\"')",
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted cell must be doubled ("")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a cell',
};

/**
 * Reads a CSV text (comma separated, `"` quotes, any line ending, an optional byte order mark) whose
 * first row names the columns. Blank rows are skipped; a text without a header row is an error. A
 * syntax error makes the whole text unusable:
 * past a broken quote no row can be trusted, so none is returned.
 */
export function readCsvTable(text: string, file: string): CsvTable {
  // csv-parse reports offsets in UTF-8 bytes; its own line count is off for CRLF inside quotes.
  const bytes = new TextEncoder().encode(text);
  const starts = lineStarts(bytes);
  const records: { cells: string[]; end: number }[] = [];
  const startOf = (end: number) => {
    let at = end;
    while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
    return lineAt(starts, at);
  };
  try {
    parseCsvText(text, {
      bom: true,
      // Any line end, even mixed in one file (rows pasted from elsewhere).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        records.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    const csvError = error as CsvError;
    const line = startOf(records[records.length - 1]?.end ?? 0);
    const message =
      CSV_MESSAGES[csvError.code] ?? csvError.message.replace(/ (at|on) line \d+/, '').replace(/\.$/, '');
    const problem: ImportProblem = {
      severity: 'error',
      message: `not valid CSV: ${message}`,
      at: { file, line },
    };
    return { columns: [], headerLine: 0, rows: [], problems: [problem] };
  }
  const problems: ImportProblem[] = [];
  let columns: string[] | undefined;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  let previousEnd = 0;
  for (const { cells, end } of records) {
    const line = startOf(previousEnd);
    previousEnd = end;
    if (cells.every((c) => c.trim() === '')) continue;
    if (columns === undefined) {
      columns = cells.map((c) => c.trim());
      headerLine = line;
      continue;
    }
    const extra = cells.slice(columns.length).some((c) => c.trim() !== '');
    if (extra) {
      problems.push({
        severity: 'error',
        message: `the row has ${cells.length} cells; the header names ${columns.length} columns`,
        at: { file, line },
      });
      continue;
    }
    const named: Record<string, string> = {};
    columns.forEach((name, i) => {
      if (name !== '') named[name] = cells[i] ?? '';
    });
    rows.push({ line, cells: named });
  }
  if (columns === undefined)
    problems.push({ severity: 'error', message: 'no header row: the file is empty', at: { file, line: 0 } });
  return { columns: columns ?? [], headerLine, rows, problems };
}

/** Problems in the order of the source's lines (a stable sort: one line's keep their order). */
export const byLine = (problems: readonly ImportProblem[]): ImportProblem[] =>
  [...problems].sort((a, b) => a.at.line - b.at.line);

// --- Spreadsheet formula injection ---------------------------------------------------------------

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with = + - @, a tab
 * or a carriage return, possibly behind quotes already added by this rule.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Exported cells that a spreadsheet would take for a formula are written with a leading `'`, which
 * spreadsheets show as "text": a display name such as `=HYPERLINK(...)` cannot run when an
 * administrator opens the export. A value that itself starts with quotes before such a character gets
 * one more, so that restoreCell gives back exactly what was exported.
 */
export const neutraliseCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * The reverse of neutraliseCell, applied to every cell zprov's CSV import reads: one leading `'` is
 * dropped only when a formula character follows it (`'=1+2` is read as `=1+2`; `'quoted'` is kept as
 * written). A person who protected a cell by hand this way gets the value meant.
 */
export const restoreCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

// --- zprov's columns -----------------------------------------------------------------------------

/**
 * zprov's columns, in the order an export writes them:
 * - `key` (required): the account's stable identity in the source; importing again updates it.
 * - `user`: the provisioning username the account belongs to (default: the key).
 * - `display_name`: a name for that user.
 * - `group`: a provisioning group for the user (kept in the record's columns, as `--group-by group`).
 * - `protocol`: sip or iax2 (default sip).
 * - `username` (required): the SIP/IAX username the account registers with.
 * - `password`: its password; empty: imported without one. An export writes it only when asked.
 * - `domain`: SIP_domain for a SIP account, IAX2_host for an IAX2 one.
 * - `name`: the account's name in the phone.
 * - `codecs`: zprov's codec names in order of preference, comma separated (opus,pcmu,g722).
 * - `transport`: SIP_transport_type (udp, tcp, tls); SIP accounts only.
 * - `enabled`: true or false (default true).
 * - `option:<path>`: any other account option, by its path (`option:stun/use_stun`).
 * An empty cell (or a JSON member that is null, empty or absent) means "not set". Other columns are
 * kept in the record's columns, for grouping, with a warning in case one is a misspelling.
 */
export const ZPROV_COLUMNS = [
  'key',
  'user',
  'display_name',
  'group',
  'protocol',
  'username',
  'password',
  'domain',
  'name',
  'codecs',
  'transport',
  'enabled',
] as const;
export type ZprovColumn = (typeof ZPROV_COLUMNS)[number];

export const OPTION_COLUMN_PREFIX = 'option:';

/** Account option paths that have a column of their own, or that zprov sets itself. */
const NOT_AN_OPTION_COLUMN: Readonly<Record<string, string>> = {
  ident: 'the ident is assigned by zprov',
  password: 'use the password column',
  protocol: 'use the protocol column',
  username: 'use the username column',
  SIP_domain: 'use the domain column',
  IAX2_host: 'use the domain column',
  name: 'use the name column',
  codecs: 'use the codecs column',
  SIP_transport_type: 'use the transport column',
};

/** The option paths the dedicated columns set, by protocol. */
const TRANSPORT_OPTION = 'SIP_transport_type';

type Protocol = 'sip' | 'iax2';

/** Why a column name is unusable (an option path the schema does not know), or undefined. */
function columnProblem(column: string): string | undefined {
  if (!column.startsWith(OPTION_COLUMN_PREFIX)) return undefined;
  const path = column.slice(OPTION_COLUMN_PREFIX.length);
  const first = path.split('/')[0] ?? '';
  const reserved = NOT_AN_OPTION_COLUMN[first];
  if (reserved !== undefined && !path.includes('/')) return `${path} has no option column: ${reserved}`;
  const resolved = resolvePath(ACCOUNT_SCOPE, path);
  if (!resolved.ok) return resolved.error;
  if (resolved.target.kind !== 'option' && resolved.target.kind !== 'list')
    return `${path} is a section; name one of its options (${path}/…)`;
  return undefined;
}

/** True when the account option (or section) a path starts with belongs to `protocol`. */
function appliesTo(path: string, protocol: Protocol): boolean {
  const first = path.split('/')[0] ?? '';
  const spec = ACCOUNTS_LIST.options[first] ?? ACCOUNTS_LIST.sections[first];
  const applies = spec !== undefined && 'appliesTo' in spec ? spec.appliesTo : undefined;
  return applies === undefined || applies === null || applies.includes(protocol);
}

/** Why a name-like value is unusable (surrounding spaces, control characters), as zprov's names rule. */
function textProblem(value: string, what: string): string | undefined {
  if (value !== value.trim()) return `${what} must not start or end with spaces`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${what} must not hold control characters`;
  return undefined;
}

/** One row of either format: its cells by column, and where each came from. */
interface TableRow {
  readonly cells: ReadonlyMap<string, string>;
  readonly at: (field?: string) => SourcePosition;
  readonly line: number;
}

/** Turns one row into an account, or reports why it cannot be one. */
function rowToAccount(row: TableRow, file: string, problems: ImportProblem[]): ImportedAccount | undefined {
  const cell = (name: string) => row.cells.get(name) ?? '';
  const key = cell('key');
  const errors: ImportProblem[] = [];
  const error = (field: string, message: string) =>
    errors.push({ severity: 'error', message, at: row.at(field), ...(key === '' ? {} : { key }) });
  if (key === '') {
    problems.push({ severity: 'error', message: 'the key is empty', at: row.at('key') });
    return undefined;
  }
  const user = cell('user') === '' ? key : cell('user');
  const username = cell('username');
  for (const [field, value] of [
    ['key', key],
    ['user', cell('user')],
    ['display_name', cell('display_name')],
    ['group', cell('group')],
    ['username', username],
  ] as const) {
    const problem = textProblem(value, field);
    if (problem !== undefined) error(field, problem);
  }
  if (user.includes(':')) error('user', "a provisioning username must not contain ':'");
  if (username === '') error('username', 'the username is empty');

  const protocolText = cell('protocol').trim().toLowerCase();
  let protocol: Protocol = 'sip';
  if (protocolText === 'iax2') protocol = 'iax2';
  else if (protocolText !== '' && protocolText !== 'sip')
    error('protocol', `'${cell('protocol')}' is not a protocol (sip or iax2)`);

  const enabledText = cell('enabled').trim().toLowerCase();
  if (enabledText !== '' && enabledText !== 'true' && enabledText !== 'false')
    error('enabled', `'${cell('enabled')}' is neither true nor false`);

  const options: (readonly [string, string])[] = [];
  const scratch = sectionNode(ACCOUNTS_LIST.item, []);
  const addOption = (field: string, path: string, value: string) => {
    if (value === '') return;
    if (!appliesTo(path, protocol)) {
      error(field, `${path} does not apply to ${protocol === 'sip' ? 'SIP' : 'IAX2'} accounts`);
      return;
    }
    const edit = setOptionIn(scratch, ACCOUNT_SCOPE, path, value);
    if (!edit.ok) error(field, edit.error);
    else options.push([path, value]);
  };
  addOption('domain', REGISTRAR_OPTION[protocol], cell('domain'));
  addOption('name', 'name', cell('name'));
  addOption('codecs', 'codecs', cell('codecs'));
  addOption('transport', TRANSPORT_OPTION, cell('transport'));
  for (const [column, value] of row.cells)
    if (column.startsWith(OPTION_COLUMN_PREFIX))
      addOption(column, column.slice(OPTION_COLUMN_PREFIX.length), value);

  if (errors.length > 0) {
    problems.push(...errors);
    return undefined;
  }
  const columns: Record<string, string> = {};
  // The password stays out of the columns: they are for grouping, and may be shown or kept.
  for (const [column, value] of row.cells) if (column !== 'password') columns[column] = value;
  return {
    key,
    at: { file, line: row.line },
    protocol,
    username,
    password: cell('password') === '' ? undefined : cell('password'),
    options,
    user,
    displayName: cell('display_name') === '' ? undefined : cell('display_name'),
    enabled: enabledText !== 'false',
    columns,
  };
}

/**
 * Checks the column names once for the whole source (an unknown option path makes it unusable) and
 * warns once about each column zprov does not know.
 */
function checkColumns(
  names: readonly (readonly [name: string, at: SourcePosition])[],
  problems: ImportProblem[],
): boolean {
  let usable = true;
  for (const [name, at] of names) {
    const problem = columnProblem(name);
    if (problem !== undefined) {
      problems.push({ severity: 'error', message: problem, at: { ...at, field: name } });
      usable = false;
    } else if (!name.startsWith(OPTION_COLUMN_PREFIX) && !(ZPROV_COLUMNS as readonly string[]).includes(name))
      problems.push({
        severity: 'warning',
        message: `'${name}' is not a zprov column; it is kept only for grouping users`,
        at: { ...at, field: name },
      });
  }
  return usable;
}

/** Rows to accounts; the second row with a key already seen is an error. */
function rowsToAccounts(
  rows: readonly TableRow[],
  file: string,
  problems: ImportProblem[],
): ImportedAccount[] {
  const accounts: ImportedAccount[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const account = rowToAccount(row, file, problems);
    if (account === undefined) continue;
    const first = seen.get(account.key);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        message: `duplicate key '${account.key}' (first at line ${first})`,
        at: row.at('key'),
        key: account.key,
      });
      continue;
    }
    seen.set(account.key, row.line);
    accounts.push(account);
  }
  return accounts;
}

/**
 * zprov's CSV: a header row of column names (ZPROV_COLUMNS and `option:<path>` columns, in any order),
 * then one account per row. Cells exported with a `'` against formula injection are read back as
 * they were (restoreCell).
 */
export function parseZprovCsv(text: string, file: string): ImportParse {
  const table = readCsvTable(text, file);
  const problems: ImportProblem[] = [...table.problems];
  if (table.headerLine === 0) return { accounts: [], problems };
  const headerAt = { file, line: table.headerLine };
  const names = table.columns.filter((c) => c !== '');
  const duplicates = names.filter((c, i) => names.indexOf(c) !== i);
  for (const name of new Set(duplicates))
    problems.push({
      severity: 'error',
      message: 'the column appears twice',
      at: { ...headerAt, field: name },
    });
  const usable = checkColumns(
    names.map((n) => [n, headerAt] as const),
    problems,
  );
  if (!names.includes('key'))
    problems.push({ severity: 'error', message: "the header has no 'key' column", at: headerAt });
  if (!names.includes('username'))
    problems.push({ severity: 'error', message: "the header has no 'username' column", at: headerAt });
  if (!usable || duplicates.length > 0 || !names.includes('key') || !names.includes('username'))
    return { accounts: [], problems };
  const rows = table.rows.map((row): TableRow => ({
    cells: new Map(Object.entries(row.cells).map(([k, v]) => [k, restoreCell(v)])),
    line: row.line,
    at: (field) => ({ file, line: row.line, ...(field === undefined ? {} : { field }) }),
  }));
  const accounts = rowsToAccounts(rows, file, problems);
  return { accounts, problems: byLine(problems) };
}

// --- JSON ------------------------------------------------------------------------------------------

/** 'ValueExpected' → 'value expected'. */
const parseErrorText = (error: ParseError) =>
  printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/**
 * zprov's JSON: an array of objects whose members are the CSV's column names, or an object whose
 * `accounts` member is such an array. Values are text; `enabled` and option values may also be JSON
 * booleans or numbers, `codecs` an array of names. Comments are not JSON and are refused.
 */
export function parseZprovJson(text: string, file: string): ImportParse {
  const starts = lineStarts(codes(text));
  const lineOf = (offset: number) => lineAt(starts, offset);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root === undefined) {
    const problems: ImportProblem[] = errors.map((e) => ({
      severity: 'error',
      message: `not valid JSON at column ${e.offset - (starts[lineOf(e.offset) - 1] ?? 0) + 1}: ${parseErrorText(e)}`,
      at: { file, line: lineOf(e.offset) },
    }));
    if (problems.length === 0)
      problems.push({
        severity: 'error',
        message: 'not valid JSON: the file is empty',
        at: { file, line: 0 },
      });
    return { accounts: [], problems };
  }
  const list =
    root.type === 'array'
      ? root
      : root.type === 'object'
        ? root.children?.find((p) => p.children?.[0]?.value === 'accounts')?.children?.[1]
        : undefined;
  if (list?.type !== 'array')
    return {
      accounts: [],
      problems: [
        {
          severity: 'error',
          message: 'expected an array of accounts, or an object whose "accounts" member is one',
          at: { file, line: lineOf(root.offset) },
        },
      ],
    };
  const problems: ImportProblem[] = [];
  const rows: TableRow[] = [];
  const firstSeen = new Map<string, SourcePosition>();
  for (const item of list.children ?? []) {
    const line = lineOf(item.offset);
    if (item.type !== 'object') {
      problems.push({ severity: 'error', message: 'an account must be a JSON object', at: { file, line } });
      continue;
    }
    const row = jsonRow(item, text, file, lineOf, problems);
    if (row === undefined) continue;
    for (const name of row.cells.keys()) if (!firstSeen.has(name)) firstSeen.set(name, row.at(name));
    rows.push(row);
  }
  const names = [...firstSeen].map(([name, at]) => [name, { file: at.file, line: at.line }] as const);
  if (!checkColumns(names, problems)) return { accounts: [], problems: byLine(problems) };
  const accounts = rowsToAccounts(rows, file, problems);
  return { accounts, problems: byLine(problems) };
}

/** UTF-16 code units: jsonc-parser's offsets count them. */
const codes = (text: string): Uint16Array => {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
};

/** The members of one JSON object as text cells, each with its line; undefined when one is unusable. */
function jsonRow(
  item: JsonNode,
  text: string,
  file: string,
  lineOf: (offset: number) => number,
  problems: ImportProblem[],
): TableRow | undefined {
  const line = lineOf(item.offset);
  const cells = new Map<string, string>();
  const lines = new Map<string, number>();
  const at = (field?: string): SourcePosition => ({
    file,
    line: (field === undefined ? undefined : lines.get(field)) ?? line,
    ...(field === undefined ? {} : { field }),
  });
  let usable = true;
  for (const property of item.children ?? []) {
    const [nameNode, valueNode] = property.children ?? [];
    if (nameNode === undefined || valueNode === undefined) continue;
    const name = String(nameNode.value);
    const memberLine = lineOf(property.offset);
    const value = jsonText(name, valueNode, text);
    if (lines.has(name)) {
      problems.push({
        severity: 'error',
        message: 'the member appears twice',
        at: { file, line: memberLine, field: name },
      });
      usable = false;
      continue;
    }
    lines.set(name, memberLine);
    if (value === undefined) {
      problems.push({
        severity: 'error',
        message:
          name === 'codecs'
            ? 'expected text or an array of codec names'
            : 'expected text, a number or a boolean',
        at: { file, line: memberLine, field: name },
      });
      usable = false;
      continue;
    }
    cells.set(name, value);
  }
  return usable ? { cells, at, line } : undefined;
}

/** A member's value as the text a CSV cell would hold; undefined when it has no such form. */
function jsonText(name: string, node: JsonNode, text: string): string | undefined {
  switch (node.type) {
    case 'string':
      return String(node.value);
    case 'number':
      // As written: 1.50 stays 1.50.
      return text.slice(node.offset, node.offset + node.length);
    case 'boolean':
      return node.value === true ? 'true' : 'false';
    case 'null':
      return '';
    case 'array':
      if (name !== 'codecs' || !(node.children ?? []).every((c) => c.type === 'string')) return undefined;
      return (node.children ?? []).map((c) => String(c.value)).join(',');
    default:
      return undefined;
  }
}

// --- Export ----------------------------------------------------------------------------------------

/**
 * One account as `zprov export` hands it to the formatters: the columns of ZPROV_COLUMNS, and every
 * other account option as a [path, text value] pair (never one a column sets: SIP_domain, IAX2_host,
 * name, codecs, SIP_transport_type, nor ident, password, protocol, username). Undefined or empty
 * text: not set (an option whose value is empty text is not exported).
 */
export interface ExportRow {
  readonly key: string;
  /** The provisioning username the account belongs to. */
  readonly user: string;
  readonly displayName: string | undefined;
  /** The user's provisioning group, when it has one. */
  readonly group: string | undefined;
  readonly protocol: 'sip' | 'iax2';
  readonly username: string;
  /** Written only with includeSecrets. */
  readonly password?: string | undefined;
  /** SIP_domain or IAX2_host. */
  readonly domain: string | undefined;
  /** The account's `name` option. */
  readonly name: string | undefined;
  /** zprov's codec names, comma separated, in order of preference. */
  readonly codecs: string | undefined;
  /** SIP_transport_type. */
  readonly transport: string | undefined;
  readonly enabled: boolean;
  readonly options: readonly (readonly [path: string, value: string])[];
}

export interface ExportOptions {
  /** Write the password column; without it the export holds no secret. */
  readonly includeSecrets: boolean;
}

function checkExportRow(row: ExportRow): void {
  const paths = new Set<string>();
  for (const [path] of row.options) {
    const problem = columnProblem(`${OPTION_COLUMN_PREFIX}${path}`);
    if (problem !== undefined) throw new Error(`export row '${row.key}': ${problem}`);
    if (paths.has(path)) throw new Error(`export row '${row.key}': option ${path} given twice`);
    paths.add(path);
  }
}

/** The row's cells by column name, as text; options whose value is empty are left out. */
function exportCells(row: ExportRow, includeSecrets: boolean): Map<string, string> {
  checkExportRow(row);
  const cells = new Map<string, string>([
    ['key', row.key],
    ['user', row.user],
    ['display_name', row.displayName ?? ''],
    ['group', row.group ?? ''],
    ['protocol', row.protocol],
    ['username', row.username],
  ]);
  if (includeSecrets) cells.set('password', row.password ?? '');
  cells.set('domain', row.domain ?? '');
  cells.set('name', row.name ?? '');
  cells.set('codecs', row.codecs ?? '');
  cells.set('transport', row.transport ?? '');
  cells.set('enabled', row.enabled ? 'true' : 'false');
  for (const [path, value] of row.options)
    if (value !== '') cells.set(`${OPTION_COLUMN_PREFIX}${path}`, value);
  return cells;
}

/** The option columns of all rows, sorted, after zprov's own. */
function exportColumns(rows: readonly Map<string, string>[], includeSecrets: boolean): string[] {
  const options = new Set<string>();
  for (const row of rows)
    for (const column of row.keys()) if (column.startsWith(OPTION_COLUMN_PREFIX)) options.add(column);
  const own = ZPROV_COLUMNS.filter((c) => includeSecrets || c !== 'password');
  return [...own, ...[...options].sort()];
}

/**
 * The accounts as zprov's CSV: a header row, then one row per account (LF line ends, quotes only
 * where needed). Every cell goes through neutraliseCell: nothing in an export runs as a formula when
 * it is opened in a spreadsheet.
 */
export function formatZprovCsv(rows: readonly ExportRow[], options: ExportOptions): string {
  const cells = rows.map((row) => exportCells(row, options.includeSecrets));
  const columns = exportColumns(cells, options.includeSecrets);
  const records = cells.map((row) => columns.map((column) => neutraliseCell(row.get(column) ?? '')));
  // A cell holding a lone CR is quoted too: readers (this one included) take a CR for a line end.
  return stringifyCsv([columns, ...records], { record_delimiter: 'unix', quoted_match: /\r/ });
}

/**
 * The accounts as zprov's JSON: `{ "accounts": [ ... ] }`, one object per account with its non-empty
 * members in column order, `enabled` as a JSON boolean.
 */
export function formatZprovJson(rows: readonly ExportRow[], options: ExportOptions): string {
  const accounts = rows.map((row) => {
    const object: Record<string, string | boolean> = {};
    for (const [column, value] of exportCells(row, options.includeSecrets)) {
      if (column === 'enabled') object[column] = value === 'true';
      else if (value !== '') object[column] = value;
    }
    return object;
  });
  return `${JSON.stringify({ accounts }, null, 2)}\n`;
}

/** What an export row an imported account of this format comes from (the inverse of the columns). */
export function exportRowOf(account: ImportedAccount): ExportRow {
  const taken = new Set<string>([REGISTRAR_OPTION[account.protocol], 'name', 'codecs', TRANSPORT_OPTION]);
  const option = (path: string) => account.options.find(([p]) => p === path)?.[1];
  return {
    key: account.key,
    user: account.user,
    displayName: account.displayName,
    group: account.columns['group'] === '' ? undefined : account.columns['group'],
    protocol: account.protocol,
    username: account.username,
    password: account.password,
    domain: option(REGISTRAR_OPTION[account.protocol]),
    name: option('name'),
    codecs: option('codecs'),
    transport: option(TRANSPORT_OPTION),
    enabled: account.enabled,
    options: account.options.filter(([path]) => !taken.has(path)),
  };
}
