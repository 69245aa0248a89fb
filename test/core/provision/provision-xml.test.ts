import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROVISION_OPTION_DEFAULTS,
  parseProvision,
  readProvision,
  serializeProvision,
  validateProvision,
  type ProvisionDocument,
  type ProvisionOptions,
} from '../../../src/core/index.js';
import { arbXmlText } from '../../support/config-arbitrary.js';
import { stripElement } from '../../support/config-compare.js';

const MD5_OF_SECRET = '5ebe2294ecd0e0f08eab7690d2a6ee69';

const provisionXml = (baseUrls: string[], options: string) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<provision>',
    '  <base_urls>',
    ...baseUrls.map((u) => `    <base_url>${u}</base_url>`),
    '  </base_urls>',
    '  <options>',
    options,
    '  </options>',
    '</provision>',
  ].join('\n');

const inMemory = (baseUrls: string[], options: Partial<ProvisionOptions> = {}): ProvisionDocument => ({
  kind: 'provision',
  baseUrls,
  options: { ...PROVISION_OPTION_DEFAULTS, ...options },
});

const codesOf = (document: ProvisionDocument) =>
  validateProvision(document).map((d) => [d.code, d.severity, d.path]);

describe('provision.xml reading', () => {
  it('reads base URLs in failover order and the options with their types, defaults for the rest', () => {
    const text = provisionXml(
      [
        'https://prov.example.com/zoiper?u=[user]&amp;p=[pass]',
        '  https://backup.example.com/z?u=[user]&amp;p=[pass]  ',
      ],
      '    <use_authentication>true</use_authentication>\n    <user_input_authentication>true</user_input_authentication>\n    <delete_accounts_beforehand>false</delete_accounts_beforehand>',
    );
    const result = readProvision(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.baseUrls).toEqual([
      'https://prov.example.com/zoiper?u=[user]&p=[pass]',
      'https://backup.example.com/z?u=[user]&p=[pass]',
    ]);
    expect(result.document?.options).toEqual({
      ...PROVISION_OPTION_DEFAULTS,
      useAuthentication: true,
      userInputAuthentication: true,
      deleteAccountsBeforehand: false,
    });
  });

  it('reports an option with a bad value at its line and keeps the default', () => {
    const result = readProvision(
      provisionXml(
        ['https://p.example.com/'],
        '    <delete_accounts_beforehand>no</delete_accounts_beforehand>',
      ),
    );
    expect(result.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[7, 5, 'value.type']]);
    expect(result.document?.options.deleteAccountsBeforehand).toBe(true);
  });

  it('reads a legacy upper-case authentication_type with a warning, as the lower-case value', () => {
    const result = readProvision(
      provisionXml(['https://p.example.com/'], '    <authentication_type>BASIC</authentication_type>'),
    );
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['value.enum-case', 'warning']]);
    expect(result.document?.options.authenticationType).toBe('basic');
  });

  it('suggests the option meant by a misspelled one, and reports a repeated option', () => {
    const result = readProvision(
      provisionXml(
        ['https://p.example.com/'],
        '    <use_authentification>true</use_authentification>\n    <user>a</user>\n    <user>b</user>',
      ),
    );
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [7, 'option.unknown'],
      [9, 'option.duplicate'],
    ]);
    expect(result.diagnostics[0]?.message).toContain('did you mean <use_authentication>?');
  });

  it('refuses a document whose root is not <provision>', () => {
    const result = parseProvision('<options/>');
    expect(result.document).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['root.wrong']);
  });
});

