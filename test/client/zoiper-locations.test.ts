import { describe, expect, it } from 'vitest';
import {
  defaultDataDirectory,
  defaultExecutableDirectory,
  hostOs,
} from '../../src/client/zoiper-locations.js';

describe('Zoiper5 Desktop locations per OS', () => {
  it('puts the data directory under %APPDATA% on Windows', () => {
    expect(defaultDataDirectory('windows', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Zoiper5',
    );
    expect(defaultDataDirectory('windows', { USERPROFILE: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Zoiper5',
    );
    expect(defaultDataDirectory('windows', { HOME: '/home/ann' })).toBeUndefined();
  });

  it('uses ~/.Zoiper5 on Linux and ~/Library/Application Support/Zoiper5 on macOS', () => {
    expect(defaultDataDirectory('linux', { HOME: '/home/ann' })).toBe('/home/ann/.Zoiper5');
    expect(defaultDataDirectory('macos', { HOME: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/Zoiper5',
    );
    expect(defaultDataDirectory('linux', {}, '/fallback')).toBe('/fallback/.Zoiper5');
    expect(defaultDataDirectory('linux', {})).toBeUndefined();
  });

  it('finds the executable directory on PATH, else the installer default', async () => {
    const listing: Record<string, string[]> = { '/opt/a': ['ls'], '/opt/zoiper': ['zoiper5', 'lib'] };
    const list = async (dir: string) => listing[dir];
    expect(await defaultExecutableDirectory('linux', { PATH: '/opt/a:/missing:/opt/zoiper' }, list)).toBe(
      '/opt/zoiper',
    );
    expect(await defaultExecutableDirectory('linux', { PATH: '/opt/a' }, list)).toBe('/usr/bin');
    expect(await defaultExecutableDirectory('macos', {}, list)).toBe(
      '/Applications/Zoiper5.app/Contents/MacOS',
    );
    expect(
      await defaultExecutableDirectory('windows', { Path: 'C:\\Tools;C:\\Zoiper' }, async (d) =>
        d === 'C:\\Zoiper' ? ['Zoiper5.exe'] : [],
      ),
    ).toBe('C:\\Zoiper');
  });

  it('names the host OS in the emulator terms', () => {
    expect([hostOs('win32'), hostOs('darwin'), hostOs('linux'), hostOs('freebsd')]).toEqual([
      'windows',
      'macos',
      'linux',
      'linux',
    ]);
  });
});
