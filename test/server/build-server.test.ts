// The HTTP adapter over real loopback HTTP, against a fake provisioning service.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseError } from '../../src/core/index.js';
import { buildServer, type ServerDeps } from '../../src/server/build-server.js';
import type { ProvisioningResult, ProvisioningService } from '../../src/services/provisioning-contract.js';
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
      platform: 'desktop',
      params: { username: 'tina', password: 'pw', version: '1.14' },
      connection: expect.objectContaining({ destroyed: expect.any(Boolean) }),
    });
  });

  it("takes the platform from an app's address, on the direct path and through the router", async () => {
    const { base, provisioning } = await start();
    for (const path of [
      '/t/acme/provision/android?username=tina&password=pw',
      '/provision/ios?username=alice&password=wonder%26land',
      '/t/acme/provision/ios?username=tina&password=pw',
    ])
      expect((await send(base, path)).status).toBe(200);
    // POST goes through the router, not the direct handler.
    expect(
      (await send(base, '/t/acme/provision/android?username=tina&password=pw', { method: 'POST' })).status,
    ).toBe(200);
    expect(provisioning.requests.map((r) => [r.tenant, r.platform])).toEqual([
      ['acme', 'android'],
      [undefined, 'ios'],
      ['acme', 'ios'],
      ['acme', 'android'],
    ]);
    expect((await send(base, '/t/acme/provision/windows-phone?username=tina&password=pw')).status).toBe(404);
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
    expectErrorDocument(res, /could not be read/);
  });

  /** What the server answers on a raw connection, and how long it takes to close it. */
  async function raw(base: string, text: string): Promise<{ reply: string; closedAfterMs: number }> {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname);
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const sentAt = Date.now();
    socket.write(text);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { reply, closedAfterMs: Date.now() - sentAt };
  }

  it('answers a request it cannot parse with the error document the phone can show', async () => {
    const { base } = await start();
    const { reply } = await raw(base, 'GET /provision HTTP/1.1\r\nHost zprov\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain('content-type: application/xml; charset=utf-8');
    expect(reply).toMatch(/<error code="1">The provisioning request could not be read\./);
  });

  it('closes a connection whose headers do not arrive in time, within a tenth of the limit', async () => {
    const { base } = await start({ limits: { headersTimeoutMs: 600, requestTimeoutMs: 1000 } });
    const { reply, closedAfterMs } = await raw(base, 'GET /provision HTTP/1.1\r\nHost: zprov\r\n');
    expect(closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(closedAfterMs).toBeLessThan(600 + 60 + 250);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  }, 10_000);

  it('closes the connections one address opens beyond its limit, and keeps the others', async () => {
    const { base } = await start({ limits: { maxConnectionsPerAddress: 3 } });
    const url = new URL(base);
    const sockets = Array.from({ length: 6 }, () => connect(Number(url.port), url.hostname));
    const closed = sockets.map(
      (socket) =>
        new Promise<boolean>((resolve) => {
          socket.on('error', () => undefined);
          socket.on('close', () => resolve(true));
          setTimeout(() => resolve(false), 500);
        }),
    );
    expect(await Promise.all(closed)).toEqual([false, false, false, true, true, true]);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await send(base, '/provision?user=alice&pass=wonder%26land')).status).toBe(200);
  });

  it('closes an idle kept-alive connection after the keep-alive timeout, and applies the other timeouts', async () => {
    const limits = {
      keepAliveTimeoutMs: 150,
      requestTimeoutMs: 4000,
      headersTimeoutMs: 3000,
      connectionTimeoutMs: 5000,
    };
    const { base } = await start({ limits });
    const server = (app as FastifyInstance).server;
    expect({
      keepAliveTimeoutMs: server.keepAliveTimeout,
      requestTimeoutMs: server.requestTimeout,
      headersTimeoutMs: server.headersTimeout,
      connectionTimeoutMs: server.timeout,
    }).toEqual(limits);
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    socket.on('data', () => undefined);
    socket.write('GET /provision?user=alice&pass=wonder%26land HTTP/1.1\r\nHost: zprov\r\n\r\n');
    const sentAt = Date.now();
    expect((await closed) - sentAt).toBeLessThan(2000);
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

describe('plain GETs answered ahead of the router', () => {
  // A phone's GET is answered straight from node:http; a request whose path the router must decode
  // (here a percent-escape of the same path) goes through Fastify. The service may answer at once (a
  // repeat fetch) or later. All four ways give the same status, headers in the same order, and body.
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
    ['/t/ACME/provision?user=tina&pass=pw'],
  ];
  const routed = (path: string) => path.replace('/provision', '/provisio%6E');
  const comparable = (res: HttpResponse) => {
    const raw: string[] = [];
    for (let i = 0; i < res.rawHeaders.length; i += 2)
      if (res.rawHeaders[i] !== 'Date') raw.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
    return { status: res.status, headers: raw, body: res.body };
  };

  it('sends the same bytes whichever way a request takes and whenever the service answers', async () => {
    const later = await start({}, { answerAtOnce: false });
    const laterApp = app as FastifyInstance;
    app = undefined;
    try {
      const atOnce = await start({}, { answerAtOnce: true });
      for (const [path, headers = {}] of REQUESTS) {
        const expected = comparable(await send(later.base, routed(path), { headers }));
        expect(expected.headers.join('\n')).toMatch(/content-length/);
        for (const [base, sent] of [
          [later.base, path],
          [atOnce.base, path],
          [atOnce.base, routed(path)],
        ] as const)
          expect(comparable(await send(base, sent, { headers })), sent).toEqual(expected);
      }
      expect(atOnce.log.text).toMatch(/database is on fire/);
      expect(later.log.text).toMatch(/database is on fire/);
    } finally {
      await laterApp.close();
    }
  });

  it('runs no Fastify hook for a plain GET, and the hooks for anything else', async () => {
    const provisioning = new FakeProvisioning(USERS);
    const seen: string[] = [];
    app = buildServer({
      provisioning,
      checkReady: () => undefined,
      trustedProxies: false,
      logLevel: 'silent',
    });
    app.addHook('onRequest', async (request) => {
      seen.push(`${request.method} ${request.url}`);
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    await send(base, '/provision?user=alice&pass=x');
    await send(base, '/t/acme/provision?user=tina&pass=pw');
    await send(base, '/provisio%6E?user=alice&pass=x');
    await send(base, '/t/ac%6De/provision?user=tina&pass=pw');
    await send(base, `/t/${'a'.repeat(101)}/provision?user=tina&pass=pw`);
    await send(base, '/provision?user=alice&pass=x', { method: 'POST' });
    expect(seen).toEqual([
      'GET /provisio%6E?user=alice&pass=x',
      'GET /t/ac%6De/provision?user=tina&pass=pw',
      'POST /provision?user=alice&pass=x',
    ]);
    expect(provisioning.requests.map((r) => [r.tenant, r.username])).toEqual([
      [undefined, 'alice'],
      ['acme', 'tina'],
      [undefined, 'alice'],
      ['acme', 'tina'],
      [undefined, 'alice'],
    ]);
  });

  it('answers 500 when sending the reply fails, whether the service answered at once or later', async () => {
    const bogus = {
      ok: false,
      outcome: 'no such outcome',
      userMessage: 'x',
    } as unknown as ProvisioningResult;
    const log = new LogCapture();
    app = buildServer({
      provisioning: {
        provision: (request) => (request.username === 'later' ? Promise.resolve(bogus) : bogus),
      },
      checkReady: () => undefined,
      trustedProxies: false,
      logLevel: 'info',
      logDestination: log,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const user of ['now', 'later']) {
      const res = await send(base, `/provision?user=${user}&pass=x`);
      expect(res.status, user).toBe(500);
      expectErrorDocument(res, /try again later/);
    }
    expect(log.entries().filter((e) => e['msg'] === 'request failed')).toHaveLength(2);
  });

  it('leaves requests to Fastify once the server is closing, which refuses new ones with 503', async () => {
    let release = (): void => undefined;
    const provisioning: ProvisioningService = {
      provision: (request) =>
        request.username === 'slow'
          ? new Promise((resolve) => {
              release = () => resolve({ ok: true, outcome: 'served', body: SERVED_BODY, documentHash: 'x' });
            })
          : { ok: true, outcome: 'served', body: SERVED_BODY, documentHash: 'x' },
    };
    app = buildServer({
      provisioning,
      checkReady: () => undefined,
      trustedProxies: false,
      logLevel: 'silent',
    });
    const base = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    // A connection with a request in flight stays open while the server closes; a second request sent
    // on it after close began is Fastify's to refuse.
    const socket = connect(Number(base.port), base.hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /provision?user=slow&pass=x HTTP/1.1\r\nHost: zprov\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write('GET /provision?user=alice&pass=x HTTP/1.1\r\nHost: zprov\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await ended;
    await closing;
    app = undefined;
    const statuses = [
      ...Buffer.concat(received)
        .toString('latin1')
        .matchAll(/^HTTP\/1\.1 (\d+)/gm),
    ].map((m) => m[1]);
    expect(statuses).toEqual(['200', '503']);
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
