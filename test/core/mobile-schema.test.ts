import { describe, expect, it } from 'vitest';
import {
  androidConfigSchema,
  countSchema,
  diffConfigs,
  iosConfigSchema,
  mobileConfigSchemas,
  readConfig,
  SECRET_MASK,
} from '../../src/core/index.js';

const reply = (account: string): string =>
  `<?xml version="1.0"?>\n<options><accounts><account>${account}</account></accounts></options>\n`;

describe('mobile configuration schemas', () => {
  it('hold every section and option of the Android reference (5 sections, 51 options)', () => {
    expect(countSchema(androidConfigSchema.sections)).toEqual({ sections: 5, options: 51 });
  });

  it('hold every section and option of the iOS reference (10 sections, 64 options)', () => {
    expect(countSchema(iosConfigSchema.sections)).toEqual({ sections: 10, options: 64 });
  });

  it('accepts an Android SIP account with Android-only options', () => {
    const text = reply(
      '<protocol>sip</protocol><SIP_domain>pbx.example.com</SIP_domain><SIP_use_reg_event>true</SIP_use_reg_event>',
    );
    const { document, diagnostics } = readConfig(text, {}, androidConfigSchema);
    expect(document).toBeDefined();
    expect(diagnostics).toEqual([]);
  });

  it('flags an option only Android documents when the reply is read as iOS', () => {
    const text = reply('<protocol>sip</protocol><SIP_use_reg_event>true</SIP_use_reg_event>');
    const codes = readConfig(text, {}, iosConfigSchema).diagnostics.map((d) => d.code);
    expect(codes).toContain('option.unknown');
  });

  it('rejects the Desktop-only http_phone_control protocol on Android', () => {
    const text = reply('<protocol>http_phone_control</protocol>');
    const errors = readConfig(text, {}, androidConfigSchema).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    expect(errors.map((d) => d.code)).toContain('value.enum');
  });

  it('leaves the Desktop schema the default for readers that pass none', () => {
    const text = reply('<protocol>http_phone_control</protocol><ident>a1</ident>');
    expect(readConfig(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mobileErrors = readConfig(text, {}, mobileConfigSchemas.android).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    expect(mobileErrors.length).toBeGreaterThan(0);
  });

  it('masks mobile account passwords in a diff', () => {
    const a = readConfig(reply('<password>one</password>'), {}, iosConfigSchema).document;
    const b = readConfig(reply('<password>two</password>'), {}, iosConfigSchema).document;
    if (a === undefined || b === undefined) throw new Error('unreadable fixture');
    const [entry] = diffConfigs(a, b, iosConfigSchema);
    expect(entry).toMatchObject({ change: 'changed', from: SECRET_MASK, to: SECRET_MASK, secret: true });
  });
});
