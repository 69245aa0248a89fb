// The reference page: Swagger UI served by zprov itself (HTML, the package's files from an allow-list,
// the initialiser), a Content-Security-Policy allowing this origin only, nothing from another host.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fastify, type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagementService } from '../../../src/services/management/management-service.js';
import {
  REFERENCE_CSP,
  registerOpenApiDocument,
  registerReferencePage,
} from '../../../src/server/admin-api/reference-page.js';
import { documentRoutes } from '../../../src/server/admin-api/routes/document-routes.js';

const PREFIX = '/api/v1';
const packageDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

describe('reference page', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = fastify({ logger: false });
    registerReferencePage(app, PREFIX);
    registerOpenApiDocument(app, PREFIX, documentRoutes({ management: {} as ManagementService }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('allows this origin only: no other host, no inline script', () => {
    for (const directive of REFERENCE_CSP.split(';').map((d) => d.trim())) {
      const [, ...sources] = directive.split(/\s+/);
      for (const source of sources) expect(["'self'", "'none'", 'data:']).toContain(source);
    }
    expect(REFERENCE_CSP).toContain("script-src 'self'");
    expect(REFERENCE_CSP).not.toContain('unsafe');
  });

  it('serves the page and every file it loads from zprov, each with the policy', async () => {
    const page = await app.inject({ url: `${PREFIX}/reference` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(REFERENCE_CSP);
    expect(page.body).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(page.body).not.toMatch(/<script>|<script[^>]*>[^<]/);
    expect(page.body).toContain(`data-spec="${PREFIX}/openapi.json"`);
    const loaded = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(loaded.length).toBe(5);
    for (const url of loaded) {
      expect(url.startsWith(`${PREFIX}/reference/assets/`)).toBe(true);
      const asset = await app.inject({ url });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers['content-security-policy']).toBe(REFERENCE_CSP);
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
      const name = url.slice(`${PREFIX}/reference/assets/`.length);
      if (name === 'zprov-reference.js') {
        expect(asset.body).not.toMatch(/https?:/);
        expect(asset.body).toContain('validatorUrl: null');
      } else expect(asset.rawPayload.equals(readFileSync(join(packageDir, name)))).toBe(true);
    }
  });

  it('answers 404 for any other file name, however spelled', async () => {
    for (const name of [
      'index.html',
      'package.json',
      'swagger-ui.js.map',
      '..%2Fpackage.json',
      '%2E%2E',
      'LICENSE',
    ])
      expect((await app.inject({ url: `${PREFIX}/reference/assets/${name}` })).statusCode, name).toBe(404);
    expect((await app.inject({ url: `${PREFIX}/reference/assets/../../package.json` })).statusCode).toBe(404);
  });

  it('serves the OpenAPI document it points at', async () => {
    const doc = await app.inject({ url: `${PREFIX}/openapi.json` });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(doc.json()).toMatchObject({ openapi: '3.1.0', servers: [{ url: PREFIX }] });
  });
});
