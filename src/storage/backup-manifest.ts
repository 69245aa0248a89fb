// manifest.json, the file that describes a backup directory: what made it and when, the database's
// kind and schema version, the key's source, and each file with its size and SHA-256, which restore
// checks before it copies anything.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ZprovError } from '../core/errors.js';
import type { SqliteCounts } from './sqlite-backup.js';

export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_DATABASE_NAME = 'zprov.sqlite';
export const BACKUP_KEY_NAME = 'secret.key';
/** Raised when the manifest changes in a way an older restore would misread. */
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupFile {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: 'zprov-backup';
  readonly formatVersion: number;
  readonly zprovVersion: string;
  /** ISO-8601, when the database snapshot was taken. */
  readonly createdAt: string;
  readonly database: {
    readonly kind: 'sqlite';
    readonly file: string;
    /** The newest migration applied: the schema version. */
    readonly schemaVersion: string;
    readonly migrations: readonly string[];
  };
  readonly secretKey: {
    /** 'file': copied into the backup; 'environment': ZPROV_SECRET_KEY, not in the backup. */
    readonly source: 'file' | 'environment';
    /** Present when source is 'file'. */
    readonly file?: string;
    /** The id every sealed SIP/IAX password carries (first 8 hex digits of the key's SHA-256). */
    readonly keyId: string;
  };
  readonly counts: SqliteCounts;
  readonly files: readonly BackupFile[];
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const refuse = (dir: string, why: string): ZprovError =>
  new ZprovError('invalid_input', `${dir} is not a usable zprov backup: ${why}`, dir);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plain file name: a manifest never points outside its directory. */
const isPlainName = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9._-]+$/.test(value) && value !== '.' && value !== '..';

/** Reads and checks the shape of a backup's manifest; refuses a format newer than this build writes. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_NAME), 'utf8');
  } catch (error) {
    throw refuse(dir, `cannot read ${MANIFEST_NAME} (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse(dir, `${MANIFEST_NAME} is not valid JSON`);
  }
  if (!isRecord(value) || value['format'] !== 'zprov-backup')
    throw refuse(dir, `${MANIFEST_NAME} is not a zprov manifest`);
  const formatVersion = value['formatVersion'];
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion))
    throw refuse(dir, 'the manifest has no format version');
  if (formatVersion > BACKUP_FORMAT_VERSION)
    throw refuse(
      dir,
      `it was written by zprov ${String(value['zprovVersion'])} in backup format ${formatVersion}; ` +
        `this zprov reads format ${BACKUP_FORMAT_VERSION}: restore it with a newer zprov`,
    );
  const database = value['database'];
  const secretKey = value['secretKey'];
  const files = value['files'];
  const ok =
    typeof value['zprovVersion'] === 'string' &&
    typeof value['createdAt'] === 'string' &&
    isRecord(database) &&
    database['kind'] === 'sqlite' &&
    isPlainName(database['file']) &&
    typeof database['schemaVersion'] === 'string' &&
    Array.isArray(database['migrations']) &&
    database['migrations'].every((m) => typeof m === 'string') &&
    isRecord(secretKey) &&
    (secretKey['source'] === 'environment' ||
      (secretKey['source'] === 'file' && isPlainName(secretKey['file']))) &&
    typeof secretKey['keyId'] === 'string' &&
    isRecord(value['counts']) &&
    Array.isArray(files) &&
    files.every(
      (f) =>
        isRecord(f) &&
        isPlainName(f['name']) &&
        typeof f['size'] === 'number' &&
        typeof f['sha256'] === 'string' &&
        /^[0-9a-f]{64}$/.test(f['sha256']),
    );
  if (!ok) throw refuse(dir, `${MANIFEST_NAME} lacks fields or has fields of the wrong type`);
  const manifest = value as unknown as BackupManifest;
  const named = new Set(manifest.files.map((f) => f.name));
  for (const needed of [manifest.database.file, manifest.secretKey.file])
    if (needed !== undefined && !named.has(needed))
      throw refuse(dir, `the manifest lists no checksum for ${needed}`);
  return manifest;
}

/** Checks every file the manifest lists against its size and SHA-256. */
export async function verifyFiles(dir: string, manifest: BackupManifest): Promise<void> {
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    let digest: string;
    let size: number;
    try {
      size = (await stat(path)).size;
      digest = await sha256OfFile(path);
    } catch (error) {
      throw refuse(dir, `cannot read ${file.name} (${(error as Error).message})`);
    }
    if (size !== file.size)
      throw refuse(
        dir,
        `${file.name} is damaged: it holds ${size} bytes, the manifest says ${file.size}; nothing was restored`,
      );
    if (digest !== file.sha256)
      throw refuse(
        dir,
        `${file.name} is damaged: its SHA-256 is ${digest}, the manifest says ${file.sha256}; nothing was restored`,
      );
  }
}

/** The entry of a file written into a backup. */
export async function describeFile(dir: string, name: string): Promise<BackupFile> {
  const path = join(dir, name);
  return { name, size: (await stat(path)).size, sha256: await sha256OfFile(path) };
}
