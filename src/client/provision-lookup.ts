// Finding Provision.xml the way Zoiper5 Desktop does: the working directory, then the executable's
// directory, then the user's data directory; the first file found is the one used. Both spellings of
// the name are looked for, capital P first. On Linux the name is matched exactly; on Windows and macOS
// file systems ignore case, so any spelling of the name matches there.
import { PROVISION_FILE_NAMES } from '../core/index.js';
import type { ClientFileSystem } from './client-ports.js';
import type { LookupLocation, LookupStep } from './simulation-report.js';
import { join } from 'node:path';
import type { DesktopOs } from './zoiper-locations.js';

export interface LookupDirectories {
  readonly workingDirectory: string;
  readonly executableDirectory: string;
  /** Undefined when the environment does not say where the user's home is. */
  readonly dataDirectory: string | undefined;
}

export interface LookupResult {
  readonly steps: readonly LookupStep[];
  readonly found?: { readonly path: string; readonly location: LookupLocation };
}

export async function findProvisionFile(
  directories: LookupDirectories,
  os: DesktopOs,
  fs: ClientFileSystem,
): Promise<LookupResult> {
  const order: [LookupLocation, string | undefined][] = [
    ['working-directory', directories.workingDirectory],
    ['executable-directory', directories.executableDirectory],
    ['data-directory', directories.dataDirectory],
  ];
  const steps: LookupStep[] = [];
  for (const [location, directory] of order) {
    if (directory === undefined) {
      steps.push({
        location,
        directory: '',
        names: PROVISION_FILE_NAMES,
        note: 'unknown: the environment names no home directory (give the directory with a flag)',
      });
      continue;
    }
    const entries = await fs.listDirectory(directory);
    if (entries === undefined) {
      steps.push({ location, directory, names: PROVISION_FILE_NAMES, note: 'directory does not exist' });
      continue;
    }
    const name = matchName(entries, os);
    if (name === undefined) {
      steps.push({ location, directory, names: PROVISION_FILE_NAMES });
      continue;
    }
    const path = join(directory, name);
    steps.push({ location, directory, names: PROVISION_FILE_NAMES, found: path });
    return { steps, found: { path, location } };
  }
  return { steps };
}

/** The entry the phone would open, trying the documented spellings in order. */
export function matchName(entries: readonly string[], os: DesktopOs): string | undefined {
  for (const wanted of PROVISION_FILE_NAMES) {
    if (entries.includes(wanted)) return wanted;
  }
  if (os === 'linux') return undefined;
  const folded = PROVISION_FILE_NAMES[0].toLowerCase();
  return entries.find((e) => e.toLowerCase() === folded);
}
