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

describe('secrets at rest', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('keeps no plaintext provisioning or SIP password in the SQLite file', async () => {
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
    const served = await t.app.provisioning.provision(request('alice', PROVISIONING));
    expect(served.ok && served.body).toContain('Sip-Secret-&amp;&lt;42&gt;');
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
    ];
    for (const secret of forbidden) {
      expect(dump, secret).not.toContain(secret);
      expect(raw, secret).not.toContain(secret);
      expect(raw, secret).not.toContain(Buffer.from(secret, 'utf8').toString('latin1'));
    }
  });
});
