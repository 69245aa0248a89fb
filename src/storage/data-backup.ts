// `zprov backup` and `zprov restore` over the files of one installation: the SQLite database and the
// key that seals SIP/IAX passwords. A backup directory is written in full under a temporary name next
// to the target and renamed at the end, so a failure leaves nothing that looks like a backup. A
// restore checks everything first (manifest, checksums, schema version, what it would overwrite,
// whether a server uses the database), then puts each file in place by a rename.
import { constants, existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ZprovError } from '../core/errors.js';
import { syncPath, tempPathFor } from '../fs/atomic-write.js';
import { SecretBox } from '../services/secret-box.js';
import {
  BACKUP_DATABASE_NAME,
  BACKUP_FORMAT_VERSION,
  BACKUP_KEY_NAME,
  describeFile,
  MANIFEST_NAME,
  readManifest,
  sha256OfFile,
  verifyFiles,
  type BackupManifest,
} from './backup-manifest.js';
import { migrationProvider } from './migrations.js';
import { loadSecretKey } from './secret-key-file.js';
import {
  backupSqlite,
  checkIdle,
  inspectSqliteFile,
  sqliteSideFiles,
  type IdleDatabase,
} from './sqlite-backup.js';

export interface BackupResult {
  readonly dir: string;
  readonly manifest: BackupManifest;
  /** Things the operator must hear (the key is not in the backup). */
  readonly warnings: readonly string[];
}

export interface RestoreResult {
  readonly databasePath: string;
  /** Where the key was written; undefined when the backup holds none or the file held it already. */
  readonly keyPath: string | undefined;
  readonly manifest: BackupManifest;
  readonly warnings: readonly string[];
}

const keyIdOf = (key: Buffer): string => new SecretBox(key).keyId;

/** The migrations this build knows, oldest first. */
async function knownMigrations(): Promise<readonly string[]> {
  return Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
}

const pgDumpAdvice = (config: AppConfig): string =>
  `back up PostgreSQL with pg_dump (e.g. pg_dump --format=custom --file zprov.dump "$ZPROV_DATABASE") and ` +
  (config.secretKey === undefined
    ? `copy the key file ${config.secretKeyFile} with it (mode 0600)`
    : 'keep the key in ZPROV_SECRET_KEY with it');

export async function createBackup(
  config: AppConfig,
  target: string,
  meta: { readonly zprovVersion: string; readonly now?: () => Date },
): Promise<BackupResult> {
  if (config.database.kind !== 'sqlite')
    throw new ZprovError(
      'invalid_input',
      `zprov backup copies the embedded SQLite database only; ${pgDumpAdvice(config)}`,
      'database',
    );
  const source = config.database.path;
  if (!existsSync(source))
    throw new ZprovError('not_found', `no database at ${source}: nothing to back up`, 'database');
  const dir = resolve(target);
  await refuseUnlessEmpty(dir);
  const key = readKey(config);

  const parent = dirname(dir);
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const temp = tempPathFor(dir);
  await mkdir(temp, { mode: 0o700 });
  let renamed = false;
  try {
    await chmod(temp, 0o700);
    const createdAt = (meta.now ?? (() => new Date()))().toISOString();
    const snapshot = await backupSqlite(source, join(temp, BACKUP_DATABASE_NAME));
    await chmod(join(temp, BACKUP_DATABASE_NAME), 0o600);
    await syncPath(join(temp, BACKUP_DATABASE_NAME));
    if (key.bytes !== undefined) await writeNewFile(join(temp, BACKUP_KEY_NAME), key.bytes);
    const names = key.bytes === undefined ? [BACKUP_DATABASE_NAME] : [BACKUP_DATABASE_NAME, BACKUP_KEY_NAME];
    const manifest: BackupManifest = {
      format: 'zprov-backup',
      formatVersion: BACKUP_FORMAT_VERSION,
      zprovVersion: meta.zprovVersion,
      createdAt,
      database: {
        kind: 'sqlite',
        file: BACKUP_DATABASE_NAME,
        schemaVersion: snapshot.migrations.at(-1) ?? '',
        migrations: snapshot.migrations,
      },
      secretKey:
        key.bytes === undefined
          ? { source: 'environment', keyId: key.keyId }
          : { source: 'file', file: BACKUP_KEY_NAME, keyId: key.keyId },
      counts: snapshot.counts,
      files: await Promise.all(names.map((name) => describeFile(temp, name))),
    };
    await writeNewFile(join(temp, MANIFEST_NAME), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await syncPath(temp);
    // Onto a missing or empty directory (rename replaces an empty one); a directory that gained an
    // entry since the check makes the rename fail, and that entry stays untouched.
    await rename(temp, dir);
    renamed = true;
    await syncPath(parent);
    const warnings = [
      ...(key.warning === undefined ? [] : [key.warning]),
      ...(key.bytes === undefined
        ? [
            `the key comes from ZPROV_SECRET_KEY and is NOT in this backup: keep that key (id ${key.keyId}) ` +
              'with the backup, or the SIP/IAX passwords in it cannot be restored',
          ]
        : []),
    ];
    return { dir, manifest, warnings };
  } catch (error) {
    throw asZprovError(error, `cannot write the backup ${dir}`);
  } finally {
    if (!renamed) await rm(temp, { recursive: true, force: true });
  }
}

async function refuseUnlessEmpty(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR')
      throw new ZprovError('already_exists', `${dir} exists and is not a directory: choose a new one`, dir);
    throw new ZprovError('io', `cannot read ${dir}: ${(error as Error).message}`, dir, { cause: error });
  }
  if (entries.length > 0)
    throw new ZprovError(
      'already_exists',
      `${dir} is not empty: a backup goes into a new or empty directory, never among other files`,
      dir,
    );
}

