// Pinning an option to platforms from the command line: `profile set --platform`, what `profile show`
// says of it, `render --platform` per app, and `render --compare` naming what each platform is not sent.
import { describe, expect, it } from 'vitest';
import { cliWithDataDir } from './cli-harness.js';

describe('options pinned to platforms through the command line', () => {
  const { zprov, ok } = cliWithDataDir();

  it('sends a pinned option to its platforms only and says what each one is not sent', async () => {
    await ok('user', 'add', 'alice', '--password', 'alice-password');
    await ok('account', 'add', 'alice', '--username', '1001', '--domain', 'pbx.example.com');
    await ok('profile', 'create', 'apps');
    await ok('profile', 'assign', 'apps', '--tenant', 'default');
    const set = await ok(
      'profile',
      'set',
      'apps',
      'account/SIP_callerId',
      'Front desk',
      '--platform',
      'android,ios',
    );
    expect(set.stdout).toBe('apps: set account/SIP_callerId for android, ios\n');
    expect((await ok('profile', 'show', 'apps')).stderr).toContain('#   account/SIP_callerId: android, ios');
    expect((await ok('render', 'alice')).stdout).not.toContain('SIP_callerId');
    for (const platform of ['android', 'ios'])
      expect((await ok('render', 'alice', '--platform', platform)).stdout).toContain(
        '<SIP_callerId>Front desk</SIP_callerId>',
      );

    const table = (await ok('render', 'alice', '--compare')).stdout.split('\n');
    expect(table[0]).toMatch(/^PLATFORM\s+NOT SENT\s+VALUE\s+WHY$/);
    expect(table).toContainEqual(
      expect.stringMatching(
        /^desktop\s+accounts\/account\[ident=\w+\]\/SIP_callerId\s+Front desk\s+pinned to other platforms$/,
      ),
    );
    expect(table).toContainEqual(
      expect.stringMatching(/^android\s+general\/account\s+\w+\s+not in this platform/),
    );
    const json = JSON.parse((await ok('render', 'alice', '--compare', '--json')).stdout) as Record<
      string,
      { path: string }[]
    >;
    expect(Object.keys(json)).toEqual(['desktop', 'android', 'ios']);
    expect(json['ios']?.map((l) => l.path)).not.toContainEqual(expect.stringMatching(/SIP_callerId/));
  });

  it('refuses a platform that is not one, or one whose dialect lacks the option, changing nothing', async () => {
    await ok('profile', 'create', 'apps');
    const unknown = await zprov(
      'profile',
      'set',
      'apps',
      'general/auto_away',
      '300',
      '--platform',
      'symbian',
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("--platform: expected one of desktop, android, ios, got 'symbian'");
    const lacking = await zprov(
      'profile',
      'set',
      'apps',
      'general/auto_away',
      '300',
      '--platform',
      'desktop,ios',
    );
    expect(lacking.code).not.toBe(0);
    expect(lacking.stderr).toContain('general/auto_away: not in the ios dialect');
    expect((await ok('profile', 'show', 'apps')).stdout).not.toContain('auto_away');
    const mixed = await zprov('render', 'nobody', '--compare', '--platform', 'ios');
    expect(mixed.stderr).toContain('--compare covers every platform');
  });
});
