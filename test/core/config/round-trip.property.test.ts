import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  androidConfigSchema,
  desktopConfigSchema,
  iosConfigSchema,
  parseConfig,
  serializeConfig,
  validateConfig,
  type DocumentSchema,
} from '../../../src/core/index.js';
import { arbConfigDocument } from '../../support/config-arbitrary.js';
import { withoutPositions } from '../../support/config-compare.js';

const errorsOf = (diagnostics: readonly { severity: string }[]) =>
  diagnostics.filter((d) => d.severity === 'error');

const dialects: readonly [string, DocumentSchema][] = [
  ['Desktop', desktopConfigSchema],
  ['Android', androidConfigSchema],
  ['iOS', iosConfigSchema],
];

describe('Config.xml round trip on generated documents', () => {
  it.each(dialects)('parse after serialize gives back the %s document, without errors', (_, schema) => {
    fc.assert(
      fc.property(arbConfigDocument({ schema, unknownElements: true }), (document) => {
        const parsed = parseConfig(serializeConfig(document), {}, schema);
        expect(errorsOf(parsed.diagnostics)).toEqual([]);
        expect(parsed.document && withoutPositions(parsed.document)).toEqual(document);
      }),
      { numRuns: 150 },
    );
  });

  it.each(dialects)('finds no errors in a generated %s document', (_, schema) => {
    fc.assert(
      fc.property(arbConfigDocument({ schema, unknownElements: true }), (document) => {
        expect(errorsOf(validateConfig(document, schema))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('serializes a parsed document to the same text again (the layout is a fixed point)', () => {
    fc.assert(
      fc.property(arbConfigDocument({ unknownElements: true }), (document) => {
        const text = serializeConfig(document);
        const again = parseConfig(text).document;
        expect(again && serializeConfig(again)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
