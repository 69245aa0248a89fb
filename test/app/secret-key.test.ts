// The key for secrets at rest belongs to the database it sealed: zprov makes one only for a database
// that holds nothing, and refuses to start with a missing or different one, writing nothing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { tempDir } from '../support/test-databases.js';
import { TEST_HASH } from '../support/test-app.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Every file of the data directory with a digest of its bytes. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );

async function dataDirWithAnAccount(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const app = await composeApp(loadConfig({ flags: { dataDir: dir.path } }), { passwordHash: TEST_HASH });
  try {
    await app.management.users.add({ tenant: 'default', username: 'alice', password: 'password-1' });
    await app.management.accounts.add('default', 'alice', { username: '1001', password: 'sip secret' });
  } finally {
    await app.close();
  }
  return dir.path;
}

const open = (dataDir: string) =>
  composeApp(loadConfig({ flags: { dataDir } }), { passwordHash: TEST_HASH }).then((app) => app.close());

describe('the key for secrets at rest', () => {
  it('is made on the first start, for a database that holds nothing', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await open(dir.path);
    expect(existsSync(join(dir.path, 'secret.key'))).toBe(true);
  });

  it('is not replaced when missing: the start fails naming the file, and nothing is written', async () => {
    const data = await dataDirWithAnAccount();
    const keyFile = join(data, 'secret.key');
    rmSync(keyFile);
    const before = snapshot(data);
    await expect(open(data)).rejects.toMatchObject({
      code: 'config',
      field: 'secretKeyFile',
      message: expect.stringContaining(`the key file ${keyFile} is missing`),
    });
    expect(existsSync(keyFile)).toBe(false);
    expect(snapshot(data)).toEqual(before);
  });

  it('refuses a key other than the one the stored passwords were sealed with', async () => {
    const data = await dataDirWithAnAccount();
    const keyFile = join(data, 'secret.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const before = snapshot(data);
    await expect(open(data)).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(
        /the key file .* holds key [0-9a-f]{8}, but the stored SIP\/IAX passwords were sealed with key [0-9a-f]{8}/,
      ),
    });
    expect(snapshot(data)).toEqual(before);
  });

  it('is not made for a database with users but no sealed password yet', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const app = await composeApp(loadConfig({ flags: { dataDir: dir.path } }), { passwordHash: TEST_HASH });
    await app.management.users.add({ tenant: 'default', username: 'bob', password: 'password-1' });
    await app.close();
    rmSync(join(dir.path, 'secret.key'));
    await expect(open(dir.path)).rejects.toMatchObject({ code: 'config', field: 'secretKeyFile' });
  });
});
