// Provisioning passwords at rest, always over the MD5 hex of the password, so one stored form checks
// both forms a phone may send (the plain password, or its MD5 hex when Provision.xml says
// password_format 0). Two kinds:
// - scrypt, for passwords a person chose: slow on purpose, so a stolen database cannot be searched
//   for them. $scrypt$ln=14,r=8,p=1$<salt>$<hash> (base64).
// - HMAC-SHA-256 under a key kept apart from the database (derived from the key file), for passwords
//   zprov generated: about 116 random bits, beyond any search, so a fast check loses nothing and a
//   boot storm of thousands of phones costs microseconds each. $hmac-sha256$k=<key id>$<salt>$<mac>.
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { isMd5Hex, md5Hex } from '../core/index.js';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** About 50 ms and 16 MiB per hash on a small server core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ logN: 14, r: 8, p: 1 });

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const ENCODED =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    // Runs on libuv's thread pool: the event loop keeps serving while a hash is computed.
    scrypt(
      secret,
      salt,
      KEY_LENGTH,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const MAC_ENCODED = /^\$hmac-sha256\$k=([0-9a-f]{8})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function decode(encoded: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const m = ENCODED.exec(encoded);
  if (m === null) return undefined;
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.logN < 1 || params.logN > 22 || params.r < 1 || params.p < 1) return undefined;
  return { params, salt: Buffer.from(m[4] as string, 'base64'), hash: Buffer.from(m[5] as string, 'base64') };
}

export class PasswordHasher {
  private readonly macKeyId: string | undefined;

  /** `macKey`: the key for generated passwords' HMACs; without one they are hashed with scrypt too. */
  constructor(
    readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
    private readonly macKey?: Buffer,
  ) {
    this.macKeyId = macKey && createHash('sha256').update(macKey).digest('hex').slice(0, 8);
  }

  /** Hashes a password zprov generated: a keyed HMAC when there is a key, else scrypt. */
  async hashGenerated(password: string): Promise<string> {
    if (this.macKey === undefined || this.macKeyId === undefined) return this.hash(password);
    const salt = randomBytes(SALT_LENGTH);
    const mac = this.mac(this.macKey, salt, md5Hex(password));
    return `$hmac-sha256$k=${this.macKeyId}$${salt.toString('base64')}$${mac.toString('base64')}`;
  }

  private mac(key: Buffer, salt: Buffer, md5: string): Buffer {
    return createHmac('sha256', key).update(salt).update(md5.toLowerCase()).digest();
  }

  /** Whether checking against this stored form runs the slow hash (and so takes a measurable time). */
  isSlow(encoded: string): boolean {
    return !encoded.startsWith('$hmac-sha256$');
  }

  /** Hashes a plain password (stored as scrypt of its MD5 hex). */
  async hash(password: string): Promise<string> {
    return this.hashMd5(md5Hex(password));
  }

  /** Hashes a password given only as its MD5 hex. */
  async hashMd5(md5: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(md5.toLowerCase(), salt, this.params);
    const { logN, r, p } = this.params;
    return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /**
   * Checks what a phone sent against a stored hash. A value of exactly 32 hex digits is first taken
   * as the MD5 form; if that fails it is taken as a plain password and MD5'd (so a plain password
   * that happens to be 32 hex digits still works, at the cost of a second hash).
   */
  /** How many slow hashes checking `presented` may take: two for 32 hex digits (see verify). */
  hashesFor(presented: string): number {
    return isMd5Hex(presented) ? 2 : 1;
  }

  async verify(encoded: string, presented: string): Promise<boolean> {
    return this.verifyCandidates(
      encoded,
      isMd5Hex(presented) ? [presented.toLowerCase(), md5Hex(presented)] : [md5Hex(presented)],
    );
  }

  /**
   * Checks a password typed by a person (the web pages' sign-in): only as the password itself, never
   * as its MD5 form, which only phones send.
   */
  async verifyTyped(encoded: string, presented: string): Promise<boolean> {
    return this.verifyCandidates(encoded, [md5Hex(presented)]);
  }

  private async verifyCandidates(encoded: string, candidates: readonly string[]): Promise<boolean> {
    const keyed = MAC_ENCODED.exec(encoded);
    if (keyed !== null) {
      // A key other than this server's (or none): the stored form cannot be checked here.
      if (this.macKey === undefined || keyed[1] !== this.macKeyId) return false;
      const salt = Buffer.from(keyed[2] as string, 'base64');
      const stored = Buffer.from(keyed[3] as string, 'base64');
      let matches = false;
      for (const candidate of candidates) {
        const mac = this.mac(this.macKey, salt, candidate);
        if (mac.length === stored.length && timingSafeEqual(mac, stored)) matches = true;
      }
      return matches;
    }
    const stored = decode(encoded);
    if (stored === undefined) return false;
    for (const candidate of candidates) {
      const key = await derive(candidate, stored.salt, stored.params);
      if (key.length === stored.hash.length && timingSafeEqual(key, stored.hash)) return true;
    }
    return false;
  }

  /** A valid hash of a random password: verified against when a username is unknown, so the answer takes as long. */
  async dummyHash(): Promise<string> {
    return this.hash(randomBytes(24).toString('base64'));
  }
}

/**
 * A short name for one stored hash (so for one setting of a password): recorded with a served fetch,
 * it tells later whether the phone holds the current password or one since replaced, without
 * keeping anything a password could be tested against.
 */
export const passwordId = (encoded: string): string =>
  createHash('sha256').update(encoded).digest('hex').slice(0, 16);

export const isPasswordHash = (text: string): boolean => decode(text) !== undefined || MAC_ENCODED.test(text);
