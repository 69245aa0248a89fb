// Account defaults end to end: `profile set account/…` on profiles of several layers, and what
// `render` and the endpoint then serve for each account.
import { describe, expect, it } from 'vitest';
import { optionIn, readConfig } from '../../src/core/index.js';
import { cliWithDataDir, type CliRun } from './cli-harness.js';

describe('account defaults through the command line', () => {
  const { zprov, ok } = cliWithDataDir();

  it('layers tenant and group defaults under each account, and render shows the result', async () => {
    await ok('group', 'add', 'sales');
    await ok('user', 'add', 'alice', '--password', 'alice-password', '--group', 'sales');
    const identOf = (run: CliRun) => /account ([0-9a-f]{16})/.exec(run.stdout)?.[1] as string;
    const sipIdent = identOf(
      await ok('account', 'add', 'alice', '--username', '1001', '--domain', 'pbx.example.com'),
    );
    const iaxIdent = identOf(
      await ok(
        'account',
        'add',
        'alice',
        '--protocol',
        'iax2',
        '--username',
        '2001',
        '--domain',
        'pbx.example.com',
      ),
    );
    await ok('profile', 'create', 'company');
    await ok('profile', 'set', 'company', 'account/SIP_transport_type', 'tls');
    await ok('profile', 'set', 'company', 'account/SIP_use_outbound_proxy', 'true');
    await ok('profile', 'set', 'company', 'account/SIP_outbound_proxy', 'edge.example.com:5061');
    await ok('profile', 'set', 'company', 'account/codecs', 'opus,pcmu');
    await ok('profile', 'assign', 'company', '--tenant', 'default');
    await ok('profile', 'create', 'sales');
    await ok('profile', 'set', 'sales', 'account/codecs', 'g722');
    await ok('profile', 'assign', 'sales', '--group', 'sales');
    const shown = await ok('profile', 'show', 'company');
    expect(shown.stderr).toContain('#   account/SIP_transport_type = tls');

    const rendered = (await ok('render', 'alice')).stdout;
    const { document } = readConfig(rendered);
    const at = (ident: string, path: string) =>
      optionIn(document!.root, `accounts/account[ident=${ident}]/${path}`);
    expect(at(sipIdent, 'SIP_transport_type')).toBe('tls');
    expect(at(sipIdent, 'SIP_outbound_proxy')).toBe('edge.example.com:5061');
    expect(at(sipIdent, 'codecs/codec[codec_id=7]/priority')).toBe(0);
    expect(at(sipIdent, 'codecs/codec[codec_id=37]/priority')).toBeUndefined();
    expect(at(iaxIdent, 'SIP_transport_type')).toBeUndefined();
    expect(at(iaxIdent, 'codecs/codec[codec_id=7]/priority')).toBe(0);

    // The account's own setting wins over every layer.
    await ok('account', 'update', sipIdent, '--set', 'SIP_transport_type=udp');
    const again = readConfig((await ok('render', 'alice')).stdout).document!;
    expect(optionIn(again.root, `accounts/account[ident=${sipIdent}]/SIP_transport_type`)).toBe('udp');

    await ok('profile', 'unset', 'company', 'account/SIP_outbound_proxy');
    await ok('profile', 'unset', 'company', 'account/SIP_use_outbound_proxy');
    const last = readConfig((await ok('render', 'alice')).stdout).document!;
    expect(optionIn(last.root, `accounts/account[ident=${sipIdent}]/SIP_outbound_proxy`)).toBeUndefined();
  });

  it('refuses per-account options and unknown ones as defaults, naming the path', async () => {
    await ok('profile', 'create', 'p');
    const password = await zprov('profile', 'set', 'p', 'account/password', 'x');
    expect(password.code).toBe(1);
    expect(password.stderr).toMatch(/account\/password: each account's password is its own/);
    const typo = await zprov('profile', 'set', 'p', 'account/SIP_trasport_type', 'tls');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/did you mean 'SIP_transport_type'/);
  });
});
