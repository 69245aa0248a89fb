// The API's interactive reference: Swagger UI, served by zprov itself from the swagger-ui-dist package
// (no CDN: an administration server need not reach the internet, and its page loads nothing from
// another host), pointed at the OpenAPI document. A Content-Security-Policy allows only this origin
// and no inline script, so the initialiser is a small file of its own.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ZprovError } from '../../core/errors.js';
import type { ApiRoute } from './api-route.js';
import { buildOpenApiDocument, type OpenApiOptions } from './openapi.js';

/**
 * Swagger UI's stylesheet embeds its icons as data: images; nothing else may come from anywhere but
 * this origin.
 */
export const REFERENCE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The only package files served: everything else under assets/ is 404, whatever its name. */
const PACKAGE_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};
const INITIALISER = 'zprov-reference.js';

// Reads where to find the document from the page, so this file is the same for every prefix.
const INITIALISER_SOURCE = `'use strict';
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
`;

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(prefix: string): string {
  const assets = escapeAttribute(`${prefix}/reference/assets`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zprov administration API</title>
<link rel="stylesheet" href="${assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${assets}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui" data-spec="${escapeAttribute(`${prefix}/openapi.json`)}"></div>
<script src="${assets}/swagger-ui-bundle.js"></script>
<script src="${assets}/${INITIALISER}"></script>
</body>
</html>
`;
}

/**
 * The package's folder, looked up when first needed and from where this code runs: the CLI's bundle
 * (dist/bundle/) finds the installed package the same way the compiled files do.
 */
let packageDir: string | undefined;
function swaggerUiDir(): string {
  if (packageDir === undefined) {
    const resolveFrom = createRequire(import.meta.url);
    packageDir = dirname(resolveFrom.resolve('swagger-ui-dist/package.json'));
  }
  return packageDir;
}

const cache = new Map<string, Buffer>();
async function packageFile(name: string): Promise<Buffer> {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(swaggerUiDir(), name));
  } catch (error) {
    throw new ZprovError('internal', `swagger-ui-dist/${name} cannot be read`, undefined, { cause: error });
  }
  cache.set(name, bytes);
  return bytes;
}

const secured = (reply: FastifyReply, type: string): FastifyReply =>
  reply
    .header('content-type', type)
    .header('content-security-policy', REFERENCE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');

/** The page at `<prefix>/reference` and its files under `<prefix>/reference/assets/`. */
export function registerReferencePage(app: FastifyInstance, prefix: string): void {
  const html = page(prefix);
  app.get(`${prefix}/reference`, async (_request, reply) =>
    secured(reply, 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
  );
  app.get<{ Params: { name: string } }>(`${prefix}/reference/assets/:name`, async (request, reply) => {
    const { name } = request.params;
    if (name === INITIALISER)
      return secured(reply, 'text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(INITIALISER_SOURCE);
    const type = Object.hasOwn(PACKAGE_ASSETS, name) ? PACKAGE_ASSETS[name] : undefined;
    // Answered here rather than thrown: the page may be registered outside the API's error handler.
    if (type === undefined)
      return secured(reply.code(404), 'application/json; charset=utf-8').send({
        error: { code: 'not_found', message: 'no such reference asset' },
      });
    // The package's version is fixed by the install; a day's caching spares reloads of 2 MB.
    return secured(reply, type)
      .header('cache-control', 'public, max-age=86400')
      .send(await packageFile(name));
  });
}

/** `<prefix>/openapi.json`: the document, made once from the routes registered. */
export function registerOpenApiDocument(
  app: FastifyInstance,
  prefix: string,
  routes: readonly ApiRoute[],
  options: OpenApiOptions = {},
): void {
  const text = JSON.stringify(buildOpenApiDocument(routes, options));
  app.get(`${prefix}/openapi.json`, async (_request, reply) =>
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(text),
  );
}
