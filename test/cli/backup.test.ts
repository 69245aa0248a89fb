// zprov backup and zprov restore on real files: a backup taken from a running server under load and
// restored into a new data dir serves the same bytes; restore refuses what it must (an existing or a
// live database, a damaged backup, a newer schema); the backup's files and modes. Needs
// `npm run build` first (npm test does it).
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/app-config.js';
import { migrationProvider } from '../../src/storage/migrations.js';
import { ROOT, runBinary, type BinaryRun } from '../client/run-binary.js';
import { send } from '../server/http-client.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { makeTempDir, runInProcess, type CliRun } from './cli-harness.js';

interface Manifest {
  zprovVersion: string;
  createdAt: string;
  database: { kind: string; file: string; schemaVersion: string; migrations: string[] };
  secretKey: { source: string; file?: string; keyId: string };
  counts: { tenants: number; users: number; accounts: number };
  files: { name: string; size: number; sha256: string }[];
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const modeOf = (path: string): number => statSync(path).mode & 0o777;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Seeded users: tenant, username, provisioning password. */
interface Login {
  readonly tenant: string;
  readonly username: string;
  readonly password: string;
}

/** A data dir with tenants, users, accounts (SIP passwords sealed with the key) and profiles. */
async function seed(dataDir: string, env: Record<string, string> = {}): Promise<Login[]> {
  const app = await composeApp(loadConfig({ flags: { dataDir }, env }), {
    passwordHash: { logN: 10, r: 8, p: 1 },
  });
  const logins: Login[] = [];
  try {
    const { tenants, users, accounts, profiles } = app.management;
    await profiles.create('base');
    await profiles.set('base', 'general/auto_away', '600');
    await profiles.assign('base', { kind: 'server' });
    await profiles.create('acme-audio');
    await profiles.set('acme-audio', 'audio/use_agc', 'false');
    for (const slug of ['acme', 'globex', 'initech']) {
      await tenants.add({
        slug,
        name: slug.toUpperCase(),
        deleteAccountsBeforehand: true,
        deleteContactServicesBeforehand: false,
      });
      for (let i = 1; i <= 3; i++) {
        const username = `${slug}user${i}`;
        const password = `pw${slug}${i}secret`;
        await users.add({ tenant: slug, username, password });
        for (let a = 1; a <= (i % 2) + 1; a++)
          await accounts.add(slug, username, {
            username: `${i}${a}00`,
            domain: `pbx.${slug}.example`,
            password: `sip-${slug}-${i}-${a}`,
          });
        logins.push({ tenant: slug, username, password });
      }
    }
    await profiles.assign('acme-audio', { kind: 'tenant', tenant: 'acme' });
  } finally {
    await app.close();
  }
  return logins;
}

const provisionPath = (login: Login): string =>
  `/t/${login.tenant}/provision?user=${login.username}&pass=${login.password}`;

describe('zprov backup and restore', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const servers: ServeProcess[] = [];
  const zprov = (...args: string[]): Promise<CliRun> => runInProcess(args, tmp.dir);
  const binary = (...args: string[]): Promise<BinaryRun> => runBinary(args, { cwd: tmp.dir });
  const serve = async (dataDir: string): Promise<ServeProcess> => {
    const server = await startServeProcess(['--data-dir', dataDir], tmp.dir);
    servers.push(server);
    return server;
  };
  const withEnv = async (args: string[], env: Record<string, string>): Promise<CliRun> => {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: tmp.dir,
      env,
    });
    return { code, stdout, stderr };
  };

  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    tmp.cleanup();
  });

  it('backs up a running server under load; a server on the restored copy serves every user the same bytes', async () => {
    const original = join(tmp.dir, 'original');
    const restored = join(tmp.dir, 'restored');
    const backupDir = join(tmp.dir, 'backup');
    const logins = await seed(original);
    const first = await serve(original);

    // Load: phones fetching all the time (each fetch writes the audit log) and an administrator adding
    // users, from before the backup starts until after it ends.
    let stop = false;
    const fetches: number[] = [];
    const fetching = (async () => {
      for (let n = 0; !stop; n++) {
        const res = await send(first.url, provisionPath(logins[n % logins.length]!));
        fetches.push(res.status);
      }
    })();
    const added: { login: Login; started: number; ended: number }[] = [];
    const adding = (async () => {
      for (let i = 0; !stop; i++) {
        const login = { tenant: 'globex', username: `load${i}`, password: `pwload${i}secret` };
        const started = Date.now();
        const run = await binary(
          'user',
          'add',
          login.username,
          '--tenant',
          login.tenant,
          '--password',
          login.password,
          '--data-dir',
          original,
        );
        expect(run.code, run.stderr).toBe(0);
        added.push({ login, started, ended: Date.now() });
      }
    })();
    while (added.length < 2) await sleep(50);
    const backupStarted = Date.now();
    const backup = await binary('backup', backupDir, '--data-dir', original);
    const backupEnded = Date.now();
    const after = added.length;
    while (added.length < after + 2) await sleep(50);
    stop = true;
    await Promise.all([fetching, adding]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backed up 4 tenant\(s\), \d+ user\(s\), 15 account\(s\)/);
    expect(fetches.length).toBeGreaterThan(20);
    expect(new Set(fetches)).toEqual(new Set([200]));

    const restore = await binary('restore', backupDir, '--data-dir', restored);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toBe('');
    const second = await serve(restored);

    const inBackup = new Set(
      (
        JSON.parse(
          (await zprov('user', 'list', '--tenant', 'globex', '--json', '--data-dir', restored)).stdout,
        ) as {
          username: string;
        }[]
      ).map((u) => u.username),
    );
    const manifest = readManifest(backupDir);
    // Users added before the backup began are in it, users added after it ended are not.
    for (const { login, started, ended } of added) {
      if (ended < backupStarted) expect(inBackup.has(login.username), login.username).toBe(true);
      if (started > backupEnded) expect(inBackup.has(login.username), login.username).toBe(false);
    }
    const loadUsers = added.map((a) => a.login).filter((l) => inBackup.has(l.username));
    expect(manifest.counts.users).toBe(logins.length + loadUsers.length);

    // Every user in the backup, over HTTP from both servers: the same bytes, SIP passwords included.
    for (const login of [...logins, ...loadUsers]) {
      const [a, b] = await Promise.all([
        send(first.url, provisionPath(login)),
        send(second.url, provisionPath(login)),
      ]);
      expect(a.status, `${login.username}: ${a.body}`).toBe(200);
      expect(b.status, `${login.username}: ${b.body}`).toBe(200);
      expect(b.body, login.username).toBe(a.body);
      if (!login.username.startsWith('load'))
        expect(b.body).toMatch(/<password>sip-[a-z]+-\d-\d<\/password>/);
    }
    // And rendered from each data dir, for every seeded user.
    for (const login of logins) {
      const [a, b] = await Promise.all([
        zprov('render', login.username, '--tenant', login.tenant, '--data-dir', original),
        zprov('render', login.username, '--tenant', login.tenant, '--data-dir', restored),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  }, 180_000);

  it('refuses to replace a database without --force, and with --force while a server has it open', async () => {
    const data = join(tmp.dir, 'data');
    const backupDir = join(tmp.dir, 'backup');
    const logins = await seed(data);
    expect((await zprov('backup', backupDir, '--data-dir', data)).code).toBe(0);
    const late = { tenant: 'acme', username: 'late', password: 'pwlatesecret' };
    expect(
      (
        await zprov(
          'user',
          'add',
          'late',
          '--tenant',
          'acme',
          '--password',
          late.password,
          '--data-dir',
          data,
        )
      ).code,
    ).toBe(0);

    const plain = await zprov('restore', backupDir, '--data-dir', data);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/zprov\.sqlite exists: restore replaces it only with --force/);

    // A server that is up but idle: no request in flight, no transaction open.
    const server = await serve(data);
    await sleep(1500);
    const live = await binary('restore', backupDir, '--force', '--data-dir', data);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(
      /is open in another process .*stop the server before restoring; nothing was restored/,
    );
    expect((await send(server.url, provisionPath(late))).status).toBe(200);
    // Then it dies without closing: its -wal and -shm stay behind, and must not end up in the restore.
    await sleep(300);
    server.child.kill('SIGKILL');
    await server.exited();
    expect(existsSync(join(data, 'zprov.sqlite-wal'))).toBe(true);

    const forced = await binary('restore', backupDir, '--force', '--data-dir', data);
    expect(forced.code, forced.stderr).toBe(0);
    for (const suffix of ['-wal', '-shm', '-journal'])
      expect(existsSync(join(data, `zprov.sqlite${suffix}`))).toBe(false);
    expect((await zprov('user', 'show', 'late', '--tenant', 'acme', '--data-dir', data)).code).toBe(1);
    const again = await serve(data);
    expect((await send(again.url, provisionPath(logins[0]!))).status).toBe(200);
    expect((await send(again.url, provisionPath(late))).status).toBe(401);
  }, 60_000);

  it('refuses a backup whose files do not match their checksums, and writes nothing', async () => {
    const data = join(tmp.dir, 'data');
    await seed(data);
    for (const name of ['zprov.sqlite', 'secret.key']) {
      const backupDir = join(tmp.dir, `backup-${name}`);
      expect((await zprov('backup', backupDir, '--data-dir', data)).code).toBe(0);
      const file = join(backupDir, name);
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
      const target = join(tmp.dir, `target-${name}`);
      const run = await zprov('restore', backupDir, '--data-dir', target);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${name} is damaged: its SHA-256 is`);
      expect(existsSync(join(target, 'zprov.sqlite'))).toBe(false);
      expect(existsSync(join(target, 'secret.key'))).toBe(false);
    }
  });

  it('writes the backup directory 0700 and the key 0600, with a manifest that describes every file', async () => {
    const data = join(tmp.dir, 'data');
    await seed(data);
    chmodSync(join(data, 'secret.key'), 0o644);
    const backupDir = join(tmp.dir, 'nested', 'backup');
    const run = await zprov('backup', backupDir, '--data-dir', data);
    expect(run.code, run.stderr).toBe(0);
    expect(modeOf(backupDir)).toBe(0o700);
    expect(modeOf(join(backupDir, 'secret.key'))).toBe(0o600);
    expect(modeOf(join(backupDir, 'zprov.sqlite'))).toBe(0o600);
    expect(readFileSync(join(backupDir, 'secret.key'))).toEqual(readFileSync(join(data, 'secret.key')));
    expect(readdirSync(backupDir).sort()).toEqual(['manifest.json', 'secret.key', 'zprov.sqlite']);

    const manifest = readManifest(backupDir);
    const migrations = Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({
      zprovVersion: pkg.version,
      database: {
        kind: 'sqlite',
        file: 'zprov.sqlite',
        schemaVersion: migrations.at(-1),
        migrations,
      },
      secretKey: { source: 'file', file: 'secret.key' },
      counts: { tenants: 4, users: 9, accounts: 15 },
    });
    expect(Math.abs(Date.parse(manifest.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(manifest.files.map((f) => f.name)).toEqual(['zprov.sqlite', 'secret.key']);
    for (const file of manifest.files) {
      expect(file.sha256).toBe(sha256(join(backupDir, file.name)));
      expect(file.size).toBe(statSync(join(backupDir, file.name)).size);
    }

    // An existing empty directory is used, and made 0700.
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty, { mode: 0o755 });
    expect((await zprov('backup', empty, '--data-dir', data)).code).toBe(0);
    expect(modeOf(empty)).toBe(0o700);

    const target = join(tmp.dir, 'target');
    expect((await zprov('restore', backupDir, '--data-dir', target)).code).toBe(0);
    expect(modeOf(join(target, 'secret.key'))).toBe(0o600);
    expect(modeOf(join(target, 'zprov.sqlite'))).toBe(0o600);
  });

  it('refuses a directory that is not empty and leaves it as it was, with nothing half-written next to it', async () => {
    const data = join(tmp.dir, 'data');
    await seed(data);
    const parent = join(tmp.dir, 'backups');
    const dir = join(parent, 'monday');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const run = await binary('backup', dir, '--data-dir', data);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/monday is not empty: a backup goes into a new or empty directory/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(readdirSync(parent)).toEqual(['monday']);

    // A backup that fails half-way (no key file) leaves nothing either.
    const noKey = join(tmp.dir, 'nokey');
    mkdirSync(noKey);
    writeFileSync(join(noKey, 'zprov.sqlite'), readFileSync(join(data, 'zprov.sqlite')));
    const failed = await zprov('backup', join(parent, 'tuesday'), '--data-dir', noKey);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/the key file .* is missing/);
    expect(readdirSync(parent)).toEqual(['monday']);
    // Nor one that fails once the temporary directory exists (a file that is no database).
    writeFileSync(join(noKey, 'secret.key'), readFileSync(join(data, 'secret.key')));
    writeFileSync(
      join(noKey, 'zprov.sqlite'),
      'not a database, but long enough to look like a file'.repeat(100),
    );
    const broken = await zprov('backup', join(parent, 'wednesday'), '--data-dir', noKey);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/cannot write the backup .*wednesday/);
    expect(readdirSync(parent)).toEqual(['monday']);
  });

  it('with the key in ZPROV_SECRET_KEY: says the key is not in the backup, and restore checks the key given', async () => {
    const data = join(tmp.dir, 'data');
    const key = Buffer.alloc(32, 7).toString('base64');
    await seed(data, { ZPROV_SECRET_KEY: key });
    const backupDir = join(tmp.dir, 'backup');
    const run = await withEnv(['backup', backupDir, '--data-dir', data], { ZPROV_SECRET_KEY: key });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: the key comes from ZPROV_SECRET_KEY and is NOT in this backup/);
    expect(readManifest(backupDir).secretKey.source).toBe('environment');
    expect(readdirSync(backupDir).sort()).toEqual(['manifest.json', 'zprov.sqlite']);

    const wrong = Buffer.alloc(32, 8).toString('base64');
    const refused = await withEnv(['restore', backupDir, '--data-dir', join(tmp.dir, 'a')], {
      ZPROV_SECRET_KEY: wrong,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /ZPROV_SECRET_KEY holds key [0-9a-f]{8}, but the backup's SIP\/IAX passwords were sealed with key/,
    );
    const restored = await withEnv(['restore', backupDir, '--data-dir', join(tmp.dir, 'b')], {
      ZPROV_SECRET_KEY: key,
    });
    expect(restored.code, restored.stderr).toBe(0);
    const render = await withEnv(
      ['render', 'acmeuser1', '--tenant', 'acme', '--data-dir', join(tmp.dir, 'b')],
      {
        ZPROV_SECRET_KEY: key,
      },
    );
    expect(render.stdout).toContain('<password>sip-acme-1-1</password>');
  });

  it('refuses a backup of a newer schema than this build knows', async () => {
    const data = join(tmp.dir, 'data');
    await seed(data);
    const backupDir = join(tmp.dir, 'backup');
    expect((await zprov('backup', backupDir, '--data-dir', data)).code).toBe(0);
    const file = join(backupDir, 'zprov.sqlite');
    const db = new SqliteDatabase(file);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
      '9999_future',
      new Date().toISOString(),
    );
    db.close();
    const manifest = readManifest(backupDir);
    const entry = manifest.files.find((f) => f.name === 'zprov.sqlite')!;
    entry.sha256 = sha256(file);
    entry.size = statSync(file).size;
    writeFileSync(join(backupDir, 'manifest.json'), JSON.stringify(manifest));
    const run = await zprov('restore', backupDir, '--data-dir', join(tmp.dir, 'target'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/holds a database of a newer schema \(9999_future\)/);
    expect(existsSync(join(tmp.dir, 'target', 'zprov.sqlite'))).toBe(false);
  });

  it('tells to use pg_dump for PostgreSQL', async () => {
    const run = await zprov('backup', join(tmp.dir, 'b'), '--database', 'postgres://zprov@127.0.0.1:1/zprov');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SQLite database only; back up PostgreSQL with pg_dump .* copy the key file/);
    expect(existsSync(join(tmp.dir, 'b'))).toBe(false);
  });
});
