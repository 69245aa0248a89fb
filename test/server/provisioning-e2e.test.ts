// The provisioning endpoint end to end: a started server over real loopback HTTP, the composed
// application on a real SQLite file in a temp dir, data set up through the management services.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import {
  getOption,
  parseError,
  readConfig,
  type ConfigDocument,
  type ScalarValue,
} from '../../src/core/index.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { manualClock } from '../../src/services/clock.js';
import { basic, LogCapture, send, type HttpResponse } from './http-client.js';

const FAST_HASH = { logN: 10, r: 8, p: 1 };
const ROTATION_SECONDS = 3600;
const LOCKOUT_SECONDS = 60;

let dir: string;
let app: ComposedApp;
let server: RunningServer;
let base: string;
const clock = manualClock(Date.now());
const log = new LogCapture();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zprov-e2e-'));
  const config = loadConfig({
    flags: {
      dataDir: dir,
      host: '127.0.0.1',
      port: 0,
      maxFailuresPerUser: 3,
      maxFailuresPerAddress: 1000,
      lockoutSeconds: LOCKOUT_SECONDS,
      rotationWindowSeconds: ROTATION_SECONDS,
    },
    env: {},
  });
  app = await composeApp(config, { clock, passwordHash: FAST_HASH, audit: { flushIntervalMs: 20 } });
  server = await startServer(config, {
    provisioning: app.provisioning,
    checkReady: () => app.checkReady(),
    logDestination: log,
  });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (user: string, pass: string, path = '/provision'): string =>
  `${path}?user=${encodeURIComponent(user)}&pass=${encodeURIComponent(pass)}`;

async function addUser(username: string, password: string, tenant = 'default'): Promise<void> {
  await app.management.users.add({ tenant, username, password });
  await app.management.accounts.add(tenant, username, {
    username: `sip-${username.length}`,
    password: 'sip-secret',
    domain: 'pbx.example.com',
  });
}

