import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENERAL_ERROR,
  errorDocument,
  parseError,
  readZoiperDocument,
  serializeError,
} from '../../src/core/index.js';
import { arbXmlText } from '../support/config-arbitrary.js';

describe('the <error> reply', () => {
  it('is written with code 1 and the message escaped', () => {
    expect(serializeError(errorDocument('Unknown user <jana> & wrong "password"'))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<error code="1">Unknown user &lt;jana&gt; &amp; wrong "password"</error>\n',
    );
  });

  it('reads back the message it wrote, for any text', () => {
    fc.assert(
      fc.property(arbXmlText(40), (message) => {
        const trimmed = message.trim();
        const result = parseError(serializeError(errorDocument(trimmed)));
        expect(result.diagnostics).toEqual([]);
        expect(result.document).toEqual({ kind: 'error', code: GENERAL_ERROR, message: trimmed });
      }),
    );
  });

  it('stays well-formed when the message holds characters XML cannot carry', () => {
    const text = serializeError(errorDocument('user a\u0000b\u001bc\uFFFE'));
    const result = parseError(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.message).toBe('user a\uFFFDb\uFFFDc\uFFFD');
  });

  it('reads a reply as the phone would, and flags a missing, non-numeric or unknown code', () => {
    expect(readZoiperDocument('<error code="1">Account locked</error>')).toEqual({
      document: { kind: 'error', code: 1, message: 'Account locked' },
      diagnostics: [],
    });
    const codes = (text: string) => parseError(text).diagnostics.map((d) => [d.code, d.severity]);
    expect(codes('<error>no code</error>')).toEqual([['error.code', 'error']]);
    expect(codes('<error code="one">x</error>')).toEqual([['error.code', 'error']]);
    expect(codes('<error code="7">x</error>')).toEqual([['error.code', 'warning']]);
    expect(codes('<error code="1"><b>x</b></error>')).toEqual([['xml.mixed-content', 'warning']]);
    expect(codes('<options/>')).toEqual([['root.wrong', 'error']]);
  });
});
