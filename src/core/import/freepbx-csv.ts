// FreePBX's extensions as its Bulk Handler module exports them (Admin → Bulk Handler → Export →
// Extensions): a CSV with a header row naming FreePBX's own fields, one extension per row. The
// columns read here: extension (the key, the username and the provisioning user), name (the display
// name), tech, secret, callerid, transport, allow/disallow and media_encryption. outboundcid is the
// caller id for trunk calls, which the phone has no part in: ignored, like every other column, but
// all of them are kept in the record's columns for grouping users.
import { codecsFromSettings, type CodecSetting } from './asterisk-codecs.js';
import type { ImportedAccount, ImportParse, ImportProblem, SourcePosition } from './imported-account.js';
import { byLine, readCsvTable, type CsvRow } from './zprov-table.js';

/** FreePBX's tech column → the account's protocol; other techs (virtual, custom, dahdi) have no phone login. */
const PROTOCOLS: Readonly<Record<string, 'sip' | 'iax2'>> = { pjsip: 'sip', sip: 'sip', iax2: 'iax2' };

/** The suffix of FreePBX's transport names (`0.0.0.0-udp`) → SIP_transport_type. */
const TRANSPORTS: Readonly<Record<string, string>> = { udp: 'udp', tcp: 'tcp', tls: 'tls' };

/** A row's columns that are secrets: kept out of the record's columns, which are for grouping. */
const SECRET_COLUMNS = new Set(['secret', 'voicemail_vmpwd', 'vmpwd', 'password']);

/**
 * The caller id as FreePBX writes it: `"Alice Smith" <1001>`, `Alice <1001>`, or a bare name.
 * Returns the name part (undefined when there is none) and the number in angle brackets.
 */
function splitCallerId(text: string): { name: string | undefined; number: string | undefined } {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*(?:<([^>]*)>)?\s*$/.exec(text);
  if (match === null) return { name: text.trim() || undefined, number: undefined };
  const name = (match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? '').trim();
  const number = match[3]?.trim();
  return { name: name === '' ? undefined : name, number: number === '' ? undefined : number };
}

/**
 * The extensions of a Bulk Handler export. A file without an `extension` column is refused whole;
 * a bad row is an error naming its line and column, and a second row for one extension is an error.
 */
export function parseFreepbxCsv(text: string, file: string): ImportParse {
  const table = readCsvTable(text, file);
  const problems: ImportProblem[] = [...table.problems];
  if (table.headerLine === 0) return { accounts: [], problems };
  if (!table.columns.includes('extension')) {
    problems.push({
      severity: 'error',
      message: "the header has no 'extension' column: not a FreePBX Bulk Handler extensions export",
      at: { file, line: table.headerLine, field: 'extension' },
    });
    return { accounts: [], problems };
  }
  if (!table.columns.includes('tech'))
    problems.push({
      severity: 'warning',
      message: "the header has no 'tech' column: every extension is taken for a SIP one",
      at: { file, line: table.headerLine, field: 'tech' },
    });
  const accounts: ImportedAccount[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const account = rowToAccount(row, file, problems);
    if (account === undefined) continue;
    const first = seen.get(account.key);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        message: `duplicate extension '${account.key}' (first at line ${first})`,
        at: { file, line: row.line, field: 'extension' },
        key: account.key,
      });
      continue;
    }
    seen.set(account.key, row.line);
    accounts.push(account);
  }
  return { accounts, problems: byLine(problems) };
}

