import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKey } from '../../src/storage/secret-key-file.js';
import { tempDir } from '../support/test-databases.js';

describe('secret key loading', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('creates a key file with mode 0600 on first start and reads the same key afterwards', () => {
    const file = join(dir.path, 'data', 'secret.key');
    const first = loadSecretKey({ secretKey: undefined, secretKeyFile: file }, { create: true });
    expect(first.source).toBe('created');
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadSecretKey({ secretKey: undefined, secretKeyFile: file }, { create: true });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(second.warning).toBeUndefined();
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
  });

  it('prefers the key from the environment and checks its length', () => {
    const key = randomBytes(32);
    const loaded = loadSecretKey(
      { secretKey: key.toString('base64'), secretKeyFile: join(dir.path, 'unused') },
      { create: false },
    );
    expect(loaded).toMatchObject({ source: 'environment' });
    expect(loaded.key.equals(key)).toBe(true);
    expect(() => loadSecretKey({ secretKey: 'c2hvcnQ=', secretKeyFile: 'x' }, { create: true })).toThrow(
      /32 random bytes/,
    );
  });

  it('warns about a key file others can read and refuses a corrupt one', () => {
    const file = join(dir.path, 'secret.key');
    writeFileSync(file, randomBytes(32).toString('base64'));
    chmodSync(file, 0o644);
    expect(loadSecretKey({ secretKey: undefined, secretKeyFile: file }, { create: true }).warning).toMatch(
      /chmod 600/,
    );
    writeFileSync(file, 'not a key');
    expect(() => loadSecretKey({ secretKey: undefined, secretKeyFile: file }, { create: true })).toThrow(
      /32 random bytes/,
    );
  });

  it('makes no key file unless asked to, naming the missing file', () => {
    const file = join(dir.path, 'secret.key');
    expect(() => loadSecretKey({ secretKey: undefined, secretKeyFile: file }, { create: false })).toThrow(
      `the key file ${file} is missing`,
    );
    expect(existsSync(file)).toBe(false);
  });
});
