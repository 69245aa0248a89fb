import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../../src/services/credential-cache.js';

describe('credential cache', () => {
  it('matches the same login and secret only', () => {
    const cache = new CredentialCache();
    const fp = cache.fingerprint('default\u0000alice', 'secret');
    cache.remember('default\u0000alice', fp, {
      userId: 'u1',
      stamp: 's1',
      validUntil: undefined,
      passwordId: 'p1',
    });
    expect(
      cache.match('default\u0000alice', cache.fingerprint('default\u0000alice', 'secret'), 0)?.userId,
    ).toBe('u1');
    expect(
      cache.match('default\u0000alice', cache.fingerprint('default\u0000alice', 'Secret'), 0),
    ).toBeUndefined();
    expect(
      cache.match('default\u0000bob', cache.fingerprint('default\u0000bob', 'secret'), 0),
    ).toBeUndefined();
  });

  it('keys its fingerprints per process, so they mean nothing elsewhere', () => {
    expect(new CredentialCache().fingerprint('l', 's')).not.toBe(new CredentialCache().fingerprint('l', 's'));
  });

  it('drops a login that matched the previous password once its window closes', () => {
    const cache = new CredentialCache();
    const fp = cache.fingerprint('l', 'old');
    cache.remember('l', fp, { userId: 'u', stamp: 's', validUntil: 1000, passwordId: 'p1' });
    expect(cache.match('l', fp, 999)).toBeDefined();
    expect(cache.match('l', fp, 1000)).toBeUndefined();
    expect(cache.match('l', fp, 0)).toBeUndefined();
  });

  it('forgets secrets remembered under an older credential stamp', () => {
    const cache = new CredentialCache();
    const old = cache.fingerprint('l', 'old');
    const fresh = cache.fingerprint('l', 'new');
    cache.remember('l', old, { userId: 'u', stamp: 'before', validUntil: undefined, passwordId: 'p1' });
    cache.remember('l', fresh, { userId: 'u', stamp: 'after', validUntil: undefined, passwordId: 'p1' });
    expect(cache.match('l', old, 0)).toBeUndefined();
    expect(cache.match('l', fresh, 0)?.stamp).toBe('after');
  });
});
