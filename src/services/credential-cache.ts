// Remembers logins that passed the slow hash, so a phone fetching again costs an HMAC instead of
// scrypt. What is kept is a keyed fingerprint (HMAC-SHA256 under a key made at start and never
// stored) of the login and the secret presented, compared in constant time; never the secret itself.
// An entry holds the user's credential stamp at verification time: when the stamp changes (password
// set, user disabled) the entry no longer counts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CachedLogin {
  readonly userId: string;
  /** Credential stamp at verification (see provisioning-service.ts). */
  readonly stamp: string;
  /** For a login that matched the previous password: when the rotation window closes (epoch ms). */
  readonly validUntil: number | undefined;
}

interface Entry extends CachedLogin {
  readonly fingerprint: Buffer;
}

/** Distinct secrets remembered per login (plain and MD5 form, old and new password). */
const PER_LOGIN = 4;

export class CredentialCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry[]>();

  fingerprint(login: string, secret: string): Buffer {
    return createHmac('sha256', this.key).update(login).update('\u0000').update(secret).digest();
  }

  match(login: string, fingerprint: Buffer, now: number): CachedLogin | undefined {
    const list = this.entries.get(login);
    if (list === undefined) return undefined;
    let found: Entry | undefined;
    // Every entry is compared, so the time taken does not tell which one matched.
    for (const entry of list) if (timingSafeEqual(entry.fingerprint, fingerprint)) found = entry;
    if (found?.validUntil !== undefined && found.validUntil <= now) {
      this.entries.set(
        login,
        list.filter((e) => e !== found),
      );
      return undefined;
    }
    return found;
  }

  remember(login: string, fingerprint: Buffer, value: CachedLogin): void {
    const kept = (this.entries.get(login) ?? []).filter(
      (e) => e.stamp === value.stamp && !timingSafeEqual(e.fingerprint, fingerprint),
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
