// deploy/nginx.conf in front of real zprov servers: the Debian nginx runs the shipped file with only
// its "site:" lines changed (port, host name, certificate, log paths, upstream port), and a phone's
// fetch goes through TLS, nginx and zprov. Data is set up with the built CLI, as an operator would.
// Needs `npm run build` first (npm test does it); skipped where nginx is not installed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBinary } from '../client/run-binary.js';
import { selfSignedCertificate } from '../server/tls-fixture.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { execStart, readNginx, readUnit, siteValues, unitEnvironment } from './deploy-files.js';
import { NGINX, startNginx, type NginxProcess } from './nginx-process.js';

/** Passwords of letters, digits and `-`, each unique enough to be looked for in the logs. */
const USERS = {
  alice: 'alice-Pw-5c8e2f',
  bob: 'bob-Pw-9d1a7b',
  carol: 'carol-Pw-3e6f0a',
  dave: 'dave-Pw-7b2c9d',
} as const;
type User = keyof typeof USERS;
const SPOOF = '203.0.113.9';

describe('deploy/nginx.conf agrees with deploy/zprov.service', () => {
  it('proxies to the address the unit makes zprov listen on, which trusts this proxy', () => {
    const args = execStart(readUnit());
    const flag = (name: string): string | undefined =>
      args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
    const env = unitEnvironment(readUnit());
    expect(siteValues(readNginx()).server).toBe(`${flag('--host')}:${flag('--port')}`);
    expect((flag('--trusted-proxies') ?? env['ZPROV_TRUSTED_PROXIES'])?.split(',')).toContain(flag('--host'));
  });
});

