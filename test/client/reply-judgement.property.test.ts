// The emulator never reports success for a reply that fails validation, and always does for one
// that passes: generated server responses, valid and broken, through the whole Desktop and mobile
// runs with an in-memory file system and an injected HTTP client.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  androidConfigSchema,
  decodeUtf8,
  desktopConfigSchema,
  hasErrors,
  iosConfigSchema,
  readConfig,
  serializeConfig,
  type DocumentSchema,
} from '../../src/core/index.js';
import type { ClientFileSystem, HttpResponse } from '../../src/client/client-ports.js';
import { simulateDesktop, type ClientPorts } from '../../src/client/desktop-simulation.js';
import { simulateMobile } from '../../src/client/mobile-simulation.js';
import { arbConfigDocument } from '../support/config-arbitrary.js';
import { provisionXml } from './client-fixtures.js';

interface Generated {
  readonly status: number;
  readonly body: Uint8Array;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Server responses: valid documents and many ways of being broken. */
function arbResponse(schema: DocumentSchema): fc.Arbitrary<Generated> {
  const doc = arbConfigDocument({ schema, maxItems: 2 }).map((d) => serializeConfig(d));
  const status2xx = fc.constantFrom(200, 200, 200, 201, 203);
  const statusFail = fc.constantFrom(301, 400, 401, 403, 404, 429, 500, 502, 503);
  return fc.oneof(
    // valid as generated
    fc.record({ status: status2xx, body: doc.map(utf8) }),
    // a valid document sent with a failure status
    fc.record({ status: statusFail, body: doc.map(utf8) }),
    // a value of the wrong type, or a duplicate section
    fc.record({
      status: status2xx,
      body: doc.map((t) =>
        utf8(
          t.replace(
            /<\/options>\s*$|<options\/>\s*$/,
            (end) =>
              `${end.startsWith('<options/>') ? '<options>' : ''}<accounts><account><protocol>sip</protocol><register_on_startup>yes</register_on_startup></account></accounts></options>\n`,
          ),
        ),
      ),
    }),
    // truncated anywhere
    fc.record({
      status: status2xx,
      body: fc
        .tuple(doc, fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([t, f]) => utf8(t.slice(0, Math.floor(t.length * f)))),
    }),
    // another root, an error reply, plain text, a DTD
    fc.record({
      status: fc.oneof(status2xx, statusFail),
      body: fc
        .constantFrom(
          '<provision><base_urls/></provision>',
          '<error code="1">Unknown user or wrong password</error>',
          'Service Unavailable',
          '',
          '<!DOCTYPE options [<!ENTITY x "y">]><options/>',
          '<options><accounts><account><protocol>carrier-pigeon</protocol></account></accounts></options>',
        )
        .map(utf8),
    }),
    // bytes that are not UTF-8
    fc.record({ status: status2xx, body: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  );
}

/** The oracle: 2xx, UTF-8, a configuration document with no validation error. */
function passes(response: Generated, schema: DocumentSchema): boolean {
  if (response.status < 200 || response.status >= 300) return false;
  const decoded = decodeUtf8(response.body);
  if ('error' in decoded) return false;
  const { document, diagnostics } = readConfig(decoded.text, {}, schema);
  return document !== undefined && !hasErrors(diagnostics);
}

function memoryFs(files: Record<string, string>): ClientFileSystem {
  return {
    readFile: async (path) => (files[path] === undefined ? undefined : utf8(files[path])),
    listDirectory: async (path) => {
      const names = Object.keys(files)
        .filter((f) => f.startsWith(`${path}/`))
        .map((f) => f.slice(path.length + 1));
      return names.length > 0 ? names : undefined;
    },
  };
}

function ports(response: Generated): ClientPorts {
  return {
    fs: memoryFs({
      '/home/agent/Provision.xml': provisionXml(['http://127.0.0.1:9/p'], { useAuthentication: false }),
    }),
    fetch: async (): Promise<HttpResponse> => ({
      status: response.status,
      contentType: 'application/xml',
      body: response.body,
    }),
    clock: { now: () => 0 },
  };
}

describe('the emulator and invalid replies (property)', () => {
  it('Desktop: reports success exactly when the reply is a valid configuration', async () => {
    await fc.assert(
      fc.asyncProperty(arbResponse(desktopConfigSchema), async (response) => {
        const { report, merged } = await simulateDesktop(
          {
            os: 'linux',
            env: {},
            workingDirectory: '/home/agent',
            executableDirectory: '/bin',
            dataDirectory: '/data',
          },
          ports(response),
        );
        const valid = passes(response, desktopConfigSchema);
        expect(report.outcome === 'success').toBe(valid);
        expect(merged !== undefined).toBe(valid);
        if (!valid) expect(report.attempts[0]?.verdict).not.toBe('configuration');
      }),
      { numRuns: 150 },
    );
  });

  for (const [platform, schema] of [
    ['android', androidConfigSchema],
    ['ios', iosConfigSchema],
  ] as const) {
    it(`${platform}: reports success exactly when the reply is a valid ${platform} configuration`, async () => {
      await fc.assert(
        fc.asyncProperty(arbResponse(schema), async (response) => {
          const { report } = await simulateMobile(
            {
              platform,
              urlTemplate: 'http://127.0.0.1:9/p?u=[username]&p=[password]',
              user: 'u',
              password: 'p',
            },
            ports(response),
          );
          expect(report.outcome === 'success').toBe(passes(response, schema));
        }),
        { numRuns: 75 },
      );
    });
  }
});
