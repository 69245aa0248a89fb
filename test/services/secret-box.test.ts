import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/services/secret-box.js';

describe('secret box', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, non-ASCII and markup included', () => {
    const secret = `pa&ss<w>"o'rd ü 日本`;
    const sealed = box.seal(secret, 'ident-1');
    expect(sealed).not.toContain('pa&ss');
    expect(box.open(sealed, 'ident-1')).toBe(secret);
  });

  it('uses a fresh nonce for every value and names its key', () => {
    const a = box.seal('x', 'i');
    const b = box.seal('x', 'i');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).toBe(box.keyId);
    expect(Buffer.from(a.split('.')[2] as string, 'base64url')).toHaveLength(12);
  });

  it('refuses a value sealed for another account', () => {
    expect(() => box.open(box.seal('x', 'ident-1'), 'ident-2')).toThrow(/integrity/);
  });

  it('refuses a tampered value', () => {
    const parts = box.seal('secret', 'i').split('.');
    const ct = Buffer.from(parts[3] as string, 'base64url');
    ct[0] = (ct[0] as number) ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => box.open(parts.join('.'), 'i')).toThrow(/integrity/);
  });

  it('says so when the configured key is not the one that sealed the value', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('x', 'i');
    expect(() => box.open(sealed, 'i')).toThrow(/sealed with key/);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