describe.skipIf(!existsSync(NGINX))(
  `deploy/nginx.conf run by nginx in front of zprov (needs ${NGINX})`,
  () => {
    let dir: string;
    let data: string;
    let ca: string;
    let trusted: ServeProcess | undefined;
    let untrusted: ServeProcess | undefined;
    let toTrusted: NginxProcess | undefined;
    let toUntrusted: NginxProcess | undefined;

    const zprov = async (args: readonly string[], stdin?: string): Promise<string> => {
      const run = await runBinary([...args, '--data-dir', data], { cwd: dir, stdin });
      if (run.code !== 0) throw new Error(`zprov ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
      return run.stdout;
    };

    beforeAll(async () => {
      assertBuilt();
      dir = mkdtempSync(join(tmpdir(), 'zprov-nginx-'));
      data = join(dir, 'data');
      const { cert, key } = selfSignedCertificate(dir);
      ca = readFileSync(cert, 'utf8');
      await zprov(['tenant', 'add', 'acme', '--name', 'Acme Inc']);
      for (const [user, password] of Object.entries(USERS)) {
        await zprov(['user', 'add', user, '--tenant', 'acme', '--password-stdin'], password);
        const account = ['--username', `sip-${user}`, '--domain', 'pbx.acme.example', '--password-stdin'];
        await zprov(['account', 'add', user, '--tenant', 'acme', ...account], `sip-secret-${user}`);
      }
      // Both servers share the data directory, as the CLI does with a running server.
      trusted = await startServeProcess(
        ['--data-dir', data, '--trusted-proxies', '127.0.0.1', '--public-url', 'https://prov.example.com'],
        dir,
      );
      untrusted = await startServeProcess(['--data-dir', data], dir);
      const nginx = (name: string, server: ServeProcess): Promise<NginxProcess> => {
        const own = join(dir, name);
        mkdirSync(own);
        return startNginx({ dir: own, upstreamPort: Number(new URL(server.url).port), cert, key });
      };
      toTrusted = await nginx('nginx-trusted', trusted);
      toUntrusted = await nginx('nginx-untrusted', untrusted);
    });

    afterAll(async () => {
      await Promise.all([toTrusted?.stop(), toUntrusted?.stop(), trusted?.stop(), untrusted?.stop()]);
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    const provisionPath = (user: User, password: string = USERS[user]): string =>
      `/t/acme/provision?user=${user}&pass=${password}`;

    /** The user's audit entries, newest first, once there are at least `count` (the server writes them within ~100 ms). */
    async function fetchLog(
      user: User,
      count: number,
    ): Promise<{ clientAddress: string; outcome: string }[]> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const entries = JSON.parse(
          await zprov(['fetch-log', '--json', '--tenant', 'acme', '--user', user]),
        ) as { clientAddress: string; outcome: string }[];
        if (entries.length >= count || Date.now() > deadline) return entries;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    it('starts on the shipped file without a warning', () => {
      for (const nginx of [toTrusted, toUntrusted])
        expect(readFileSync(nginx!.mainLog, 'utf8')).not.toMatch(/\[(warn|error|crit|alert|emerg)\]/);
    });

    it('serves a phone over HTTPS the document `zprov render` prints, with zprov headers', async () => {
      const res = await sendTo(toTrusted!.port, provisionPath('alice'), { ca });
      expect(res.status, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['server']).toBe('nginx'); // server_tokens off: no version
      expect(res.body).toBe(await zprov(['render', 'alice', '--tenant', 'acme']));
    });

    it("passes zprov's refusals through unchanged", async () => {
      const res = await sendTo(toTrusted!.port, provisionPath('alice', 'wrong-password'), { ca });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="zprov"/);
      expect(res.body).toMatch(/<error code="1">/);
    });

    it("refuses a body over zprov's 16 KiB limit and passes one at the limit", async () => {
      const form = `user=alice&pass=${USERS.alice}&pad=`;
      const body = (size: number): string => form + 'x'.repeat(size - form.length);
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const at = await sendTo(toTrusted!.port, '/t/acme/provision', {
        ca,
        method: 'POST',
        headers,
        body: body(16 * 1024),
      });
      expect(at.status, at.body).toBe(200);
      const over = await sendTo(toTrusted!.port, '/t/acme/provision', {
        ca,
        method: 'POST',
        headers,
        body: body(16 * 1024 + 1),
      });
      expect(over.status).toBe(413);
      expect(over.headers['content-type']).toMatch(/^text\/html/); // nginx's page: zprov never saw it
    });

    it('with --trusted-proxies, zprov records the address nginx saw, not one the client sent', async () => {
      // From 127.0.0.2: nginx sees that address, zprov's socket peer is nginx at 127.0.0.1.
      const res = await sendTo(toTrusted!.port, provisionPath('bob'), {
        ca,
        localAddress: '127.0.0.2',
        headers: { 'x-forwarded-for': SPOOF },
      });
      expect(res.status, res.body).toBe(200);
      expect((await fetchLog('bob', 1)).map((e) => [e.outcome, e.clientAddress])).toEqual([
        ['served', '127.0.0.2'],
      ]);
    });

    it('with --trusted-proxies, a client on a trusted address cannot plant one either', async () => {
      // From 127.0.0.1, itself a trusted proxy address: had nginx appended to the client's header,
      // zprov would walk past it to the planted address.
      const res = await sendTo(toTrusted!.port, provisionPath('carol'), {
        ca,
        headers: { 'x-forwarded-for': SPOOF },
      });
      expect(res.status, res.body).toBe(200);
      expect((await fetchLog('carol', 1)).map((e) => e.clientAddress)).toEqual(['127.0.0.1']);
    });

    it('without --trusted-proxies, zprov ignores X-Forwarded-For and records nginx', async () => {
      const res = await sendTo(toUntrusted!.port, provisionPath('dave'), {
        ca,
        localAddress: '127.0.0.2',
        headers: { 'x-forwarded-for': SPOOF },
      });
      expect(res.status, res.body).toBe(200);
      expect((await fetchLog('dave', 1)).map((e) => e.clientAddress)).toEqual(['127.0.0.1']);
    });

    it('keeps passwords out of the access and error logs, logging the path only', async () => {
      await sendTo(toTrusted!.port, provisionPath('alice'), { ca });
      for (const nginx of [toTrusted!, toUntrusted!]) {
        const access = readFileSync(nginx.accessLog, 'utf8');
        expect(access).toMatch(/"GET \/t\/acme\/provision HTTP\/1\.1" 200 /);
        const logs = access + readFileSync(nginx.errorLog, 'utf8');
        for (const password of Object.values(USERS)) expect(logs).not.toContain(password);
        expect(logs).not.toMatch(/pass=|\?user=/);
      }
    });
  },
);

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTPS request to nginx on 127.0.0.1, optionally from another loopback address. */
function sendTo(
  port: number,
  path: string,
  options: {
    ca: string;
    localAddress?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        ca: options.ca,
        servername: 'localhost',
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
