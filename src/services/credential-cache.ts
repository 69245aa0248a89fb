// Remembers logins that passed the slow hash, so a phone fetching again costs one SHA-256 instead of
// scrypt. What is kept is a keyed fingerprint (SHA-256 over a random 256-bit key made at start and
// never stored, then the login and the secret presented), compared in constant time; never the
// secret itself. Fingerprints never leave the process, so a keyed hash does what an HMAC would, at
// the price of Node's one-shot hash rather than an HMAC object per request. Fingerprints are base64
// text rather than Buffers, which a one-shot digest makes more cheaply (docs/server.md, "Benchmark").
// An entry holds the user's credential stamp at verification time: when the stamp changes (password
// set, user disabled) the entry no longer counts.
import { hash, randomBytes } from 'node:crypto';

/** A keyed SHA-256 of a login and a secret, base64. */
export type Fingerprint = string & { readonly __fingerprint: true };

const sha256 = (data: string): string => hash('sha256', data, 'base64');

/** Compares every character whatever the first difference, so the time taken tells nothing. */
function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export interface CachedLogin {
  readonly userId: string;
  /** Credential stamp at verification (see provisioning-service.ts). */
  readonly stamp: string;
  /** For a login that matched the previous password: when the rotation window closes (epoch ms). */
  readonly validUntil: number | undefined;
  /** passwordId() of the hash the login matched. */
  readonly passwordId: string | undefined;
}

interface Entry extends CachedLogin {
  readonly fingerprint: Fingerprint;
}

/** Distinct secrets remembered per login (plain and MD5 form, old and new password). */
const PER_LOGIN = 4;

export class CredentialCache {
  private readonly key = randomBytes(32).toString('hex');
  private readonly entries = new Map<string, Entry[]>();

  fingerprint(login: string, secret: string): Fingerprint {
    return sha256(`${this.key}\u0000${login}\u0000${secret}`) as Fingerprint;
  }

  match(login: string, fingerprint: Fingerprint, now: number): CachedLogin | undefined {
    const list = this.entries.get(login);
    if (list === undefined) return undefined;
    let found: Entry | undefined;
    // Every entry is compared, so the time taken does not tell which one matched.
    for (const entry of list) if (sameFingerprint(entry.fingerprint, fingerprint)) found = entry;
    if (found?.validUntil !== undefined && found.validUntil <= now) {
      this.entries.set(
        login,
        list.filter((e) => e !== found),
      );
      return undefined;
    }
    return found;
  }

  remember(login: string, fingerprint: Fingerprint, value: CachedLogin): void {
    const kept = (this.entries.get(login) ?? []).filter(
      (e) => e.stamp === value.stamp && !sameFingerprint(e.fingerprint, fingerprint),
    );
    kept.push({ ...value, fingerprint });
    this.entries.set(login, kept.slice(-PER_LOGIN));
  }

  forget(login: string): void {
    this.entries.delete(login);
  }

  get size(): number {
    return this.entries.size;
  }
}
