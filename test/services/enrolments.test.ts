// One-time enrolment secrets: single use, expiring, bound to their tenant's address, and never
// handed out for a user who cannot be provisioned.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/test-app.js';

describe('enrolment links and tokens', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({ publicUrls: ['https://prov.example.test/'] });
    const m = t.app.management;
    await m.tenants.add({ slug: 'acme' });
    await m.tenants.add({ slug: 'other' });
    await m.users.add({ tenant: 'acme', username: 'alice', password: 'alice password' });
  });
  afterEach(() => t.close());
  const m = () => t.app.management;
  const secretOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

  it('gives fresh credentials once, until it expires, at its own tenant only', async () => {
    const offer = await m().enrolments.create('acme', 'alice', 'link', 1);
    expect(offer.link).toMatch(/^https:\/\/prov\.example\.test\/t\/acme\/enrol\/[\w-]{32}$/);
    const secret = secretOf(offer.link);
    expect(await m().enrolments.look('other', secret, 'link')).toBe('unknown');
    expect(await m().enrolments.redeemLink('other', secret)).toBe('unknown');
    expect(await m().enrolments.look('acme', secret, 'token')).toBe('unknown');
    expect(await m().enrolments.look('acme', secret, 'link')).toBe('ready');
    const taken = await m().enrolments.redeemLink('acme', secret);
    if (typeof taken === 'string') throw new Error(taken);
    expect(await m().users.checkPassword('acme', 'alice', taken.password)).toBe(true);
    expect(await m().enrolments.redeemLink('acme', secret)).toBe('used');
    const [revision] = await m().history.list({ tenant: 'acme', limit: 1 });
    expect(revision?.actor).toMatch(/^enrolment:/);

    const late = secretOf((await m().enrolments.create('acme', 'alice', 'link', 1)).link);
    t.clock.advance(3600 * 1000 + 1);
    expect(await m().enrolments.look('acme', late, 'link')).toBe('expired');
    expect(await m().enrolments.redeemLink('acme', late)).toBe('expired');
  });

  it('takes a tenant made with its provider id as one change, and refuses a bad one', async () => {
    const tenant = await m().tenants.add({ slug: 'brand', oemProviderId: 'abc123' });
    expect(tenant.oemProviderId).toBe('abc123');
    expect((await m().tenants.get('brand')).oemProviderId).toBe('abc123');
    const revisions = await m().history.list({ tenant: 'brand', limit: 10 });
    expect(revisions.map((r) => r.action)).toEqual(['create']);
    await expect(m().tenants.add({ slug: 'broken', oemProviderId: 'not/an/id' })).rejects.toMatchObject({
      field: 'oemProviderId',
    });
    expect((await m().tenants.list()).map((x) => x.slug)).not.toContain('broken');
  });

  it('refuses what cannot work, naming why', async () => {
    await expect(m().enrolments.create('acme', 'alice', 'token')).rejects.toMatchObject({
      field: 'oemProviderId',
    });
    await m().tenants.update('acme', { oemProviderId: 'abc123' });
    await expect(m().enrolments.create('acme', 'alice', 'token')).rejects.toMatchObject({ field: 'user' });
    await expect(m().tenants.update('acme', { oemProviderId: 'not/an/id' })).rejects.toMatchObject({
      field: 'oemProviderId',
    });
    await expect(m().enrolments.create('acme', 'alice', 'link', 0)).rejects.toMatchObject({
      field: 'validHours',
    });
    await m().users.setEnabled('acme', 'alice', false);
    await expect(m().enrolments.create('acme', 'alice', 'link')).rejects.toMatchObject({ field: 'user' });
  });

  it('hands out the default SIP account by token once', async () => {
    await m().tenants.update('acme', { oemProviderId: 'abc123' });
    await m().accounts.add('acme', 'alice', {
      username: '1001',
      password: 'sip <secret>',
      domain: 'pbx.example',
    });
    const offer = await m().enrolments.create('acme', 'alice', 'token');
    const token = new URL(offer.link).searchParams.get('t') ?? '';
    expect(await m().enrolments.redeemToken('acme', token)).toEqual({
      username: '1001',
      password: 'sip <secret>',
      authenticationUsername: '1001',
    });
    expect(await m().enrolments.redeemToken('acme', token)).toBe('used');
    expect(await m().enrolments.redeemToken('acme', 'x')).toBe('unknown');
  });
});