/** The key as the backup will hold it: the file's own bytes, or none when it comes from the environment. */
function readKey(config: AppConfig): { bytes: Buffer | undefined; keyId: string; warning?: string } {
  if (config.secretKey === undefined && !existsSync(config.secretKeyFile))
    throw new ZprovError(
      'config',
      `the key file ${config.secretKeyFile} is missing: without it a backup could not restore the SIP/IAX passwords`,
      'secretKeyFile',
    );
  const loaded = loadSecretKey(config, { create: false });
  return {
    bytes: loaded.source === 'environment' ? undefined : readFileSync(config.secretKeyFile),
    keyId: keyIdOf(loaded.key),
    ...(loaded.warning === undefined ? {} : { warning: loaded.warning }),
  };
}

/**
 * Puts a backup's database (and key) where `config` says they live. Refuses, before writing
 * anything, a damaged backup, a schema newer than this build knows, a key that would not open the
 * backup's passwords, an existing database or a different key file without `force`, and, even with
 * `force`, a database another process has open (see checkIdle).
 */
export async function restoreBackup(
  config: AppConfig,
  source: string,
  options: { readonly force: boolean; readonly zprovVersion: string },
): Promise<RestoreResult> {
  const dir = resolve(source);
  if (config.database.kind !== 'sqlite')
    throw new ZprovError(
      'invalid_input',
      'zprov restore writes the embedded SQLite database only; restore PostgreSQL from its pg_dump with ' +
        'pg_restore, and put the key file back by hand',
      'database',
    );
  const manifest = await readManifest(dir);
  await verifyFiles(dir, manifest);
  const backupDb = join(dir, manifest.database.file);
  const known = await knownMigrations();
  const unknown = manifest.database.migrations.filter((name) => !known.includes(name));
  let snapshotMigrations: readonly string[];
  try {
    snapshotMigrations = inspectSqliteFile(backupDb).migrations;
  } catch (error) {
    throw new ZprovError('invalid_input', `${dir}: ${(error as Error).message}`, dir, { cause: error });
  }
  for (const name of snapshotMigrations)
    if (!known.includes(name) && !unknown.includes(name)) unknown.push(name);
  if (unknown.length > 0)
    throw new ZprovError(
      'invalid_input',
      `${dir} holds a database of a newer schema (${unknown.join(', ')}) than this zprov ` +
        `${options.zprovVersion} knows (newest: ${known.at(-1) ?? 'none'}): restore it with zprov ` +
        `${manifest.zprovVersion} or newer`,
      dir,
    );

  const dbPath = config.database.path;
  const keyPath = config.secretKeyFile;
  const backupKey =
    manifest.secretKey.file === undefined ? undefined : await readFile(join(dir, manifest.secretKey.file));
  const keyToWrite = backupKey !== undefined && !sameKeyFile(keyPath, backupKey) ? backupKey : undefined;
  const warnings = checkKeyFits(config, manifest, backupKey);

  if (!options.force) {
    const existing = [
      ...(existsSync(dbPath) ? [`the database ${dbPath}`] : []),
      ...(keyToWrite !== undefined && existsSync(keyPath)
        ? [`the key file ${keyPath} (a different key)`]
        : []),
    ];
    if (existing.length > 0)
      throw new ZprovError(
        'already_exists',
        `${existing.join(' and ')} exist${existing.length === 1 ? 's' : ''}: restore replaces ` +
          `${existing.length === 1 ? 'it' : 'them'} only with --force (stop the server first); nothing was restored`,
        dbPath,
      );
  }
  const idle = checkIdle(dbPath);
  if (idle.state === 'in-use')
    throw new ZprovError(
      'invalid_input',
      `the database ${dbPath} is open in another process (a running zprov serve, or a zprov command): ` +
        'stop the server before restoring; nothing was restored',
      dbPath,
    );
  if (idle.state === 'unreadable')
    warnings.push(`the database ${dbPath} being replaced could not be read (${idle.reason})`);
  const held: IdleDatabase | undefined = idle.state === 'idle' ? idle.database : undefined;

  const temps: string[] = [];
  try {
    await mkdir(dirname(dbPath), { recursive: true, mode: 0o700 });
    const dbTemp = tempPathFor(dbPath);
    temps.push(dbTemp);
    await copyFile(backupDb, dbTemp, constants.COPYFILE_EXCL);
    await chmod(dbTemp, 0o600);
    await syncPath(dbTemp);
    // The copy is checked too: what lands in place is what the manifest vouches for.
    const expected = manifest.files.find((f) => f.name === manifest.database.file)?.sha256;
    if ((await sha256OfFile(dbTemp)) !== expected)
      throw new ZprovError('io', `the copy of ${backupDb} at ${dbTemp} differs from the backup`, dbPath);
    let keyTemp: string | undefined;
    if (keyToWrite !== undefined) {
      await mkdir(dirname(keyPath), { recursive: true, mode: 0o700 });
      keyTemp = tempPathFor(keyPath);
      temps.push(keyTemp);
      await writeNewFile(keyTemp, keyToWrite);
    }
    // The key first: should the database's rename then fail, the old database refuses to start with
    // the new key (the key ids differ) rather than serving with passwords nobody can open.
    if (keyTemp !== undefined) {
      await rename(keyTemp, keyPath);
      await syncPath(dirname(keyPath));
    }
    held?.prepareForReplacement();
    // A -wal, -shm or -journal left by the old database would be read as part of the new one.
    for (const side of sqliteSideFiles(dbPath)) await unlink(side).catch(() => undefined);
    await rename(dbTemp, dbPath);
    await syncPath(dirname(dbPath));
    return { databasePath: dbPath, keyPath: keyTemp === undefined ? undefined : keyPath, manifest, warnings };
  } catch (error) {
    throw asZprovError(error, `cannot restore into ${dbPath}`);
  } finally {
    held?.release();
    for (const temp of temps) await unlink(temp).catch(() => undefined);
  }
}