function rowToAccount(row: CsvRow, file: string, problems: ImportProblem[]): ImportedAccount | undefined {
  const cell = (name: string) => (row.cells[name] ?? '').trim();
  const at = (field?: string): SourcePosition => ({
    file,
    line: row.line,
    ...(field === undefined ? {} : { field }),
  });
  const extension = cell('extension');
  if (extension === '') {
    problems.push({ severity: 'error', message: 'the extension is empty', at: at('extension') });
    return undefined;
  }
  const key = extension;
  const report = (severity: 'error' | 'warning', field: string | undefined, message: string) =>
    problems.push({ severity, message, at: at(field), key });
  // eslint-disable-next-line no-control-regex
  if (/[\s:\u0000-\u001f\u007f]/.test(extension)) {
    report('error', 'extension', `'${extension}' is not an extension (no spaces, ':' or control characters)`);
    return undefined;
  }
  const action = cell('action').toLowerCase();
  if (action === 'del' || action === 'delete') {
    report('warning', 'action', `extension ${extension} is marked for deletion; skipped`);
    return undefined;
  }
  const tech = row.cells['tech'] === undefined ? 'pjsip' : cell('tech').toLowerCase();
  const protocol = PROTOCOLS[tech];
  if (protocol === undefined) {
    report(
      'warning',
      'tech',
      `extension ${extension} is of tech '${tech}', which no phone registers to; skipped (line ${row.line})`,
    );
    return undefined;
  }

  const options: (readonly [string, string])[] = [];
  const name = cell('name');
  const callerId = splitCallerId(cell('callerid'));
  const callerName = callerId.name ?? (name === '' ? undefined : name);
  if (name !== '') options.push(['name', name]);
  if (protocol === 'sip') {
    if (callerName !== undefined) options.push(['SIP_callerId', callerName]);
  } else {
    if (callerName !== undefined) options.push(['IAX2_callerId', callerName]);
    if (callerId.number !== undefined) options.push(['IAX2_callerNumber', callerId.number]);
  }

  const transport = cell('transport');
  if (protocol === 'sip' && transport !== '') {
    // FreePBX names a transport by its bind address and protocol: 0.0.0.0-udp, [::]-tls.
    const suffix = transport.slice(transport.lastIndexOf('-') + 1).toLowerCase();
    const mapped = TRANSPORTS[suffix];
    if (mapped !== undefined) options.push(['SIP_transport_type', mapped]);
    else
      report(
        'warning',
        'transport',
        `transport '${transport}' has no Zoiper counterpart (udp, tcp, tls); the phone's default is kept`,
      );
  }

  const codecSettings: CodecSetting[] = [];
  // FreePBX applies disallow before allow (`disallow=all` then the allowed list).
  for (const setting of ['disallow', 'allow'] as const)
    if (cell(setting) !== '') codecSettings.push({ name: setting, value: cell(setting), at: at(setting) });
  const codecs = codecsFromSettings(codecSettings, key);
  problems.push(...codecs.problems);
  if (codecs.codecs !== undefined) options.push(['codecs', codecs.codecs.join(',')]);

  // A PJSIP column: an IAX2 row's value (FreePBX fills every column) means nothing.
  const encryption = cell('media_encryption').toLowerCase();
  if (protocol === 'sip' && encryption === 'sdes') options.push(['SIP_srtp_mode', 'sdes']);
  else if (protocol === 'sip' && encryption === 'dtls')
    report(
      'warning',
      'media_encryption',
      'DTLS-SRTP has no Zoiper setting; the account is imported without media encryption',
    );
  else if (protocol === 'sip' && encryption !== '' && encryption !== 'no' && encryption !== 'none')
    report('warning', 'media_encryption', `media_encryption '${encryption}' is not understood; ignored`);

  const secret = row.cells['secret'] ?? '';
  if (secret === '')
    report('warning', 'secret', `extension ${extension} has no secret; it is imported without a password`);

  const columns: Record<string, string> = {};
  for (const [column, value] of Object.entries(row.cells))
    if (!SECRET_COLUMNS.has(column)) columns[column] = value;
  return {
    key,
    at: at(),
    protocol,
    username: extension,
    password: secret === '' ? undefined : secret,
    options,
    user: extension,
    displayName: name === '' ? callerName : name,
    enabled: true,
    columns,
  };
}
