// What a submitted account form asks the account service to change: everything filled in for a new
// account; for an existing one only what differs from what it holds, an emptied option unset and a
// blank password kept.
import { describe, expect, it } from 'vitest';
import { accountChanges, moreOptions } from '../../../src/server/admin-web/pages/account-form.js';

describe('the account form', () => {
  it('offers each protocol its own options, nested ones by path, never the other protocol’s', () => {
    const sip = moreOptions('sip').map(([path]) => path);
    const iax = moreOptions('iax2').map(([path]) => path);
    expect(sip).toContain('SIP_use_rport');
    expect(sip).toContain('stun/use_stun');
    expect(sip.some((p) => p.startsWith('IAX2_'))).toBe(false);
    expect(iax).toContain('IAX2_callerId');
    expect(iax.some((p) => p.startsWith('SIP_'))).toBe(false);
    // Set by zprov or by a field of their own.
    for (const path of ['ident', 'protocol', 'password', 'username', 'name', 'codecs', 'SIP_domain'])
      expect(sip).not.toContain(path);
  });

  it('asks for every field filled in when adding an account', () => {
    const changes = accountChanges(
      'sip',
      { username: '1001', SIP_domain: 'pbx.example', SIP_transport_type: 'tls', SIP_keep_alive_timeout: '' },
      'secret',
    );
    expect(changes).toEqual({
      protocol: 'sip',
      username: '1001',
      password: 'secret',
      domain: 'pbx.example',
      set: [['SIP_transport_type', 'tls']],
      unset: [],
    });
  });

  it('asks for what differs when editing: changed set, emptied unset, blank password kept', () => {
    const stored = {
      username: '1001',
      SIP_domain: 'pbx.example',
      SIP_transport_type: 'udp',
      'o:stun/use_stun': 'custom',
      'o:SIP_callerId': 'Alice',
      codecs: 'opus,pcmu',
      name: '',
    };
    const changes = accountChanges(
      'sip',
      { ...stored, SIP_transport_type: 'tcp', 'o:SIP_callerId': '', codecs: 'g722', name: 'Desk' },
      '',
      stored,
    );
    expect(changes).toEqual({
      set: [
        ['SIP_transport_type', 'tcp'],
        ['name', 'Desk'],
        ['codecs', 'g722'],
      ],
      unset: ['SIP_callerId'],
    });
  });
});
