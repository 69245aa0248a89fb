// The HTTP adapter over real loopback HTTP, against a fake provisioning service.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseError } from '../../src/core/index.js';
import { buildServer, type ServerDeps } from '../../src/server/build-server.js';
import { FakeProvisioning, SERVED_BODY } from './fake-provisioning.js';
import { basic, LogCapture, send, type HttpResponse } from './http-client.js';
import { selfSignedCertificate } from './tls-fixture.js';

const USERS = {
  alice: { password: 'wonder&land' },
  bob: { password: 'pw', state: 'disabled' as const },
  carol: { password: 'pw', state: 'locked' as const },
  dave: { password: 'pw', state: 'empty' as const },
  eve: { password: 'pw', state: 'broken' as const },
  tina: { password: 'pw', tenant: 'acme' },
};

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(overrides: Partial<ServerDeps> = {}, fake: { answerAtOnce?: boolean } = {}) {
  const provisioning = new FakeProvisioning(USERS, fake);
  const log = new LogCapture();
  app = buildServer({
    provisioning,
    checkReady: () => undefined,
    trustedProxies: false,
    logLevel: 'info',
    logDestination: log,
    ...overrides,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { base, provisioning, log };
}

function expectErrorDocument(res: HttpResponse, message: RegExp): void {
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  const { document, diagnostics } = parseError(res.body);
  expect(diagnostics).toEqual([]);
  expect(document?.code).toBe(1);
  expect(document?.message).toMatch(message);
}

describe('provisioning endpoint', () => {
  it('serves the document with XML, no-store and nosniff headers', async () => {
    const { base } = await start();
    const res = await send(base, '/provision?user=alice&pass=wonder&land');
    expect(res.status).toBe(200);
    expect(res.body).toBe(SERVED_BODY);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('passes the tenant from the path and the credentials as sent to the service', async () => {
    const { base, provisioning } = await start();
    const res = await send(base, '/t/acme/provision?username=tina&password=pw&version=1.14', {
      headers: { 'user-agent': 'Zoiper/5' },
    });
    expect(res.status).toBe(200);
    expect(provisioning.requests[0]).toEqual({
      tenant: 'acme',
      username: 'tina',
      password: 'pw',
      transport: 'url',
      clientAddress: '127.0.0.1',
      userAgent: 'Zoiper/5',
      clientVersion: '1.14',
    });
  });

  it('accepts HTTP Basic credentials', async () => {
    const { base, provisioning } = await start();
    const res = await send(base, '/provision', { headers: { authorization: basic('alice', 'wonder&land') } });
    expect(res.status).toBe(200);
    expect(provisioning.requests[0]?.transport).toBe('basic');
  });

  it('accepts POST with credentials in the URL or in a form body', async () => {
    const { base } = await start();
    expect((await send(base, '/provision?user=alice&pass=wonder%26land', { method: 'POST' })).status).toBe(
      200,
    );
    const form = await send(base, '/provision', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=alice&pass=wonder%26land',
    });
    expect(form.status).toBe(200);
  });

  it('answers missing credentials with 401, a Basic challenge and an error document', async () => {
    const { base } = await start();
    const res = await send(base, '/provision');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="zprov"/);
    expect(res.headers['cache-control']).toBe('no-store');
    expectErrorDocument(res, /missing_credentials/);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const { base } = await start();
    for (const path of ['/provision?user=alice&pass=nope', '/provision?user=zed&pass=pw']) {
      const res = await send(base, path);
      expect(res.status).toBe(401);
      expectErrorDocument(res, /refused/);
    }
  });

  it('answers a disabled user with 403', async () => {
    const { base } = await start();
    const res = await send(base, '/provision?user=bob&pass=pw');
    expect(res.status).toBe(403);
    expectErrorDocument(res, /disabled/);
  });

  it('answers a lockout with 429 and Retry-After in whole seconds', async () => {
    const { base } = await start();
    const res = await send(base, '/provision?user=carol&pass=pw');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('43');
    expectErrorDocument(res, /locked_out/);
  });

  it('answers a user with nothing to serve with 404', async () => {
    const { base } = await start();
    const res = await send(base, '/provision?user=dave&pass=pw');
    expect(res.status).toBe(404);
    expectErrorDocument(res, /nothing_to_serve/);
  });

  it('answers an unknown path with 404 and an error document', async () => {
    const { base } = await start();
    const res = await send(base, '/nowhere');
    expect(res.status).toBe(404);
    expectErrorDocument(res, /provisioning URL/);
  });

  it('answers a failing service with 500 that reveals no internals, and logs the cause', async () => {
    const { base, log } = await start();
    const res = await send(base, '/provision?user=eve&pass=pw');
    expect(res.status).toBe(500);
    expectErrorDocument(res, /try again later/);
    expect(res.body).not.toMatch(/fire|SELECT/);
    expect(log.text).toMatch(/database is on fire/);
  });

  it('refuses a body over the limit with 413', async () => {
    const { base } = await start({ limits: { bodyLimit: 100 } });
    const res = await send(base, '/provision', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x='.padEnd(500, 'y'),
    });
    expect(res.status).toBe(413);
    expectErrorDocument(res, /could not be read/);
  });

  it('refuses headers over the limit with 431', async () => {
    const { base } = await start({ limits: { maxHeaderSize: 1024 } });
    const res = await send(base, '/provision', { headers: { 'x-big': 'z'.repeat(2000) } });
    expect(res.status).toBe(431);
  });

  it('refuses an over-long tenant segment with 414', async () => {
    const { base, provisioning } = await start({ limits: { maxParamLength: 10 } });
    const res = await send(base, `/t/${'a'.repeat(20)}/provision?user=a&pass=b`);
    expect(res.status).toBe(414);
    expectErrorDocument(res, /could not be read/);
    expect(provisioning.requests).toEqual([]);
  });

  it('refuses a malformed path escape with 400', async () => {
    const { base, provisioning } = await start();
    const res = await send(base, '/t/%zz/provision?user=a&pass=b');
    expect(res.status).toBe(400);
    expectErrorDocument(res, /could not be read/);
    expect(provisioning.requests).toEqual([]);
  });
});

describe('HTTPS', () => {
  it('serves over TLS with the given certificate and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zprov-tls-'));
    try {
      const { cert, key } = selfSignedCertificate(dir);
      const { base } = await start({ tls: { cert: readFileSync(cert), key: readFileSync(key) } });
      expect(base.startsWith('https://')).toBe(true);
      const res = await send(base, '/provision?user=alice&pass=wonder%26land', {
        ca: readFileSync(cert, 'utf8'),
      });
      expect(res.status).toBe(200);
      expect(res.body).toBe(SERVED_BODY);
      await expect(send(base.replace('https:', 'http:'), '/healthz')).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('answers given at once or later', () => {
  // The service answers a repeat fetch at once and anything else later; the route sends both the
  // same way. Every request gets the same reply from a service of either kind.
  const REQUESTS: readonly [string, Record<string, string>?][] = [
    ['/provision?user=alice&pass=wonder&land'],
    ['/provision?user=alice&pass=wonder%26land&version=1.14', { 'user-agent': 'Zoiper' }],
    ['/provision', { authorization: basic('alice', 'wonder&land') }],
    ['/provision'],
    ['/provision?user=alice&pass=nope'],
    ['/provision?user=bob&pass=pw'],
    ['/provision?user=carol&pass=pw'],
    ['/provision?user=dave&pass=pw'],
    ['/provision?user=eve&pass=pw'],
    ['/t/acme/provision?user=tina&pass=pw'],
  ];
  const comparable = (res: HttpResponse) => {
    const { date: _date, ...headers } = res.headers;
    return { status: res.status, headers, body: res.body };
  };

  it('sends the same reply for every outcome', async () => {
    const later = await start({}, { answerAtOnce: false });
    const laterApp = app as FastifyInstance;
    app = undefined;
    try {
      const atOnce = await start({}, { answerAtOnce: true });
      for (const [path, headers = {}] of REQUESTS)
        expect(comparable(await send(atOnce.base, path, { headers })), path).toEqual(
          comparable(await send(later.base, path, { headers })),
        );
      expect(atOnce.log.text).toMatch(/database is on fire/);
    } finally {
      await laterApp.close();
    }
  });
});

describe('health endpoints', () => {
  it('answers liveness without credentials', async () => {
    const { base } = await start();
    const res = await send(base, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('answers readiness with 200 when storage answers and 503 when it does not', async () => {
    let up = true;
    const { base } = await start({
      checkReady: async () => {
        if (!up) throw new Error('storage unreachable');
      },
    });
    expect((await send(base, '/readyz')).status).toBe(200);
    up = false;
    const res = await send(base, '/readyz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ status: 'unavailable' });
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', async () => {
    const { base, provisioning } = await start();
    await send(base, '/provision?user=alice&pass=x', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(provisioning.requests[0]?.clientAddress).toBe('127.0.0.1');
  });

  it('reads X-Forwarded-For when the peer is a trusted proxy', async () => {
    const { base, provisioning } = await start({ trustedProxies: ['127.0.0.1/32'] });
    await send(base, '/provision?user=alice&pass=x', {
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' },
    });
    expect(provisioning.requests[0]?.clientAddress).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For by hop count', async () => {
    const { base, provisioning } = await start({ trustedProxies: 1 });
    await send(base, '/provision?user=alice&pass=x', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(provisioning.requests[0]?.clientAddress).toBe('203.0.113.9');
  });
});

describe('logging', () => {
  it('never logs a password, an Authorization header or the query string', async () => {
    const { base, log } = await start({ logLevel: 'trace' });
    const secrets = ['Sup3rSecretPass', 'Zm9vOmJhcg', 'AnotherSecret9'];
    await send(base, `/provision?user=alice&pass=${secrets[0]}`);
    await send(base, '/provision?user=alice&pass=wonder&land');
    await send(base, '/provision', { headers: { authorization: `Basic ${secrets[1]}` } });
    await send(base, '/provision', { headers: { authorization: basic('alice', secrets[2] as string) } });
    await send(base, `/provision?user=eve&pass=${secrets[0]}`);
    await send(base, `/nowhere?pass=${secrets[0]}`);
    expect(log.lines.length).toBeGreaterThan(3);
    for (const secret of [
      ...secrets,
      'wonder&land',
      'wonder',
      Buffer.from(`alice:${secrets[2]}`).toString('base64'),
    ])
      expect(log.text).not.toContain(secret);
    expect(log.text.toLowerCase()).not.toContain('authorization');
  });

  it('logs refusals at info with the outcome and the redacted request line', async () => {
    const { base, log } = await start();
    await send(base, '/provision?user=alice&pass=nope');
    const entry = log.entries().find((e) => e['msg'] === 'provisioning refused');
    expect(entry).toMatchObject({
      outcome: 'wrong_password',
      username: 'alice',
      clientAddress: '127.0.0.1',
      req: { method: 'GET', url: '/provision?[redacted]' },
    });
  });

  it('does not log served requests at info', async () => {
    const { base, log } = await start();
    const before = log.lines.length;
    await send(base, '/provision?user=alice&pass=wonder&land');
    expect(log.lines.slice(before)).toEqual([]);
  });
});
