// Accounts as zprov manages them: the core's account item and option editor, with zprov's own rules
// on top (ident, password and protocol are set by zprov, never by option path) and failures thrown
// as the catalogue's errors.
import {
  ACCOUNT_SCOPE,
  readAccountItem,
  setOptionIn,
  unsetOptionIn,
  validateAccountItem,
  ZprovError,
  type Diagnostic,
  type SectionNode,
  type SubtreeEdit,
} from '../core/index.js';

/** Options zprov sets itself; editing them by path is refused with a pointer to the right flag. */
const MANAGED: Readonly<Record<string, string>> = {
  ident: 'the ident is assigned once by zprov and never changes',
  password: 'set the password with --password',
  protocol: 'set the protocol with --protocol',
};

export function parseAccountItem(text: string): SectionNode {
  const item = readAccountItem(text);
  if (item === undefined) throw new ZprovError('internal', 'a stored account is not an account item');
  return item;
}

/** Throws invalid_input naming the first error's field; returns the warnings. */
export function assertValidAccountItem(item: SectionNode): Diagnostic[] {
  const diagnostics = validateAccountItem(item);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined)
    throw new ZprovError('invalid_input', `account ${error.path}: ${error.message}`, error.path);
  return diagnostics;
}

/** Sets an option of the item by path from its text form; list paths take a comma-separated list of codes. */
export function setAccountOption(item: SectionNode, path: string, text: string): SectionNode {
  refuseManaged(path);
  return edited(setOptionIn(item, ACCOUNT_SCOPE, path, text), path);
}

/** Removes an option (or list, or section) by path; sections left empty go too. */
export function unsetAccountOption(item: SectionNode, path: string): SectionNode {
  refuseManaged(path);
  return edited(unsetOptionIn(item, ACCOUNT_SCOPE, path), path);
}

function refuseManaged(path: string): void {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments[0];
  if (first === undefined)
    throw new ZprovError('invalid_input', `'${path}' is not an account option path`, path);
  if (segments.length === 1 && MANAGED[first] !== undefined)
    throw new ZprovError('invalid_input', `${first}: ${MANAGED[first]}`, first);
}

function edited(edit: SubtreeEdit, path: string): SectionNode {
  if (!edit.ok) throw new ZprovError('invalid_input', edit.error, path);
  return edit.section;
}