describe('provision.xml validation', () => {
  it('requires at least one base URL', () => {
    expect(codesOf(inMemory([]))).toEqual([['provision.no-base-url', 'error', 'base_urls']]);
  });

  it('rejects a base URL that is not http or https, at the URL in the file', () => {
    for (const url of ['ftp://files.example.com/cfg', 'prov.example.com/cfg', '', 'https://']) {
      expect(codesOf(inMemory([url]))).toEqual([['provision.bad-url', 'error', 'base_urls/base_url[1]']]);
    }
    const read = readProvision(provisionXml(['https://ok.example.com/', 'file:///etc/zoiper.xml'], ''));
    expect(read.diagnostics.map((d) => [d.line, d.column, d.code, d.path])).toEqual([
      [5, 5, 'provision.bad-url', 'base_urls/base_url[2]'],
    ]);
  });

  it('accepts placeholders anywhere in the URL, the host part included', () => {
    expect(codesOf(inMemory(['https://[user]:[pass]@p.example.com/cfg']))).toEqual([]);
  });

  it('requires an MD5 password of 32 hex digits when password_format is 0 and the preset password is used', () => {
    const preset = { useAuthentication: true, user: 'jana', authenticationType: 'basic' as const };
    expect(codesOf(inMemory(['https://p.example.com/'], { ...preset, password: MD5_OF_SECRET }))).toEqual([]);
    expect(
      codesOf(inMemory(['https://p.example.com/'], { ...preset, password: MD5_OF_SECRET.toUpperCase() })),
    ).toEqual([]);
    for (const password of ['secret', `${MD5_OF_SECRET}0`, 'g'.repeat(32), '']) {
      expect(codesOf(inMemory(['https://p.example.com/'], { ...preset, password }))).toEqual([
        ['provision.password-format', 'error', 'options/password'],
      ]);
    }
    // Plain text (1), or credentials typed by the user: any password is fine.
    expect(
      codesOf(inMemory(['https://p.example.com/'], { ...preset, password: 'secret', passwordFormat: 1 })),
    ).toEqual([]);
    expect(
      codesOf(
        inMemory(['https://p.example.com/'], {
          ...preset,
          password: 'secret',
          userInputAuthentication: true,
        }),
      ),
    ).toEqual([]);
  });

  it('warns when URL authentication is on but a base URL lacks [user] or [pass]', () => {
    const options = {
      useAuthentication: true,
      userInputAuthentication: true,
      authenticationType: 'url' as const,
    };
    expect(codesOf(inMemory(['https://p.example.com/c?u=[user]&p=[pass]'], options))).toEqual([]);
    expect(
      codesOf(inMemory(['https://p.example.com/c?u=[user]', 'https://q.example.com/c'], options)),
    ).toEqual([
      ['provision.placeholder', 'warning', 'base_urls/base_url[1]'],
      ['provision.placeholder', 'warning', 'base_urls/base_url[2]'],
    ]);
  });

  it('warns about placeholders with basic authentication and about credentials over plain http', () => {
    expect(
      codesOf(
        inMemory(['http://p.example.com/c?u=[user]&p=[pass]'], {
          useAuthentication: true,
          userInputAuthentication: true,
          authenticationType: 'basic',
        }),
      ),
    ).toEqual([
      ['provision.placeholder', 'warning', 'base_urls/base_url[1]'],
      ['provision.bad-url', 'warning', 'base_urls/base_url[1]'],
    ]);
  });

  it('warns when preset credentials are used with an empty user, at the options section if user is absent', () => {
    const read = readProvision(
      provisionXml(
        ['https://p.example.com/'],
        `    <use_authentication>true</use_authentication>\n    <authentication_type>basic</authentication_type>\n    <password>${MD5_OF_SECRET}</password>`,
      ),
    );
    expect(read.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [6, 3, 'provision.credentials'],
    ]);
  });
});

describe('provision.xml writing', () => {
  const arbDocument: fc.Arbitrary<ProvisionDocument> = fc.record({
    kind: fc.constant('provision' as const),
    baseUrls: fc.array(
      arbXmlText(20).map((s) => s.trim()),
      { maxLength: 3 },
    ),
    options: fc.record({
      useAuthentication: fc.boolean(),
      userInputAuthentication: fc.boolean(),
      authenticationType: fc.constantFrom('basic' as const, 'url' as const),
      user: arbXmlText(),
      password: arbXmlText(),
      passwordFormat: fc.constantFrom(0 as const, 1 as const),
      deleteAccountsBeforehand: fc.boolean(),
      deleteContactServicesBeforehand: fc.boolean(),
    }),
  });

  it('reads back exactly what it wrote, whatever the text of the values', () => {
    fc.assert(
      fc.property(arbDocument, (document) => {
        const { document: again, diagnostics } = parseProvision(serializeProvision(document));
        expect(diagnostics).toEqual([]);
        expect(again && { ...again, positions: undefined }).toEqual({ ...document, positions: undefined });
      }),
    );
  });

  it('escapes markup in URLs and credentials', () => {
    const text = serializeProvision(
      inMemory(['https://p.example.com/c?a=1&b=<2>'], { user: 'o"brien & <co>', password: "it's" }),
    );
    expect(text).toContain('<base_url>https://p.example.com/c?a=1&amp;b=&lt;2&gt;</base_url>');
    expect(text).toContain('<user>o"brien &amp; &lt;co&gt;</user>');
    expect(parseProvision(text).document?.options.user).toBe('o"brien & <co>');
  });

  it('keeps unknown elements of a file it rewrites', () => {
    const text = provisionXml(['https://p.example.com/'], '').replace(
      '</provision>',
      '  <branding product="Acme Phone">\n    <logo>acme.png</logo>\n  </branding>\n</provision>',
    );
    const first = parseProvision(text).document;
    const again = first && parseProvision(serializeProvision(first)).document;
    expect(again?.unknown?.map(stripElement)).toEqual(first?.unknown?.map(stripElement));
    expect(again?.unknown?.[0]?.attributes).toEqual({ product: 'Acme Phone' });
  });
});
