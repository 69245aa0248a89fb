// Where Zoiper5 Desktop keeps its files on each operating system, for the provision-file lookup
// and the default Config.xml. The vendor names the Windows and Linux places; the macOS ones are
// zprov's choice (docs/phone-emulation.md).
import { posix, win32 } from 'node:path';

export type DesktopOs = 'windows' | 'linux' | 'macos';
export const DESKTOP_OSES: readonly DesktopOs[] = ['windows', 'linux', 'macos'];

export const CONFIG_FILE_NAME = 'Config.xml';

/** The environment variables the conventions use; the CLI passes its environment. */
export interface LocationEnv {
  readonly HOME?: string | undefined;
  readonly APPDATA?: string | undefined;
  readonly USERPROFILE?: string | undefined;
  readonly PATH?: string | undefined;
  readonly Path?: string | undefined;
}

/** The OS zprov runs on, in the emulator's terms (Node's process.platform value in). */
export function hostOs(platform: string): DesktopOs {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}

/**
 * The user's Zoiper5 data directory: Windows %APPDATA%\Zoiper5, Linux ~/.Zoiper5, macOS
 * ~/Library/Application Support/Zoiper5. Undefined when the environment does not say where that is
 * (Windows conventions need APPDATA or USERPROFILE; the others HOME, or the given home directory).
 * Files themselves are found with the host's path rules: the emulated conventions name places only.
 */
export function defaultDataDirectory(os: DesktopOs, env: LocationEnv, homeDir?: string): string | undefined {
  const home = nonEmpty(env.HOME) ?? homeDir;
  switch (os) {
    case 'windows': {
      const appData = nonEmpty(env.APPDATA);
      if (appData !== undefined) return win32.join(appData, 'Zoiper5');
      const profile = nonEmpty(env.USERPROFILE);
      return profile === undefined ? undefined : win32.join(profile, 'AppData', 'Roaming', 'Zoiper5');
    }
    case 'linux':
      return home === undefined ? undefined : posix.join(home, '.Zoiper5');
    case 'macos':
      return home === undefined ? undefined : posix.join(home, 'Library', 'Application Support', 'Zoiper5');
  }
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

/** Where the installer puts the executable when nothing better is known. */
const DEFAULT_EXECUTABLE_DIRECTORY: Readonly<Record<DesktopOs, string>> = {
  windows: 'C:\\Program Files (x86)\\Zoiper5',
  linux: '/usr/bin',
  macos: '/Applications/Zoiper5.app/Contents/MacOS',
};

const EXECUTABLE_NAMES: Readonly<Record<DesktopOs, readonly string[]>> = {
  windows: ['Zoiper5.exe', 'zoiper5.exe', 'Zoiper.exe', 'zoiper.exe'],
  linux: ['zoiper5', 'Zoiper5', 'zoiper'],
  macos: ['Zoiper5', 'zoiper5'],
};

/**
 * The directory of the Zoiper executable: the first PATH entry that holds one (the way a shell would
 * start it), else the installer's default. `listDirectory` answers which names a directory holds.
 */
export async function defaultExecutableDirectory(
  os: DesktopOs,
  env: LocationEnv,
  listDirectory: (dir: string) => Promise<readonly string[] | undefined>,
): Promise<string> {
  const path = env.PATH ?? env.Path ?? '';
  const separator = os === 'windows' ? ';' : ':';
  for (const dir of path.split(separator)) {
    if (dir === '') continue;
    const names = await listDirectory(dir).catch(() => undefined);
    if (names?.some((n) => EXECUTABLE_NAMES[os].includes(n))) return dir;
  }
  return DEFAULT_EXECUTABLE_DIRECTORY[os];
}
