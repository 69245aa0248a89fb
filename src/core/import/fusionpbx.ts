// FusionPBX's extensions, from the rows of its own database tables (v_domains and v_extensions, as
// FusionPBX's app_config.php schemas define them). Reading the tables is the storage adapter's job
// (src/storage/fusionpbx-source.ts); this turns the rows into accounts. FusionPBX is multi-tenant
// by domain: one extension number exists once per domain, so an account's key is
// `<domain_name>/<extension>` and its provisioning user `<extension>@<domain_name>` (the SIP identity
// the phone registers with), so that importing several domains into one zprov tenant never merges
// two people. Each row's "line" is its 1-based position in the query result, its file the table.
import type { ImportedAccount, ImportParse, ImportProblem, SourcePosition } from './imported-account.js';

export const FUSIONPBX_DOMAINS_TABLE = 'v_domains';
export const FUSIONPBX_EXTENSIONS_TABLE = 'v_extensions';

/**
 * A v_domains row, every value as text (domain_enabled is text in older FusionPBX versions and a
 * boolean in newer ones; the source reads both as 'true'/'false').
 */
export interface FusionpbxDomainRow {
  readonly domain_uuid: string;
  readonly domain_name: string | null;
  readonly domain_enabled: string | null;
}

/** A v_extensions row, every value as text; the optional columns are absent from some versions. */
export interface FusionpbxExtensionRow {
  readonly extension_uuid: string;
  readonly domain_uuid: string | null;
  readonly extension: string | null;
  readonly password: string | null;
  readonly enabled: string | null;
  readonly number_alias?: string | null;
  readonly effective_caller_id_name?: string | null;
  readonly effective_caller_id_number?: string | null;
  /** Older versions; renamed directory_first_name, with directory_last_name beside it. */
  readonly directory_full_name?: string | null;
  readonly directory_first_name?: string | null;
  readonly directory_last_name?: string | null;
  readonly description?: string | null;
  readonly user_context?: string | null;
}

