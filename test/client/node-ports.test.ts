import { afterEach, describe, expect, it } from 'vitest';
import { HttpFailure } from '../../src/client/client-ports.js';
import { nodeFetch, nodeFileSystem } from '../../src/client/node-ports.js';
import { answer, closedPort, startStub, type StubServer } from './stub-server.js';

const stubs: StubServer[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
const stub = async (...args: Parameters<typeof startStub>): Promise<StubServer> => {
  const s = await startStub(...args);
  stubs.push(s);
  return s;
};
const get = (url: string, headers: Record<string, string> = {}, maxBytes = 1 << 20) =>
  nodeFetch({ url, headers, timeoutMs: 5_000, maxBytes });

describe('HTTP for the emulator', () => {
  it('follows a redirect, keeping Authorization on the same origin and listing the hop without its query', async () => {
    const server = await stub((request, response) => {
      if (request.url.startsWith('/old')) {
        response.writeHead(301, { location: '/new?pass=secret' });
        response.end();
      } else answer(200, '<options/>')(request, response);
    });
    const response = await get(`${server.origin}/old?pass=secret`, { authorization: 'Basic eDp5' });
    expect(response.status).toBe(200);
    expect(response.redirects).toEqual([`301 -> ${server.origin}/new`]);
    expect(server.requests[1]?.headers.authorization).toBe('Basic eDp5');
  });

  it('drops Authorization when a redirect leaves the origin', async () => {
    const target = await stub(answer(200, '<options/>'));
    const origin = await stub((_request, response) => {
      response.writeHead(302, { location: `${target.origin}/p` });
      response.end();
    });
    await get(`${origin.origin}/p`, { authorization: 'Basic eDp5' });
    expect(origin.requests[0]?.headers.authorization).toBe('Basic eDp5');
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('gives up after five redirects', async () => {
    const loop = await stub((_request, response) => {
      response.writeHead(302, { location: '/again' });
      response.end();
    });
    await expect(get(`${loop.origin}/p`)).rejects.toThrow(/more than 5 redirects/);
  });

  it('abandons a reply larger than the limit', async () => {
    const big = await stub(answer(200, 'x'.repeat(5000)));
    await expect(get(`${big.origin}/p`, {}, 1000)).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('reaches ports the fetch standard would refuse', async () => {
    // Port 1 is on the fetch "bad ports" list; a phone does not know that list, so neither do we.
    await expect(get('http://127.0.0.1:1/p')).rejects.toSatisfy(
      (e: unknown) => e instanceof HttpFailure && e.kind === 'network' && /ECONNREFUSED/.test(e.message),
    );
  });

  it('reports a refused connection as a network failure', async () => {
    const port = await closedPort();
    await expect(get(`http://127.0.0.1:${port}/p`)).rejects.toMatchObject({ kind: 'network' });
  });

  it('reads a missing file or directory as absent', async () => {
    expect(await nodeFileSystem.readFile('/nonexistent/zprov/file')).toBeUndefined();
    expect(await nodeFileSystem.listDirectory('/nonexistent/zprov')).toBeUndefined();
  });
});
