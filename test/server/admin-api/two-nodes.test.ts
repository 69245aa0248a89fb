// Two server nodes on one database, as a provider runs them behind the phones' list of base URLs:
// edits of one record sent at once through different nodes, from the same version, keep the first
// and refuse the second, because the If-Match check runs inside the write's own transaction.
/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   reply bodies are JSON read as `any`: each test states the shape it expects */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src/app/compose-app.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { startAdminListener, type AdminListener } from '../../../src/server/admin-api/admin-api.js';
import { createServerLogger } from '../../../src/server/server-logger.js';
import { TEST_HASH } from '../../support/test-app.js';
import {
  postgresDatabase,
  postgresReachable,
  sqliteDatabase,
  tempDir,
  type TestDatabase,
} from '../../support/test-databases.js';

const pgUp = await postgresReachable();
const ROUNDS = 12;

describe.each([
  { name: 'sqlite', open: () => Promise.resolve(sqliteDatabase()), skip: false },
  { name: 'postgres', open: postgresDatabase, skip: !pgUp },
])('two nodes on one $name database', ({ open, skip }) => {
  let database: TestDatabase;
  let dir: ReturnType<typeof tempDir>;
  const nodes: ComposedApp[] = [];
  const listeners: AdminListener[] = [];
  let token = '';

  const call = async (node: number, method: string, path: string, body?: unknown, ifMatch?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${(listeners[node] as AdminListener).url}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = await response.json();
    return { status: response.status, etag: response.headers.get('etag'), body: json };
  };

  beforeAll(async () => {
    if (skip) return;
    database = await open();
    dir = tempDir();
    // One data directory, so one secret key; the database named explicitly for PostgreSQL.
    const flags =
      database.config.kind === 'postgres'
        ? { dataDir: dir.path, database: database.config.url }
        : { dataDir: dir.path, database: database.config.path };
    for (let i = 0; i < 2; i++) {
      // A zero busy timeout: both nodes share this test's one thread, so neither may block it
      // waiting for the other's lock (the store retries without blocking).
      const node = await composeApp(loadConfig({ flags }), { passwordHash: TEST_HASH, busyTimeoutMs: 0 });
      nodes.push(node);
      listeners.push(
        await startAdminListener(
          { host: '127.0.0.1', port: 0 },
          { management: node.management, logger: createServerLogger('silent') },
        ),
      );
    }
    const m = (nodes[0] as ComposedApp).management;
    await m.tenants.add({ slug: 'acme' });
    await m.users.add({ tenant: 'acme', username: 'alice', password: 'alice password' });
    token = (await m.tokens.create('root', 'server-admin')).token;
  });
  afterAll(async () => {
    for (const listener of listeners) await listener.close();
    for (const node of nodes) await node.close();
    await database?.cleanup();
    dir?.remove();
  });

  it.skipIf(skip)('keeps one of two edits sent at once from one version, through either node', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const read = await call(round % 2, 'GET', '/tenants/acme/users/alice');
      const etag = read.etag as string;
      const [first, second] = await Promise.all([
        call(0, 'PATCH', '/tenants/acme/users/alice', { displayName: `first ${round}` }, etag),
        call(1, 'PATCH', '/tenants/acme/users/alice', { displayName: `second ${round}` }, etag),
      ]);
      expect([first.status, second.status].sort(), `round ${round}`).toEqual([200, 412]);
      const winner = first.status === 200 ? first : second;
      const loser = first.status === 200 ? second : first;
      expect(loser.body.error.code).toBe('precondition_failed');
      const after = await call((round + 1) % 2, 'GET', '/tenants/acme/users/alice');
      expect(after.body.displayName).toBe(winner.body.displayName);
      expect(after.etag).toBe(winner.etag);
    }
    // Every accepted edit is one revision in the history, which both nodes read the same.
    const history = await call(1, 'GET', '/tenants/acme/history?limit=100');
    const renamed = (history.body.revisions as { action: string; changes: { path: string }[] }[]).filter(
      (r) => r.action === 'update' && r.changes.some((c) => c.path === 'displayName'),
    );
    expect(renamed).toHaveLength(ROUNDS);
  });
});
