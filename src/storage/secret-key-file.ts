// The key that seals SIP/IAX passwords: from ZPROV_SECRET_KEY (base64 of 32 bytes) when set, else
// from the key file, which is created with mode 0600 on first start, and only then: a database that
// already holds data without its key needs the key restored, not a new one.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZprovError } from '../core/errors.js';
import { SECRET_KEY_LENGTH } from '../services/secret-box.js';

export interface LoadedSecretKey {
  readonly key: Buffer;
  readonly source: 'environment' | 'file' | 'created';
  /** Something the operator should hear about (a key file others can read). */
  readonly warning?: string;
}

function decodeKey(text: string, field: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== SECRET_KEY_LENGTH)
    throw new ZprovError(
      'config',
      `${where} must hold ${SECRET_KEY_LENGTH} random bytes in base64 (e.g. from: openssl rand -base64 32)`,
      field,
    );
  return key;
}

export function loadSecretKey(
  settings: { secretKey: string | undefined; secretKeyFile: string },
  /** Whether a missing key file may be created: only for a database that holds nothing yet. */
  options: { readonly create: boolean },
): LoadedSecretKey {
  if (settings.secretKey !== undefined)
    return { key: decodeKey(settings.secretKey, 'secretKey', 'ZPROV_SECRET_KEY'), source: 'environment' };
  const path = settings.secretKeyFile;
  if (!options.create && !existsSync(path))
    throw new ZprovError(
      'config',
      `the key file ${path} is missing, and the database already holds users or sealed SIP/IAX passwords: ` +
        'restore the key file from your backup (a new key could not open the stored passwords)',
      'secretKeyFile',
    );
  if (options.create) {
    const created = createKeyFile(path);
    if (created !== undefined) return created;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ZprovError(
      'config',
      `cannot read the key file ${path}: ${(error as Error).message}`,
      'secretKeyFile',
      {
        cause: error,
      },
    );
  }
  const key = decodeKey(text, 'secretKeyFile', `the key file ${path}`);
  const mode = statSync(path).mode & 0o777;
  return {
    key,
    source: 'file',
    ...(mode & 0o077
      ? { warning: `the key file ${path} can be read by others (mode ${mode.toString(8)}); chmod 600 it` }
      : {}),
  };
}

/** A new key in a new file; undefined when the file exists already (another process made it first). */
function createKeyFile(path: string): LoadedSecretKey | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx' fails if the file exists, so two processes starting together never overwrite each other's key.
    writeFileSync(path, `${randomBytes(SECRET_KEY_LENGTH).toString('base64')}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    chmodSync(path, 0o600);
    return { key: decodeKey(readFileSync(path, 'utf8'), 'secretKeyFile', path), source: 'created' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      if (error instanceof ZprovError) throw error;
      throw new ZprovError(
        'config',
        `cannot create the key file ${path}: ${(error as Error).message}`,
        'secretKeyFile',
        {
          cause: error,
        },
      );
    }
  }
  return undefined;
}
