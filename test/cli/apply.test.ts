// zprov apply through the built binary: quiet success, backups, a process killed between write and
// rename, and a Zoiper process that is running.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { FIXTURES, provisionXml, tempDir, writeIn } from '../client/client-fixtures.js';
import { runBinary } from '../client/run-binary.js';
import { answer, startStub, type StubServer } from '../client/stub-server.js';

let dir: { path: string; remove(): Promise<void> };
let server: StubServer;
let data: string;
let original: string;

beforeEach(async () => {
  dir = await tempDir('zprov-apply-cli-');
  data = join(dir.path, 'data');
  server = await startStub(answer(200, await readFile(new URL('remote-reply.xml', FIXTURES), 'utf8')));
  original = await readFile(new URL('local-Config.xml', FIXTURES), 'utf8');
  await writeIn(data, 'Config.xml', original);
  await writeIn(data, 'Provision.xml', provisionXml([`${server.origin}/p`], { useAuthentication: false }));
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const apply = (...args: string[]) =>
  runBinary(
    ['apply', '--platform-os', 'linux', '--exe-dir', join(dir.path, 'bin'), '--data-dir', data, ...args],
    {
      cwd: dir.path,
      env: { HOME: dir.path },
    },
  );

const expectedMerged = (): Promise<string> => readFile(new URL('expected-merged.xml', FIXTURES), 'utf8');
const tempsIn = async (): Promise<string[]> => (await readdir(data)).filter((n) => n.endsWith('.zprov-tmp'));
const backupsIn = async (): Promise<string[]> => (await readdir(data)).filter((n) => n.endsWith('.bak'));

describe('zprov apply', () => {
  it('is quiet on success and leaves the merged Config.xml next to a backup of the old one', async () => {
    const run = await apply();
    expect(run).toMatchObject({ code: EXIT.OK, stdout: '', stderr: '' });
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(await expectedMerged());
    const [backup] = await backupsIn();
    expect(backup).toMatch(/^Config\.xml\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak$/);
    expect(await readFile(join(data, backup ?? ''), 'utf8')).toBe(original);
  });

  it('prints the report and what it wrote with --verbose, and nothing new when run again', async () => {
    const run = await apply('--verbose');
    expect(run.stdout).toContain('Result: success');
    expect(run.stdout).toContain(`wrote ${join(data, 'Config.xml')} (backup `);
    const again = await apply('--verbose');
    expect(again.stdout).toContain('is up to date; nothing written');
    expect(await backupsIn()).toHaveLength(1);
  });

  it('leaves the original intact when killed between write and rename, and the next run clears the litter', async () => {
    const killed = await apply('--test-fault', 'kill-before-rename');
    expect(killed.signal).toBe('SIGKILL');
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(original);
    expect(await tempsIn()).toHaveLength(1);

    const next = await apply();
    expect(next.code).toBe(EXIT.OK);
    expect(next.stderr).toContain('removed 1 temporary file(s) left by an interrupted apply');
    expect(await tempsIn()).toEqual([]);
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(await expectedMerged());
  });

  it('leaves the original intact and no temporary file when the write fails before the rename', async () => {
    const run = await apply('--test-fault', 'fail-before-rename');
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('the file is unchanged');
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(original);
    expect(await tempsIn()).toEqual([]);
  });

  it('writes nothing and exits with the simulation code when provisioning fails', async () => {
    await server.close();
    const run = await apply();
    expect(run.code).toBe(EXIT.ALL_URLS_FAILED);
    expect(run.stderr).toContain('nothing written');
    expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(original);
    expect(await backupsIn()).toEqual([]);
  });

  describe.skipIf(process.platform !== 'linux')('while a process called Zoiper5 runs', () => {
    let zoiper: ChildProcess;
    beforeEach(async () => {
      // The kernel names a process after the file it executes: a link called Zoiper5 to sleep.
      const fake = join(dir.path, 'Zoiper5');
      await symlink('/bin/sleep', fake);
      zoiper = spawn(fake, ['60'], { stdio: 'ignore' });
      await new Promise((r) => zoiper.once('spawn', r));
    });
    afterEach(() => {
      zoiper.kill('SIGKILL');
    });

    it('warns and still writes', async () => {
      const run = await apply();
      expect(run.code).toBe(EXIT.OK);
      expect(run.stderr).toContain(`Zoiper appears to be running (Zoiper5 (pid ${zoiper.pid ?? ''}))`);
      expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(await expectedMerged());
    });

    it('refuses with --strict and writes nothing', async () => {
      const run = await apply('--strict');
      expect(run.code).toBe(EXIT.ZOIPER_RUNNING);
      expect(run.stderr).toContain('nothing written (--strict)');
      expect(await readFile(join(data, 'Config.xml'), 'utf8')).toBe(original);
      expect(await backupsIn()).toEqual([]);
    });
  });
});
