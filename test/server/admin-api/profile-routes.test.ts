// The profile routes over HTTP: reads as path=value pairs, option writes by path with the core's
// diagnostics as field paths, account defaults, fragment imports, assignments, and who may do what.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   reply bodies are read as JSON here; expect checks their values and the OpenAPI schemas their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileRoutes } from '../../../src/server/admin-api/routes/profile-routes.js';
import { routeFixture, type RouteFixture } from './route-fixture.js';

const FRAGMENT = `<?xml version="1.0" encoding="UTF-8"?>
<options><general><auto_away>300</auto_away></general></options>`;

describe('profile routes', () => {
  let f: RouteFixture;
  beforeAll(async () => {
    f = await routeFixture(profileRoutes);
  });
  // Every reply recorded here matches the schema the OpenAPI document gives for it.
  afterAll(() => f.closeCheckingReplies());

  it('creates a profile, sets and unsets options by path, and shows them as path=value pairs', async () => {
    const created = await f.call('admin', 'POST', '/profiles', { body: { name: 'office' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);

    const set = await f.call('admin', 'PUT', '/profiles/office/options', {
      body: { path: 'general/auto_away', value: '300' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().profile.options).toEqual({ 'general/auto_away': '300' });

    const defaults = await f.call('admin', 'PUT', '/profiles/office/options', {
      body: { path: 'account/SIP_transport_type', value: 'tcp' },
    });
    expect(defaults.statusCode).toBe(200);
    const shown = await f.call('reader', 'GET', '/profiles/office');
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      name: 'office',
      options: { 'general/auto_away': '300' },
      accountDefaults: { 'account/SIP_transport_type': 'tcp' },
      assignments: { server: false, tenants: [], groups: [], users: [] },
    });

    const unset = await f.call('admin', 'DELETE', '/profiles/office/options?path=general/auto_away');
    expect(unset.statusCode).toBe(200);
    expect(unset.json().profile.options).toEqual({});

    const list = await f.call('reader', 'GET', '/profiles');
    expect(list.json().profiles.map((p: { name: string }) => p.name)).toEqual(['office']);
  });

  it('pins an option to platforms, shows the pin, and refuses a platform whose dialect lacks it', async () => {
    await f.call('admin', 'POST', '/profiles', { body: { name: 'apps' } });
    const pinned = await f.call('admin', 'PUT', '/profiles/apps/options', {
      body: { path: 'account/enable_push_notifications', value: 'true', platforms: ['ios', 'android'] },
    });
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json().profile.platformPins).toEqual({
      'account/enable_push_notifications': ['android', 'ios'],
    });
    const lacking = await f.call('admin', 'PUT', '/profiles/apps/options', {
      body: { path: 'general/auto_away', value: '300', platforms: ['android'] },
    });
    expect(lacking.statusCode).toBe(400);
    expect(lacking.json().error).toMatchObject({ code: 'invalid_input', field: 'general/auto_away' });
    const unknown = await f.call('admin', 'PUT', '/profiles/apps/options', {
      body: { path: 'general/auto_away', value: '300', platforms: ['symbian'] },
    });
    expect(unknown.statusCode).toBe(400);
    // Nothing of the refused writes was kept; unsetting the option takes its pin along.
    const unset = await f.call(
      'admin',
      'DELETE',
      '/profiles/apps/options?path=account/enable_push_notifications',
    );
    expect(unset.json().profile).toMatchObject({ options: {}, accountDefaults: {}, platformPins: {} });
  });

  it('answers 400 naming the option path the core refused', async () => {
    await f.call('admin', 'POST', '/profiles', { body: { name: 'strict' } });
    const bad = await f.call('admin', 'PUT', '/profiles/strict/options', {
      body: { path: 'general/record_calls', value: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('general/record_calls: expected true or false'),
        field: 'general/record_calls',
      },
    });
    const badDefault = await f.call('admin', 'PUT', '/profiles/strict/options', {
      body: { path: 'account/SIP_transport_type', value: 'carrier-pigeon' },
    });
    expect(badDefault.statusCode).toBe(400);
    expect(badDefault.json().error.field).toBe('account/SIP_transport_type');
    const missing = await f.call('admin', 'PUT', '/profiles/strict/options', {
      body: { path: 'general/auto_away' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('value');
  });

  it('imports a Config.xml fragment, refuses to create one twice, and replaces only with If-Match', async () => {
    const imported = await f.call('admin', 'POST', '/profiles/imported/import', { body: { text: FRAGMENT } });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().profile.options).toEqual({ 'general/auto_away': '300' });
    const again = await f.call('admin', 'POST', '/profiles/imported/import', { body: { text: FRAGMENT } });
    expect(again.statusCode).toBe(409);

    const replacement = FRAGMENT.replace('300', '600');
    const unconditional = await f.call('admin', 'POST', '/profiles/imported/import', {
      body: { text: replacement, mode: 'replace' },
    });
    expect(unconditional.statusCode).toBe(428);
    const stale = await f.call('admin', 'POST', '/profiles/imported/import', {
      body: { text: replacement, mode: 'replace' },
      headers: { 'if-match': '"00000000000000000000000000000000"' },
    });
    expect(stale.statusCode).toBe(412);
    const replaced = await f.call('admin', 'POST', '/profiles/imported/import', {
      body: { text: replacement, mode: 'replace' },
      headers: { 'if-match': imported.headers.etag as string },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().profile.options).toEqual({ 'general/auto_away': '600' });

    const broken = await f.call('admin', 'POST', '/profiles/broken/import', {
      body: { text: '<options><general><record_calls>maybe</record_calls></general></options>' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.field).toBe('general/record_calls');
  });

  it('assigns to a layer and unassigns only a layer holding the profile', async () => {
    await f.call('admin', 'POST', '/profiles', { body: { name: 'layered' } });
    const assigned = await f.call('admin', 'POST', '/profiles/layered/assignments', {
      body: { level: 'tenant', tenant: 'acme' },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignments.tenants).toEqual(['acme']);
    const version = { 'if-match': assigned.headers.etag as string };
    expect((await f.call('admin', 'DELETE', '/profiles/layered')).statusCode).toBe(428);
    const inUse = await f.call('admin', 'DELETE', '/profiles/layered', { headers: version });
    expect(inUse.statusCode).toBe(400);
    expect(
      (await f.call('admin', 'DELETE', '/profiles/layered/assignments?level=tenant&tenant=other')).statusCode,
    ).toBe(404);
    const noTenant = await f.call('admin', 'POST', '/profiles/layered/assignments', {
      body: { level: 'group' },
    });
    expect(noTenant.statusCode).toBe(400);
    expect(noTenant.json().error.field).toBe('tenant');
    const unassigned = await f.call(
      'admin',
      'DELETE',
      '/profiles/layered/assignments?level=tenant&tenant=acme',
    );
    expect(unassigned.statusCode).toBe(200);
    expect(unassigned.json().assignments.tenants).toEqual([]);
    const deleted = await f.call('admin', 'DELETE', '/profiles/layered', {
      headers: { 'if-match': unassigned.headers.etag as string },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await f.call('admin', 'GET', '/profiles/layered')).statusCode).toBe(404);
  });

  it('hides profiles from tokens limited to a tenant and lets only server admins change them', async () => {
    await f.call('admin', 'POST', '/profiles', { body: { name: 'guarded' } });
    expect((await f.call('acme-reader', 'GET', '/profiles')).statusCode).toBe(404);
    expect((await f.call('acme-admin', 'GET', '/profiles/guarded')).statusCode).toBe(404);
    const readOnly = await f.call('reader', 'PUT', '/profiles/guarded/options', {
      body: { path: 'general/auto_away', value: '1' },
    });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().error.code).toBe('forbidden');
    expect((await f.call('acme-admin', 'POST', '/profiles', { body: { name: 'mine' } })).statusCode).toBe(
      403,
    );
    expect((await f.call(undefined, 'GET', '/profiles')).statusCode).toBe(401);
  });
});
