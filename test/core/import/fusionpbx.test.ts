import { describe, expect, it } from 'vitest';
import {
  mapFusionpbx,
  type FusionpbxDomainRow,
  type FusionpbxExtensionRow,
} from '../../../src/core/import/fusionpbx.js';

const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';

const domains: FusionpbxDomainRow[] = [
  { domain_uuid: D1, domain_name: 'a.example.com', domain_enabled: 'true' },
  { domain_uuid: D2, domain_name: 'b.example.com', domain_enabled: 'true' },
];

let next = 0;
const extension = (overrides: Partial<FusionpbxExtensionRow> = {}): FusionpbxExtensionRow => ({
  extension_uuid: `e${(next += 1)}`,
  domain_uuid: D1,
  extension: '1001',
  password: 'pw-1001',
  enabled: 'true',
  ...overrides,
});

describe('mapFusionpbx', () => {
  it('maps an extension: key domain/extension, user extension@domain, SIP_domain, names, columns', () => {
    const row = extension({
      extension_uuid: 'e-1',
      number_alias: '501',
      effective_caller_id_name: 'Alice Smith',
      effective_caller_id_number: '1001',
      directory_full_name: 'Alice B. Smith',
      description: 'front desk',
      user_context: 'a.example.com',
    });
    const { accounts, problems } = mapFusionpbx({ domains, extensions: [row] });
    expect(problems).toEqual([]);
    expect(accounts).toEqual([
      {
        key: 'a.example.com/1001',
        at: { file: 'v_extensions', line: 1 },
        protocol: 'sip',
        username: '1001',
        password: 'pw-1001',
        options: [
          ['SIP_domain', 'a.example.com'],
          ['name', 'Alice Smith'],
          ['SIP_callerId', 'Alice Smith'],
        ],
        user: '1001@a.example.com',
        displayName: 'Alice Smith',
        enabled: true,
        columns: {
          domain_name: 'a.example.com',
          domain_enabled: 'true',
          extension_uuid: 'e-1',
          domain_uuid: D1,
          extension: '1001',
          enabled: 'true',
          number_alias: '501',
          effective_caller_id_name: 'Alice Smith',
          effective_caller_id_number: '1001',
          directory_full_name: 'Alice B. Smith',
          description: 'front desk',
          user_context: 'a.example.com',
        },
      },
    ]);
  });

  it('falls back to the directory name, first and last, for the display name', () => {
    const { accounts } = mapFusionpbx({
      domains,
      extensions: [
        extension({ extension: '1', directory_full_name: 'Full Name' }),
        extension({ extension: '2', directory_first_name: 'First', directory_last_name: 'Last' }),
        extension({ extension: '3' }),
      ],
    });
    expect(accounts.map((a) => [a.displayName, a.options.map(([p]) => p)])).toEqual([
      ['Full Name', ['SIP_domain', 'name']],
      ['First Last', ['SIP_domain', 'name']],
      [undefined, ['SIP_domain']],
    ]);
  });

  it('keeps the same extension of two domains apart, by key and by user', () => {
    const { accounts, problems } = mapFusionpbx({
      domains,
      extensions: [extension(), extension({ domain_uuid: D2 })],
    });
    expect(problems).toEqual([]);
    expect(accounts.map((a) => [a.key, a.user])).toEqual([
      ['a.example.com/1001', '1001@a.example.com'],
      ['b.example.com/1001', '1001@b.example.com'],
    ]);
  });

  it('names users by extension alone on request, refusing the second of two that collide', () => {
    const { accounts, problems } = mapFusionpbx(
      { domains, extensions: [extension(), extension({ domain_uuid: D2 })] },
      { users: 'extension' },
    );
    expect(accounts.map((a) => a.user)).toEqual(['1001']);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: 'b.example.com/1001',
        at: { file: 'v_extensions', line: 2, field: 'extension' },
      }),
    ]);
  });

  it('reads enabled as FusionPBX does: only true is enabled', () => {
    const { accounts, problems } = mapFusionpbx({
      domains,
      extensions: [
        extension({ extension: '1', enabled: 'true' }),
        extension({ extension: '2', enabled: 'false' }),
        extension({ extension: '3', enabled: 'yes' }),
        extension({ extension: '4', enabled: null }),
      ],
    });
    expect(accounts.map((a) => a.enabled)).toEqual([true, false, false, false]);
    expect(problems.map((p) => [p.severity, p.at.line, p.at.field])).toEqual([
      ['warning', 3, 'enabled'],
      ['warning', 4, 'enabled'],
    ]);
  });

  it('disables the extensions of a disabled domain, with one warning for the domain', () => {
    const { accounts, problems } = mapFusionpbx({
      domains: [domains[0]!, { ...domains[1]!, domain_enabled: 'false' }],
      extensions: [
        extension(),
        extension({ domain_uuid: D2 }),
        extension({ domain_uuid: D2, extension: '1002' }),
      ],
    });
    expect(accounts.map((a) => [a.key, a.enabled])).toEqual([
      ['a.example.com/1001', true],
      ['b.example.com/1001', false],
      ['b.example.com/1002', false],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        at: { file: 'v_domains', line: 2, field: 'domain_enabled' },
        message: expect.stringContaining('2 extensions'),
      }),
    ]);
  });

  it('reports bad rows with their position in the result and the column', () => {
    const { accounts, problems } = mapFusionpbx({
      domains: [...domains, { domain_uuid: 'd3', domain_name: null, domain_enabled: 'true' }],
      extensions: [
        extension(),
        extension({ domain_uuid: 'unknown' }),
        extension({ extension: '' }),
        extension({ extension: '10 02' }),
        extension(),
        extension({ extension: '1005', password: '' }),
      ],
    });
    expect(accounts.map((a) => [a.key, a.at.line, a.password])).toEqual([
      ['a.example.com/1001', 1, 'pw-1001'],
      ['a.example.com/1005', 6, undefined],
    ]);
    expect(problems.map((p) => [p.severity, p.at.file, p.at.line, p.at.field])).toEqual([
      ['error', 'v_domains', 3, 'domain_name'],
      ['error', 'v_extensions', 2, 'domain_uuid'],
      ['error', 'v_extensions', 3, 'extension'],
      ['error', 'v_extensions', 4, 'extension'],
      ['error', 'v_extensions', 5, 'extension'],
      ['warning', 'v_extensions', 6, 'password'],
    ]);
    expect(problems[4]?.message).toContain('row 1');
  });

  it('keeps the password out of the columns', () => {
    const { accounts } = mapFusionpbx({ domains, extensions: [extension()] });
    expect(accounts[0]?.columns).not.toHaveProperty('password');
  });
});