/** The columns the source reads: required ones first, then those some versions lack. */
export const FUSIONPBX_COLUMNS = {
  [FUSIONPBX_DOMAINS_TABLE]: {
    required: ['domain_uuid', 'domain_name', 'domain_enabled'],
    optional: [],
  },
  [FUSIONPBX_EXTENSIONS_TABLE]: {
    required: ['extension_uuid', 'domain_uuid', 'extension', 'password', 'enabled'],
    optional: [
      'number_alias',
      'effective_caller_id_name',
      'effective_caller_id_number',
      'directory_full_name',
      'directory_first_name',
      'directory_last_name',
      'description',
      'user_context',
    ],
  },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

export interface FusionpbxTables {
  readonly domains: readonly FusionpbxDomainRow[];
  readonly extensions: readonly FusionpbxExtensionRow[];
}

export interface FusionpbxOptions {
  /**
   * How provisioning users are named: `extension@domain` (the default: never collides across
   * domains), or `extension` alone, for a single domain (two domains giving one name is then an
   * error on the second).
   */
  readonly users?: 'extension@domain' | 'extension';
}

interface Domain {
  readonly name: string;
  readonly enabled: boolean;
}

/** FusionPBX's booleans are the text 'true' or 'false'; anything else is reported. */
function flag(value: string | null | undefined): boolean | undefined {
  const text = (value ?? '').trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

const text = (value: string | null | undefined): string => (value ?? '').trim();

export function mapFusionpbx(tables: FusionpbxTables, options: FusionpbxOptions = {}): ImportParse {
  const problems: ImportProblem[] = [];
  const domains = new Map<string, Domain>();
  tables.domains.forEach((row, i) => {
    const at: SourcePosition = { file: FUSIONPBX_DOMAINS_TABLE, line: i + 1 };
    const name = text(row.domain_name);
    if (name === '') {
      problems.push({
        severity: 'error',
        message: `domain ${row.domain_uuid} has no name; its extensions are skipped`,
        at: { ...at, field: 'domain_name' },
      });
      return;
    }
    let enabled = flag(row.domain_enabled);
    if (enabled === undefined) {
      problems.push({
        severity: 'warning',
        message: `domain_enabled '${row.domain_enabled ?? 'null'}' is neither true nor false; taken for false, as FusionPBX does`,
        at: { ...at, field: 'domain_enabled' },
      });
      enabled = false;
    }
    domains.set(row.domain_uuid, { name, enabled });
  });

  const accounts: ImportedAccount[] = [];
  const keys = new Map<string, number>();
  const users = new Map<string, number>();
  const disabledDomains = new Map<string, number>();
  tables.extensions.forEach((row, i) => {
    const line = i + 1;
    const at = (field?: string): SourcePosition => ({
      file: FUSIONPBX_EXTENSIONS_TABLE,
      line,
      ...(field === undefined ? {} : { field }),
    });
    const domain = domains.get(text(row.domain_uuid));
    const extension = text(row.extension);
    if (domain === undefined) {
      problems.push({
        severity: 'error',
        message: `extension ${extension || row.extension_uuid} belongs to domain ${row.domain_uuid ?? 'null'}, which is in no ${FUSIONPBX_DOMAINS_TABLE} row read`,
        at: at('domain_uuid'),
      });
      return;
    }
    if (extension === '') {
      problems.push({
        severity: 'error',
        message: `extension ${row.extension_uuid} has no extension number`,
        at: at('extension'),
      });
      return;
    }
    const key = `${domain.name}/${extension}`;
    const report = (severity: 'error' | 'warning', field: string, message: string) =>
      problems.push({ severity, message, at: at(field), key });
    // eslint-disable-next-line no-control-regex
    if (/[\s:\u0000-\u001f\u007f]/.test(extension)) {
      report(
        'error',
        'extension',
        `'${extension}' is not an extension (no spaces, ':' or control characters)`,
      );
      return;
    }
    const firstKey = keys.get(key);
    if (firstKey !== undefined) {
      report('error', 'extension', `duplicate extension ${key} (first at row ${firstKey})`);
      return;
    }
    const user = options.users === 'extension' ? extension : `${extension}@${domain.name}`;
    const firstUser = users.get(user);
    if (firstUser !== undefined) {
      report(
        'error',
        'extension',
        `user '${user}' is already taken by row ${firstUser}, of another domain; import one domain at a time, or name users extension@domain`,
      );
      return;
    }
    keys.set(key, line);
    users.set(user, line);

    let enabled = flag(row.enabled);
    if (enabled === undefined) {
      report(
        'warning',
        'enabled',
        `enabled '${row.enabled ?? 'null'}' is neither true nor false; taken for false, as FusionPBX does`,
      );
      enabled = false;
    }
    if (!domain.enabled) disabledDomains.set(domain.name, (disabledDomains.get(domain.name) ?? 0) + 1);

    const password = row.password ?? '';
    if (password === '') report('warning', 'password', `${key} has no password; it is imported without one`);

    const fullName =
      text(row.directory_full_name) ||
      [text(row.directory_first_name), text(row.directory_last_name)].filter((s) => s !== '').join(' ');
    const callerName = text(row.effective_caller_id_name);
    const displayName = callerName || fullName || undefined;
    const accountOptions: (readonly [string, string])[] = [['SIP_domain', domain.name]];
    if (displayName !== undefined) accountOptions.push(['name', displayName]);
    if (callerName !== '') accountOptions.push(['SIP_callerId', callerName]);

    const columns: Record<string, string> = {
      domain_name: domain.name,
      domain_enabled: String(domain.enabled),
    };
    // Every column read but the password: the columns are for grouping, and may be shown or kept.
    for (const [column, value] of Object.entries(row))
      if (column !== 'password' && typeof value === 'string') columns[column] = value;
    accounts.push({
      key,
      at: at(),
      protocol: 'sip',
      username: extension,
      password: password === '' ? undefined : password,
      options: accountOptions,
      user,
      displayName,
      enabled: enabled && domain.enabled,
      columns,
    });
  });
  for (const [name, count] of disabledDomains) {
    const line = tables.domains.findIndex((d) => text(d.domain_name) === name) + 1;
    problems.push({
      severity: 'warning',
      message: `domain ${name} is disabled: its ${count} extension${count === 1 ? ' is' : 's are'} imported disabled`,
      at: { file: FUSIONPBX_DOMAINS_TABLE, line, field: 'domain_enabled' },
    });
  }
  return { accounts, problems };
}
