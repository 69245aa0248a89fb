// SIP/IAX passwords at rest: AES-256-GCM with a random 96-bit nonce per value, bound to the account
// ident (associated data) so a sealed value copied to another account does not open. The sealed text
// names the format version and the key (first bytes of its SHA-256), so a wrong key is reported as
// such rather than as corrupt data:  gcm1.<key id>.<nonce>.<ciphertext>.<tag>  (base64url).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ZprovError } from '../core/errors.js';

const VERSION = 'gcm1';
const NONCE_LENGTH = 12;
export const SECRET_KEY_LENGTH = 32;

const SEALED = /^gcm1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** Whether a stored value is in the sealed form (rather than a value stored in clear). */
export const isSealed = (text: string): boolean => SEALED.test(text);

/** How much of a sealed value names its key: the format version, a dot and the key id. */
export const SEALED_KEY_PREFIX_LENGTH = VERSION.length + 1 + 8;

/** The key id a sealed value's prefix names, or undefined for text in no format zprov reads. */
export function keyIdOfSealed(prefix: string): string | undefined {
  const [version, keyId] = prefix.split('.');
  return version === VERSION && keyId !== undefined && /^[0-9a-f]{8}$/.test(keyId) ? keyId : undefined;
}

export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== SECRET_KEY_LENGTH)
      throw new ZprovError(
        'config',
        `the secret key must be ${SECRET_KEY_LENGTH} bytes, got ${key.length}`,
        'secretKey',
      );
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(NONCE_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, nonce, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new ZprovError('internal', 'a stored secret is not in a format this version of zprov reads');
    const [, keyId, nonce, ciphertext, tag] = parts as [string, string, string, string, string];
    if (keyId !== this.keyId)
      throw new ZprovError(
        'config',
        `a stored secret was sealed with key ${keyId}, but the configured key is ${this.keyId} (ZPROV_SECRET_KEY or the key file changed?)`,
        'secretKey',
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new ZprovError('internal', 'a stored secret failed its integrity check', undefined, {
        cause: error,
      });
    }
  }
}
