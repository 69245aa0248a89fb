// Replacing a file so that it is never half-written, whatever happens: the new text goes to a
// temporary file in the same directory, is flushed to disk, and is then renamed over the target (a
// rename within one directory is atomic). Every file zprov writes (Config.xml, Provision.xml, merge
// and render output) goes through here. An existing file keeps its permission bits and a symbolic
// link keeps pointing at the file it names; a new file is created 0600, since these files hold
// credentials. A process killed before the rename leaves the old file
// untouched plus a temporary file named after its pid; removeStaleTemps() clears those on the next
// run. Backups are copies taken before the replacement.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteHooks {
  /**
   * Runs after the temporary file is written and flushed, before the rename. A test hook: the CLI
   * wires `zprov apply --test-fault before-rename` to it to kill the process at that point.
   */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

const TEMP_SUFFIX = '.zprov-tmp';

/** `.Config.xml.<pid>.<random>.zprov-tmp` next to the target. */
export const tempPathFor = (target: string, pid: number = process.pid): string =>
  join(dirname(target), `.${basename(target)}.${pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);

export async function writeFileAtomic(
  path: string,
  text: string,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const target = await resolveTarget(path);
  const temp = tempPathFor(target);
  let mode: number | undefined;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', mode ?? 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, target);
    renamed = true;
    await syncPath(dirname(target));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** The file a write to `path` should replace: the end of a symbolic link chain, if there is one. */
async function resolveTarget(path: string): Promise<string> {
  try {
    if ((await lstat(path)).isSymbolicLink()) return await realpath(path);
  } catch {
    // absent (or a dangling link): write a new file at the path given
  }
  return path;
}

/** Is a process with this id still there? Signal 0 checks without disturbing it. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files of `path` left by writers that no longer run; returns their names. */
export async function removeStaleTemps(
  path: string,
  isAlive: (pid: number) => boolean = processAlive,
): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of entries) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    // Our own pid: a write of this process in progress, not litter.
    if (!Number.isSafeInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(join(dir, name)),
      () => undefined,
    );
  }
  return removed;
}

/** `Config.xml.2026-11-26T10-00-00Z.bak`: sortable, and valid on every file system. */
export function backupPathFor(path: string, now: number, attempt = 1): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${path}.${stamp}${attempt > 1 ? `-${attempt}` : ''}.bak`;
}

/** Copies `path` to a new timestamped backup next to it and flushes it; returns the backup's path. */
export async function backupFile(path: string, now: number): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const backup = backupPathFor(path, now, attempt);
    try {
      await copyFile(path, backup, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw error;
    }
    const handle = await open(backup, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return backup;
  }
}

/**
 * fsync of a file or a directory, best effort: on a directory it makes a rename in it durable on
 * POSIX; Windows cannot open a directory, which is fine there.
 */
export async function syncPath(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