function served(res: HttpResponse): ConfigDocument {
  expect(res.status, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  const { document, diagnostics } = readConfig(res.body);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(document).toBeDefined();
  return document as ConfigDocument;
}

function refused(res: HttpResponse, status: number): string {
  expect(res.status, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  const { document, diagnostics } = parseError(res.body);
  expect(diagnostics).toEqual([]);
  expect(document?.code).toBe(1);
  return document?.message ?? '';
}

/** Every account item's options, by name. */
function accounts(document: ConfigDocument): Record<string, ScalarValue>[] {
  const list = document.root.children.find((c) => c.name === 'accounts');
  if (list?.kind !== 'list') return [];
  return list.items.map((item) =>
    item.kind !== 'section'
      ? {}
      : Object.fromEntries(item.children.flatMap((c) => (c.kind === 'option' ? [[c.name, c.value]] : []))),
  );
}

describe('credentials', () => {
  beforeAll(() => addUser('alice', 'alice-pass-1'));

  it('serves a valid document for credentials in the URL, on both paths', async () => {
    const document = served(await send(base, url('alice', 'alice-pass-1')));
    expect(accounts(document)).toHaveLength(1);
    served(await send(base, url('alice', 'alice-pass-1', '/t/default/provision')));
  });

  it('serves the same document for HTTP Basic credentials', async () => {
    const viaUrl = await send(base, url('alice', 'alice-pass-1'));
    const viaBasic = await send(base, '/provision', {
      headers: { authorization: basic('alice', 'alice-pass-1') },
    });
    served(viaBasic);
    expect(viaBasic.body).toBe(viaUrl.body);
  });

  it('accepts the password as its MD5 hex (password_format 0)', async () => {
    const md5 = createHash('md5').update('alice-pass-1').digest('hex');
    served(await send(base, url('alice', md5)));
    served(await send(base, '/provision', { headers: { authorization: basic('alice', md5) } }));
  });

  it('answers a wrong password and an unknown user with the same 401 and message', async () => {
    const wrong = await send(base, url('alice', 'not-the-password'));
    const unknown = await send(base, url('nobody', 'alice-pass-1'));
    const a = refused(wrong, 401);
    const b = refused(unknown, 401);
    expect(a).toBe(b);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic realm="zprov"/);
  });

  it('answers missing credentials with 401', async () => {
    refused(await send(base, '/provision'), 401);
    refused(await send(base, '/provision?user=alice'), 401);
  });

  it('refuses a disabled user with 403 until re-enabled', async () => {
    await addUser('bruno', 'bruno-pass-1');
    served(await send(base, url('bruno', 'bruno-pass-1')));
    await app.management.users.setEnabled('default', 'bruno', false);
    expect(refused(await send(base, url('bruno', 'bruno-pass-1')), 403)).toMatch(/disabled/);
    await app.management.users.setEnabled('default', 'bruno', true);
    served(await send(base, url('bruno', 'bruno-pass-1')));
  });

  it('answers a user with nothing to serve with 404', async () => {
    await app.management.users.add({ tenant: 'default', username: 'empty', password: 'empty-pass-1' });
    refused(await send(base, url('empty', 'empty-pass-1')), 404);
  });

  it('answers an unknown tenant path like unknown credentials', async () => {
    refused(await send(base, url('alice', 'alice-pass-1', '/t/no-such-tenant/provision')), 401);
  });
});

describe('lockout', () => {
  it('locks a username out after repeated failures with 429 and Retry-After, and lets it in again later', async () => {
    await addUser('carol', 'carol-pass-1');
    for (let i = 0; i < 3; i++) refused(await send(base, url('carol', `wrong-${i}-pass`)), 401);
    const locked = await send(base, url('carol', 'carol-pass-1'));
    expect(refused(locked, 429)).toMatch(/try again/i);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    clock.advance((retryAfter + 1) * 1000);
    served(await send(base, url('carol', 'carol-pass-1')));
  });
});

describe('password rotation', () => {
  it('accepts the old and the new password during the window, then only the new one', async () => {
    await addUser('dora', 'dora-old-pass');
    served(await send(base, url('dora', 'dora-old-pass')));
    await app.management.users.setPassword('default', 'dora', 'dora-new-pass');
    served(await send(base, url('dora', 'dora-old-pass')));
    served(await send(base, url('dora', 'dora-new-pass')));
    clock.advance((ROTATION_SECONDS + 1) * 1000);
    refused(await send(base, url('dora', 'dora-old-pass')), 401);
    served(await send(base, url('dora', 'dora-new-pass')));
  });
});

describe('layered options and accounts', () => {
  beforeAll(async () => {
    await app.management.tenants.add({ slug: 'acme' });
    await app.management.profiles.import('acme-base', optionsXml('true'));
    await app.management.profiles.assign('acme-base', { kind: 'tenant', tenant: 'acme' });
    await app.management.profiles.import('erik-own', optionsXml('false'));
    await addUser('erik', 'erik-pass-01', 'acme');
    await addUser('fay', 'fay-pass-001', 'acme');
    await app.management.profiles.assign('erik-own', { kind: 'user', tenant: 'acme', username: 'erik' });
  });

  it('serves an option set per tenant, and a user-level override of it', async () => {
    const fay = served(await send(base, url('fay', 'fay-pass-001', '/t/acme/provision')));
    const erik = served(await send(base, url('erik', 'erik-pass-01', '/t/acme/provision')));
    expect(getOption(fay, 'audio/ring_when_talking')).toBe(true);
    expect(getOption(erik, 'audio/ring_when_talking')).toBe(false);
  });

  it('resolves the tenant from a user@tenant username on the default path', async () => {
    const document = served(await send(base, url('fay@acme', 'fay-pass-001')));
    expect(getOption(document, 'audio/ring_when_talking')).toBe(true);
  });

  it('serves two accounts with distinct idents that stay the same after an edit', async () => {
    await addUser('gil', 'gil-pass-001');
    const second = await app.management.accounts.add('default', 'gil', {
      protocol: 'iax2',
      username: 'gil-iax',
      password: 'iax-secret',
      domain: 'iax.example.com',
    });
    const before = accounts(served(await send(base, url('gil', 'gil-pass-001'))));
    expect(before).toHaveLength(2);
    const idents = before.map((a) => a['ident']);
    expect(new Set(idents).size).toBe(2);
    await app.management.accounts.update(second.ident, { domain: 'iax2.example.org' });
    const after = accounts(served(await send(base, url('gil', 'gil-pass-001'))));
    expect(after.map((a) => a['ident'])).toEqual(idents);
    expect(after.find((a) => a['ident'] === second.ident)?.['IAX2_host']).toBe('iax2.example.org');
  });
});

describe('text that needs escaping', () => {
  const username = `Zoë & "Co" <o'k>`;
  const password = `p&ss<>"'ü€+%#=x`;
  const sipPassword = `s&<>"'é 😀`;
  const accountName = `Zoë's <desk> & "line" ♥`;

  beforeAll(async () => {
    await app.management.users.add({ tenant: 'default', username, password });
    await app.management.accounts.add('default', username, {
      username: 'zoe',
      password: sipPassword,
      domain: 'pbx.example.com',
      name: accountName,
    });
  });

  it('authenticates such a username and password percent-encoded in the URL and over Basic', async () => {
    const document = served(await send(base, url(username, password)));
    const [account] = accounts(document);
    expect(account?.['password']).toBe(sipPassword);
    expect(account?.['name']).toBe(accountName);
    served(await send(base, '/provision', { headers: { authorization: basic(username, password) } }));
  });

  it('authenticates a password with & < > " \' sent raw by a phone that does not encode', async () => {
    const raw = `r&w<>"'=x`;
    await app.management.users.add({ tenant: 'default', username: 'raw-user', password: raw });
    await app.management.accounts.add('default', 'raw-user', { username: 'r', domain: 'pbx.example.com' });
    served(await send(base, `/provision?user=raw-user&pass=${raw}`));
  });
});

describe('audit and logs', () => {
  it('records each request and keeps passwords out of the log', async () => {
    await app.provisioning.flushAudit();
    const entries = await app.management.reports.fetchLog({
      tenant: 'default',
      username: 'alice',
      limit: 100,
    });
    expect(entries.map((e) => e.outcome)).toEqual(expect.arrayContaining(['served', 'wrong_password']));
    expect(entries.every((e) => e.clientAddress === '127.0.0.1')).toBe(true);
    for (const secret of ['alice-pass-1', 'not-the-password', 'dora-new-pass', 'p&ss', 'sip-secret'])
      expect(log.text).not.toContain(secret);
    expect(log.text).toContain('provisioning refused');
  });
});

function optionsXml(ringWhenTalking: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<options><audio><ring_when_talking>${ringWhenTalking}</ring_when_talking></audio></options>\n`;
}
