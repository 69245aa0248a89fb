import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../src/core/index.js';
import { isPasswordHash, PasswordHasher } from '../../src/services/password-hash.js';

const hasher = new PasswordHasher({ logN: 4, r: 8, p: 1 });

describe('provisioning password hash', () => {
  it('accepts the plain password and its MD5 hex, in either case', async () => {
    const encoded = await hasher.hash('s3cret & <more> "ü"');
    expect(await hasher.verify(encoded, 's3cret & <more> "ü"')).toBe(true);
    const md5 = md5Hex('s3cret & <more> "ü"');
    expect(await hasher.verify(encoded, md5)).toBe(true);
    expect(await hasher.verify(encoded, md5.toUpperCase())).toBe(true);
  });

  it('rejects a wrong password, the MD5 of a wrong password and an empty one', async () => {
    const encoded = await hasher.hash('right');
    expect(await hasher.verify(encoded, 'wrong')).toBe(false);
    expect(await hasher.verify(encoded, md5Hex('wrong'))).toBe(false);
    expect(await hasher.verify(encoded, '')).toBe(false);
  });

  it('still accepts a plain password that is itself 32 hex digits', async () => {
    const hexLooking = '0123456789abcdef0123456789abcdef';
    const encoded = await hasher.hash(hexLooking);
    expect(await hasher.verify(encoded, hexLooking)).toBe(true);
    expect(await hasher.verify(encoded, md5Hex(hexLooking))).toBe(true);
  });

  it('stores no trace of the password and salts every hash', async () => {
    const a = await hasher.hash('same');
    const b = await hasher.hash('same');
    expect(a).not.toBe(b);
    expect(a).not.toContain('same');
    expect(a).not.toContain(md5Hex('same'));
    expect(a).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
    expect(isPasswordHash(a)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const old = await new PasswordHasher({ logN: 5, r: 4, p: 1 }).hash('pw');
    expect(await hasher.verify(old, 'pw')).toBe(true);
  });

  it('treats a malformed stored hash as no match', async () => {
    expect(await hasher.verify('plaintext', 'plaintext')).toBe(false);
    expect(await hasher.verify('$scrypt$ln=99,r=8,p=1$AAAA$AAAA', 'x')).toBe(false);
    expect(isPasswordHash('nope')).toBe(false);
  });

  it('makes a dummy hash that matches nothing a caller would send', async () => {
    const dummy = await hasher.dummyHash();
    expect(isPasswordHash(dummy)).toBe(true);
    expect(await hasher.verify(dummy, '')).toBe(false);
  });

  it('keeps generated passwords as a keyed HMAC: both forms accepted, no trace, useless without the key', async () => {
    const key = Buffer.alloc(32, 7);
    const keyed = new PasswordHasher({ logN: 4, r: 8, p: 1 }, key);
    const generated = 'Zx8kQ2mNp4rT7vW9yB3c';
    const stored = await keyed.hashGenerated(generated);
    expect(stored).toMatch(/^\$hmac-sha256\$k=[0-9a-f]{8}\$/);
    expect(isPasswordHash(stored)).toBe(true);
    expect(keyed.isSlow(stored)).toBe(false);
    expect(stored).not.toContain(generated);
    expect(stored).not.toContain(md5Hex(generated));
    expect(await keyed.verify(stored, generated)).toBe(true);
    expect(await keyed.verify(stored, md5Hex(generated).toUpperCase())).toBe(true);
    expect(await keyed.verify(stored, `${generated}x`)).toBe(false);
    expect(
      await new PasswordHasher({ logN: 4, r: 8, p: 1 }, Buffer.alloc(32, 8)).verify(stored, generated),
    ).toBe(false);
    expect(await hasher.verify(stored, generated)).toBe(false);
    // Without a key, generated passwords are hashed like any other.
    expect(await hasher.hashGenerated(generated)).toMatch(/^\$scrypt\$/);
  });
});