function sameKeyFile(path: string, bytes: Buffer): boolean {
  try {
    return readFileSync(path, 'utf8').trim() === bytes.toString('utf8').trim();
  } catch {
    return false;
  }
}

/**
 * The key the restored data will be opened with must be the one its passwords were sealed with:
 * ZPROV_SECRET_KEY when set, else the backup's key, else the key file already in place.
 */
function checkKeyFits(config: AppConfig, manifest: BackupManifest, backupKey: Buffer | undefined): string[] {
  const wanted = manifest.secretKey.keyId;
  let effective: { id: string; where: string } | undefined;
  if (config.secretKey !== undefined)
    effective = { id: keyIdOf(loadSecretKey(config, { create: false }).key), where: 'ZPROV_SECRET_KEY' };
  else if (backupKey === undefined && existsSync(config.secretKeyFile))
    effective = {
      id: keyIdOf(loadSecretKey(config, { create: false }).key),
      where: `the key file ${config.secretKeyFile}`,
    };
  if (effective !== undefined && effective.id !== wanted)
    throw new ZprovError(
      'invalid_input',
      `${effective.where} holds key ${effective.id}, but the backup's SIP/IAX passwords were sealed with key ` +
        `${wanted}: ${config.secretKey !== undefined ? 'set ZPROV_SECRET_KEY to that key' : 'put that key in place'} ` +
        'before restoring; nothing was restored',
      config.secretKey !== undefined ? 'secretKey' : 'secretKeyFile',
    );
  if (effective === undefined && backupKey === undefined)
    return [
      `the backup holds no key (it came from ZPROV_SECRET_KEY): set ZPROV_SECRET_KEY, or write the key ` +
        `file ${config.secretKeyFile}, to the key with id ${wanted} before starting the server`,
    ];
  return [];
}

/** A new file with mode 0600, flushed to disk. */
async function writeNewFile(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function asZprovError(error: unknown, what: string): ZprovError {
  if (error instanceof ZprovError) return error;
  return new ZprovError('io', `${what}: ${(error as Error).message}`, undefined, { cause: error });
}
