// The SQLite file, read with the sqlite3 command-line shell (and byte by byte), holds no provisioning
// password in any form a phone could send and no SIP/IAX password.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { md5Hex } from '../../src/core/index.js';
import { request, testApp, type TestApp } from '../support/test-app.js';

const PROVISIONING = 'Prov-Secret-4711';
const ROTATED = 'Rotated-Secret-0815';
const SIP = 'Sip-Secret-&<42>';
const IAX = 'Iax-Secret-üñí';
const PROXY = 'Proxy-Secret-1234';
const PROVISION_OPTION = 'ProvOpt-Secret-5678';
const LDAP = 'Ldap-Secret-9012';

describe('secrets at rest', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('keeps no password in clear in the SQLite file: provisioning, SIP, IAX, proxy, LDAP', async () => {
    const m = t.app.management;
    await m.users.add({ tenant: 'default', username: 'alice', password: PROVISIONING });
    await m.accounts.add('default', 'alice', {
      protocol: 'sip',
      username: '1001',
      password: SIP,
      domain: 'pbx.example',
    });
    await m.accounts.add('default', 'alice', {
      protocol: 'iax2',
      username: '1002',
      password: IAX,
      domain: 'iax.example',
    });
    // Passwords in profiles: set by path, and imported with a contact service.
    await m.profiles.create('office');
    await m.profiles.set('office', 'proxy/custom_proxy/password', PROXY);
    await m.profiles.set('office', 'provision/password', PROVISION_OPTION);
    await m.profiles.import(
      'office',
      `<options><contact_services><contact_service><ident>dir</ident><type>ldap</type>
        <host>ldap.example:389</host><username>cn=zprov</username><password>${LDAP}</password>
      </contact_service></contact_services></options>`,
      'merge',
    );
    await m.profiles.assign('office', { kind: 'server' });
    const served = await t.app.provisioning.provision(request('alice', PROVISIONING));
    expect(served.ok && served.body).toContain('Sip-Secret-&amp;&lt;42&gt;');
    // ... served in clear, and shown in clear to the administrator.
    for (const secret of [PROXY, PROVISION_OPTION, LDAP]) expect(served.ok && served.body).toContain(secret);
    expect((await m.profiles.show('office')).document).toEqual(expect.objectContaining({ kind: 'config' }));
    expect(JSON.stringify((await m.profiles.show('office')).document)).toContain(PROXY);
    await m.users.setPassword('default', 'alice', ROTATED);
    await t.app.provisioning.provision(request('alice', md5Hex(ROTATED)));
    await t.app.close();

    const database = join(t.dataDir, 'zprov.sqlite');
    const dump = execFileSync('sqlite3', [database, '.dump'], { encoding: 'utf8' });
    expect(dump).toContain('gcm1.'); // the sealed SIP passwords are there ...
    expect(dump).toContain('$scrypt$ln='); // ... and the password hashes
    const raw = readdirSync(t.dataDir)
      .filter((f) => f.startsWith('zprov.sqlite'))
      .map((f) => readFileSync(join(t.dataDir, f)).toString('latin1'))
      .join('');
    const forbidden = [
      PROVISIONING,
      md5Hex(PROVISIONING),
      ROTATED,
      md5Hex(ROTATED),
      SIP,
      IAX,
      'Sip-Secret',
      'Iax-Secret',
      PROXY,
      PROVISION_OPTION,
      LDAP,
    ];
    for (const secret of forbidden) {
      expect(dump, secret).not.toContain(secret);
      expect(raw, secret).not.toContain(secret);
      expect(raw, secret).not.toContain(Buffer.from(secret, 'utf8').toString('latin1'));
    }
  });
});
