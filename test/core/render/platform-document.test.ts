import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalDocument,
  configDocument,
  desktopConfigSchema,
  listNode,
  optionNode,
  platformConfigSchemas,
  renderedConfig,
  renderForPlatform,
  sectionNode,
  storedConfigSchema,
  validateConfig,
  ZOIPER_PLATFORMS,
  type ConfigDocument,
} from '../../../src/core/index.js';
import { arbConfigDocument } from '../../support/config-arbitrary.js';

const errorsOf = (document: ConfigDocument, schema = storedConfigSchema) =>
  validateConfig(document, schema).filter((d) => d.severity === 'error');

/** A SIP account as zprov renders it, with one option only the apps know. */
const pushAccount = sectionNode('account', [
  optionNode('ident', 'a1'),
  optionNode('name', 'Office'),
  optionNode('protocol', 'sip'),
  optionNode('username', '1001'),
  optionNode('password', 's3cret'),
  optionNode('SIP_domain', 'pbx.example'),
  optionNode('enable_push_notifications', true),
]);

describe('the document each platform is served', () => {
  it('gives the apps their dialect only: no <general>, no <audio>, no ident; push notifications kept', () => {
    const rendered = renderedConfig(
      canonicalDocument(
        configDocument([
          sectionNode('general', [optionNode('account', 'a1'), optionNode('auto_away', 10)]),
          sectionNode('audio', [optionNode('use_mic_boost', true)]),
          listNode('accounts', [pushAccount]),
        ]),
      ),
    );
    expect(errorsOf(rendered.document)).toEqual([]);
    for (const platform of ['android', 'ios'] as const) {
      const served = renderForPlatform(rendered, platform);
      expect(errorsOf(served.document, platformConfigSchemas[platform])).toEqual([]);
      expect(served.body).not.toMatch(/<general>|<audio>|<ident>/);
      expect(served.body).toContain('<enable_push_notifications>true</enable_push_notifications>');
      expect(served.body).toContain('<SIP_domain>pbx.example</SIP_domain>');
      expect(served.leftOut.map((l) => l.path)).toEqual(
        expect.arrayContaining(['general', 'audio', 'accounts/account[1]/ident']),
      );
    }
    const desktop = renderForPlatform(rendered, 'desktop');
    expect(desktop.body).toContain('<ident>a1</ident>');
    expect(desktop.body).not.toContain('enable_push_notifications');
    expect(desktop.leftOut).toEqual([
      { path: 'accounts/account[1]/enable_push_notifications', reason: expect.any(String) as string },
    ]);
    expect(errorsOf(desktop.document, desktopConfigSchema)).toEqual([]);
  });

  it('serves a Desktop document without app-only options byte for byte as rendered', () => {
    fc.assert(
      fc.property(arbConfigDocument({ schema: desktopConfigSchema }), (document) => {
        const rendered = renderedConfig(canonicalDocument(document));
        const desktop = renderForPlatform(rendered, 'desktop');
        expect(desktop.leftOut).toEqual([]);
        expect(desktop.body).toBe(rendered.body);
        expect(desktop.hash).toBe(rendered.hash);
      }),
      { numRuns: 150 },
    );
  });

  it("holds every platform's document valid in its own schema, whatever is stored", () => {
    fc.assert(
      fc.property(arbConfigDocument({ schema: storedConfigSchema }), (document) => {
        const rendered = renderedConfig(canonicalDocument(document));
        for (const platform of ZOIPER_PLATFORMS) {
          const served = renderForPlatform(rendered, platform);
          expect(errorsOf(served.document, platformConfigSchemas[platform])).toEqual([]);
          // Taking a platform's part twice changes nothing more.
          expect(renderForPlatform(served, platform).body).toBe(served.body);
        }
      }),
      { numRuns: 200 },
    );
  });
});
