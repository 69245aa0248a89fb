// Helpers shared by the Asterisk importers' tests: an in-memory file tree for #include, and the check
// that every option an importer emits is one the core's account option editor takes.
import { expect } from 'vitest';
import { ACCOUNT_SCOPE, optionNode, sectionNode, setOptionIn } from '../../../src/core/index.js';
import type { ReadConfFile } from '../../../src/core/import/asterisk-config.js';
import {
  formatProblem,
  type ImportedAccount,
  type ImportParse,
} from '../../../src/core/import/imported-account.js';

/** #include through a map of file names to texts; the names the reader asked for are recorded. */
export function fileTree(files: Readonly<Record<string, string>>): ReadConfFile & { asked: string[] } {
  const asked: string[] = [];
  const read = (name: string, includedFrom: string) => {
    asked.push(`${includedFrom} → ${name}`);
    return Object.hasOwn(files, name) ? files[name] : undefined;
  };
  return Object.assign(read, { asked });
}

/**
 * Every option of every account is one `setOptionIn` takes on an account item of the account's
 * protocol, as the import command will apply it.
 */
export function expectEditorAcceptsOptions(parse: ImportParse): void {
  for (const account of parse.accounts) {
    for (const [path, value] of account.options) {
      const item = sectionNode('account', [optionNode('protocol', account.protocol)]);
      const edit = setOptionIn(item, ACCOUNT_SCOPE, path, value);
      expect(edit.ok ? 'ok' : `${account.key}: ${path}=${value}: ${edit.error}`).toBe('ok');
    }
  }
}

export function accountOf(parse: ImportParse, key: string): ImportedAccount {
  const found = parse.accounts.find((a) => a.key === key);
  if (found === undefined)
    throw new Error(`no account '${key}' in ${parse.accounts.map((a) => a.key).join(', ')}`);
  return found;
}

export const optionsOf = (account: ImportedAccount): Record<string, string> =>
  Object.fromEntries(account.options);

/** The problems as the adapters print them, "file:line: severity: field: message". */
export const printed = (parse: { readonly problems: ImportParse['problems'] }): string[] =>
  parse.problems.map(formatProblem);

/** The 1-based line of the first line of `text` holding `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' is not in the text`);
  return index + 1;
}
