import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOBILE_VERSION_SENT, SECRET_MASK, serializeConfig } from '../../src/core/index.js';
import { simulateMobile, type MobileSimulationOptions } from '../../src/client/mobile-simulation.js';
import { realPorts, tempDir, writeIn } from './client-fixtures.js';
import { answer, closedPort, startStub, type StubServer } from './stub-server.js';

const ANDROID_REPLY = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <accounts>
    <account>
      <name>Office</name>
      <protocol>sip</protocol>
      <username>alice</username>
      <password>sip-secret</password>
      <SIP_domain>pbx.example.com</SIP_domain>
      <SIP_use_reg_event>true</SIP_use_reg_event>
    </account>
  </accounts>
</options>
`;

const PREVIOUS = ANDROID_REPLY.replace('pbx.example.com', 'old-pbx.example.com');

let dir: { path: string; remove(): Promise<void> };
const stubs: StubServer[] = [];
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  await dir.remove();
});

async function server(status: number, body: string): Promise<StubServer> {
  const s = await startStub(answer(status, body));
  stubs.push(s);
  return s;
}

const mobile = (
  more: Partial<MobileSimulationOptions> & { urlTemplate: string },
): MobileSimulationOptions => ({
  platform: 'android',
  user: 'alice',
  password: 'pa ss&1',
  timeoutMs: 5_000,
  ...more,
});

describe('simulate (mobile)', () => {
  it('substitutes [username], [password] and the version the apps send', async () => {
    const s = await server(200, ANDROID_REPLY);
    const { report, merged } = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p?username=[username]&password=[password]&version=[version]` }),
      realPorts(),
    );
    const sent = new URL(s.requests[0]?.url ?? '', s.origin).searchParams;
    expect([sent.get('username'), sent.get('password'), sent.get('version')]).toEqual([
      'alice',
      'pa ss&1',
      MOBILE_VERSION_SENT,
    ]);
    expect(MOBILE_VERSION_SENT).toBe('1.14');
    expect(report.outcome).toBe('success');
    expect(report.attempts[0]?.url).toContain(`password=${SECRET_MASK}`);
    expect(report.lookup).toEqual([]);
    expect(merged && serializeConfig(merged)).toBe(ANDROID_REPLY);
  });

  it('accepts the curly-brace placeholders on iOS only', async () => {
    const s = await server(
      200,
      ANDROID_REPLY.replace('<SIP_use_reg_event>true</SIP_use_reg_event>\n      ', ''),
    );
    const template = `${s.origin}/p?u={username}&p={password}&v={version}`;
    await simulateMobile(mobile({ platform: 'ios', urlTemplate: template }), realPorts());
    await simulateMobile(mobile({ platform: 'android', urlTemplate: template }), realPorts());
    const [ios, android] = s.requests.map((r) => new URL(r.url, s.origin).searchParams);
    expect(ios?.get('u')).toBe('alice');
    expect(ios?.get('v')).toBe('1.14');
    expect(android?.get('u')).toBe('{username}');
  });

  it('validates the reply against the mobile schema, not the Desktop one', async () => {
    const desktopOnly = ANDROID_REPLY.replace(
      '<protocol>sip</protocol>',
      '<protocol>http_phone_control</protocol>',
    );
    const s = await server(200, desktopOnly);
    const { report } = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p?u=[username]&p=[password]` }),
      realPorts(),
    );
    expect(report.attempts[0]?.verdict).toBe('invalid-configuration');
    expect(report.outcome).toBe('all-failed');
  });

  it('keeps the previous configuration when a re-fetch fails with HTTP 500', async () => {
    const s = await server(500, '<error code="1">The provisioning server could not answer.</error>');
    const previousFile = await writeIn(dir.path, 'previous.xml', PREVIOUS);
    const { report, merged } = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p?u=[username]&p=[password]`, previousFile }),
      realPorts(),
    );
    expect(report.outcome).toBe('error-document');
    expect(report.previous).toMatchObject({ found: true, kept: true });
    expect(report.previous?.note).toContain('HTTP 500');
    expect(report.summary).toContain('previous configuration stays in use');
    expect(merged && serializeConfig(merged)).toBe(PREVIOUS);
  });

  it('keeps the previous configuration when the server cannot be reached, and says that is assumed', async () => {
    const port = await closedPort();
    const previousFile = await writeIn(dir.path, 'previous.xml', PREVIOUS);
    const { report, merged } = await simulateMobile(
      mobile({ urlTemplate: `http://127.0.0.1:${port}/p?u=[username]&p=[password]`, previousFile }),
      realPorts(),
    );
    expect(report.outcome).toBe('all-failed');
    expect(report.previous?.kept).toBe(true);
    expect(report.previous?.note).toContain('assumed');
    expect(merged).toBeDefined();
  });

  it('replaces the previous configuration on success and lists the changes', async () => {
    const s = await server(200, ANDROID_REPLY);
    const previousFile = await writeIn(dir.path, 'previous.xml', PREVIOUS);
    const { report } = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p?u=[username]&p=[password]`, previousFile }),
      realPorts(),
    );
    expect(report.previous).toMatchObject({ found: true, kept: false });
    expect(report.diff).toEqual([
      expect.objectContaining({
        path: 'accounts/account[1]/SIP_domain',
        from: 'old-pbx.example.com',
        to: 'pbx.example.com',
      }),
    ]);
  });

  it('has nothing to keep on a failed first provisioning', async () => {
    const s = await server(401, '<error code="1">Unknown user or wrong password</error>');
    const { report, merged } = await simulateMobile(
      mobile({
        urlTemplate: `${s.origin}/p?u=[username]&p=[password]`,
        previousFile: join(dir.path, 'none.xml'),
      }),
      realPorts(),
    );
    expect(report.previous).toMatchObject({ found: false, kept: false });
    expect(report.attempts[0]?.errorText).toBe('Unknown user or wrong password');
    expect(merged).toBeUndefined();
  });

  it('warns when the URL template cannot carry the credentials', async () => {
    const s = await server(200, ANDROID_REPLY);
    const { report } = await simulateMobile(mobile({ urlTemplate: `${s.origin}/p` }), realPorts());
    expect(report.notes.join('\n')).toContain('no [password] placeholder');
  });

  it('refuses a template that is not an http(s) URL', async () => {
    await expect(simulateMobile(mobile({ urlTemplate: 'ftp://x/[username]' }), realPorts())).rejects.toThrow(
      /not an http/,
    );
  });

  it('reads the state written by an earlier run as the previous configuration', async () => {
    const s = await server(200, ANDROID_REPLY);
    const state = join(dir.path, 'state.xml');
    const first = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p`, previousFile: state }),
      realPorts(),
    );
    expect(first.report.previous?.found).toBe(false);
    await writeIn(dir.path, 'state.xml', first.merged ? serializeConfig(first.merged) : '');
    const second = await simulateMobile(
      mobile({ urlTemplate: `${s.origin}/p`, previousFile: state }),
      realPorts(),
    );
    expect(second.report.previous?.found).toBe(true);
    expect(second.report.diff).toEqual([]);
    expect(await readFile(state, 'utf8')).toBe(ANDROID_REPLY);
  });
});
