// The document a revoked user's phones are sent once: valid on each platform, and laid over a phone's
// configuration the way the phone lays it, it leaves no account that could register and no secret.
import { describe, expect, it } from 'vitest';
import {
  overlay,
  parseConfig,
  platformConfigSchemas,
  removalDocument,
  serializeConfig,
  storedConfigSchema,
  validateConfig,
  ZOIPER_PLATFORMS,
} from '../../../src/core/index.js';

const LOCAL = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <general><account>a1</account></general>
  <accounts>
    <account>
      <ident>a1</ident><name>Office</name><protocol>sip</protocol><username>1001</username>
      <password>s3cret</password><SIP_domain>pbx.example</SIP_domain><SIP_auth_username>auth1001</SIP_auth_username>
    </account>
    <account>
      <ident>a2</ident><protocol>iax2</protocol><username>2001</username><password>iaxpass</password>
      <IAX2_host>iax.example</IAX2_host>
    </account>
  </accounts>
</options>
`;

const local = () => {
  const { document } = parseConfig(LOCAL, {}, storedConfigSchema);
  if (document === undefined) throw new Error('fixture does not parse');
  return document;
};

const ACCOUNTS = [
  { ident: 'a1', protocol: 'sip' },
  { ident: 'a2', protocol: 'iax2' },
];

describe('removal document', () => {
  it("is valid in every platform's dialect, whichever way the Desktop merges accounts", () => {
    for (const platform of ZOIPER_PLATFORMS)
      for (const deleteAccountsBeforehand of [true, false]) {
        const removal = removalDocument(ACCOUNTS, platform, { deleteAccountsBeforehand });
        expect(removal.empty).toBe(false);
        expect(
          validateConfig(removal.document, platformConfigSchemas[platform]).filter(
            (d) => d.severity === 'error',
          ),
        ).toEqual([]);
      }
  });

  it('leaves the apps and a Desktop that deletes accounts first with none', () => {
    for (const platform of ZOIPER_PLATFORMS) {
      const removal = removalDocument(ACCOUNTS, platform, { deleteAccountsBeforehand: true });
      const after = serializeConfig(overlay(local(), removal.document, { deleteAccountsBeforehand: true }));
      expect(after).not.toMatch(/<ident>|s3cret|iaxpass|1001/);
    }
  });

  it('empties each account a Desktop keeps, by ident: no credentials, no registrar, not registering', () => {
    const removal = removalDocument(ACCOUNTS, 'desktop', { deleteAccountsBeforehand: false });
    const after = serializeConfig(overlay(local(), removal.document, { deleteAccountsBeforehand: false }));
    expect(after).not.toMatch(/s3cret|iaxpass|1001|2001|auth1001|pbx\.example|iax\.example/);
    expect(after.match(/<register_on_startup>false<\/register_on_startup>/g)).toHaveLength(2);
    // The same idents: nothing was added beside the emptied accounts.
    expect(after.match(/<ident>/g)).toHaveLength(2);
  });

  it('is the same bytes for the same accounts', () => {
    const a = removalDocument(ACCOUNTS, 'desktop', { deleteAccountsBeforehand: false });
    const b = removalDocument([...ACCOUNTS], 'desktop', { deleteAccountsBeforehand: false });
    expect(a.body).toBe(b.body);
    expect(a.hash).toBe(b.hash);
  });
});
