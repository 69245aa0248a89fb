import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeConfig, SECRET_MASK } from '../../src/core/index.js';
import { md5Hex } from '../../src/core/index.js';
import { simulateDesktop, type DesktopSimulationOptions } from '../../src/client/desktop-simulation.js';
import { formatReport } from '../../src/client/report-text.js';
import { FIXTURES, provisionXml, realPorts, REPLY, tempDir, writeIn } from './client-fixtures.js';
import { answer, closedPort, startStub, type StubServer } from './stub-server.js';

let dir: { path: string; remove(): Promise<void> };
const stubs: StubServer[] = [];
const stub = async (...args: Parameters<typeof startStub>): Promise<StubServer> => {
  const s = await startStub(...args);
  stubs.push(s);
  return s;
};

beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  await dir.remove();
});

/** Desktop options rooted in the test's directory: work/, bin/ and data/ below it. */
function options(more: Partial<DesktopSimulationOptions> = {}): DesktopSimulationOptions {
  return {
    os: 'linux',
    env: {},
    workingDirectory: join(dir.path, 'work'),
    executableDirectory: join(dir.path, 'bin'),
    dataDirectory: join(dir.path, 'data'),
    timeoutMs: 5_000,
    ...more,
  };
}

describe('simulate (Desktop): base URLs in order', () => {
  it('skips a closed port and a 500, succeeds through the third URL and says so', async () => {
    const port = await closedPort();
    const failing = await stub(answer(500, 'Internal Server Error', 'text/plain'));
    const good = await stub(answer(200, REPLY));
    const urls = [
      `http://127.0.0.1:${port}/p?user=[user]&pass=[pass]`,
      `${failing.origin}/p?user=[user]&pass=[pass]`,
      `${good.origin}/p?user=[user]&pass=[pass]`,
    ];
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml(urls, { user: 'alice', password: 'pw' }),
    );

    const { report, merged } = await simulateDesktop(options(), realPorts());

    expect(report.outcome).toBe('success');
    expect(report.attempts.map((a) => [a.index, a.verdict, a.status])).toEqual([
      [1, 'network-error', undefined],
      [2, 'http-error', 500],
      [3, 'configuration', 200],
    ]);
    expect(report.attempts[0]?.problem).toContain('ECONNREFUSED');
    expect(report.attempts[1]?.problem).toContain('Internal Server Error');
    expect(report.usedAttempt).toBe(3);
    expect(report.summary).toContain('base URL 3 of 3');
    expect(report.summary).toContain('after 2 failed attempts');
    expect(failing.requests).toHaveLength(1);
    expect(good.requests).toHaveLength(1);
    expect(merged).toBeDefined();
  });

  it('moves on from a 2xx reply that fails validation', async () => {
    const broken = await stub(
      answer(200, '<options><general><auto_away>soon</auto_away></general></options>'),
    );
    const good = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${broken.origin}/p`, `${good.origin}/p`], { useAuthentication: false }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.attempts[0]).toMatchObject({ verdict: 'invalid-configuration', status: 200 });
    expect(report.attempts[0]?.diagnostics?.some((d) => d.path === 'general/auto_away')).toBe(true);
    expect(report.usedAttempt).toBe(2);
  });

  it('shows the server error text for a wrong password, after trying every URL', async () => {
    const refusing = await stub(
      answer(401, '<?xml version="1.0"?>\n<error code="1">Unknown user or wrong password</error>'),
    );
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml(
        [`${refusing.origin}/a?user=[user]&pass=[pass]`, `${refusing.origin}/b?user=[user]&pass=[pass]`],
        {
          user: 'alice',
          password: 'wrong',
        },
      ),
    );
    const { report, merged } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('error-document');
    expect(report.attempts.map((a) => a.verdict)).toEqual(['error-document', 'error-document']);
    expect(report.attempts[0]).toMatchObject({
      status: 401,
      errorText: 'Unknown user or wrong password',
      errorCode: 1,
    });
    expect(report.summary).toContain('Unknown user or wrong password');
    expect(formatReport(report)).toContain('error text: "Unknown user or wrong password"');
    expect(merged).toBeUndefined();
  });

  it('reports all-failed when no server answers with an error document', async () => {
    const port = await closedPort();
    await writeIn(join(dir.path, 'work'), 'Provision.xml', provisionXml([`http://127.0.0.1:${port}/p`]));
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('all-failed');
  });

  it('gives up on a URL that does not answer within the timeout', async () => {
    const silent = await stub(() => undefined);
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${silent.origin}/p`], { useAuthentication: false }),
    );
    const { report } = await simulateDesktop(options({ timeoutMs: 300 }), realPorts());
    expect(report.attempts[0]?.verdict).toBe('timeout');
    expect(report.outcome).toBe('all-failed');
  });
});

describe('simulate (Desktop): credentials on the wire', () => {
  it('substitutes [user] and [pass] percent-encoded, and masks the password in the report', async () => {
    const server = await stub(answer(200, REPLY));
    const password = 'p&ss=w #+ö';
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?user=[user]&pass=[pass]`], { user: 'al ice', password }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    const sent = new URL(server.requests[0]?.url ?? '', server.origin);
    expect(sent.searchParams.get('user')).toBe('al ice');
    expect(sent.searchParams.get('pass')).toBe(password);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(report.attempts[0]?.url).toBe(`${server.origin}/p?user=al%20ice&pass=${SECRET_MASK}`);
    const json = JSON.stringify(report);
    expect(json).not.toContain(encodeURIComponent(password));
    expect(json).not.toContain(password);
  });

  it('sends HTTP Basic credentials in a header and nothing in the URL', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p`], {
        authenticationType: 'basic',
        user: 'alice',
        password: 'open sesame',
      }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(server.requests[0]?.url).toBe('/p');
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('alice:open sesame').toString('base64')}`,
    );
    expect(report.attempts[0]?.auth).toBe('basic');
    expect(report.credentials?.transport).toBe('basic');
  });

  it('sends a preset password_format 0 password as the MD5 hex the file stores', async () => {
    const server = await stub(answer(200, REPLY));
    const stored = md5Hex('secret');
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        user: 'alice',
        password: stored,
        passwordFormat: 0,
      }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(new URL(server.requests[0]?.url ?? '', server.origin).searchParams.get('p')).toBe(stored);
    expect(report.credentials).toMatchObject({
      source: 'preset',
      passwordSent: 'as-stored',
      passwordFormat: 0,
    });
  });

  it('hashes a typed password to lower-case MD5 hex when password_format is 0', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        userInputAuthentication: true,
        passwordFormat: 0,
      }),
    );
    const { report } = await simulateDesktop(options({ user: 'bob', password: 'secret' }), realPorts());
    const sent = new URL(server.requests[0]?.url ?? '', server.origin).searchParams;
    expect(sent.get('u')).toBe('bob');
    expect(sent.get('p')).toBe('5ebe2294ecd0e0f08eab7690d2a6ee69');
    expect(report.credentials).toMatchObject({ source: 'flags', passwordSent: 'md5-of-typed' });
  });

  it('sends a typed password as typed when password_format is 1', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        userInputAuthentication: true,
        passwordFormat: 1,
      }),
    );
    await simulateDesktop(options({ user: 'bob', password: 'secret' }), realPorts());
    expect(new URL(server.requests[0]?.url ?? '', server.origin).searchParams.get('p')).toBe('secret');
  });

  it('asks at the prompt, with the password hidden, when no flags are given', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        userInputAuthentication: true,
        passwordFormat: 1,
      }),
    );
    const asked: [string, boolean][] = [];
    const prompt = async (question: string, { secret }: { secret: boolean }): Promise<string> => {
      asked.push([question, secret]);
      return secret ? 'typed-pw' : 'typed-user';
    };
    const { report } = await simulateDesktop(options({ prompt }), realPorts());
    expect(asked).toEqual([
      ['Username: ', false],
      ['Password: ', true],
    ]);
    expect(new URL(server.requests[0]?.url ?? '', server.origin).searchParams.get('u')).toBe('typed-user');
    expect(report.credentials?.source).toBe('prompt');
  });

  it('stops with a clear message when credentials must be typed and nobody can type them', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], { userInputAuthentication: true }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('credentials-unavailable');
    expect(report.summary).toContain('--user');
    expect(server.requests).toHaveLength(0);
  });

  it('sends no credentials when use_authentication is off', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p`], { useAuthentication: false, user: 'alice', password: 'pw' }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.url).toBe('/p');
    expect(report.credentials?.source).toBe('none');
  });
});

describe('simulate (Desktop): where the provision file is found', () => {
  const urlsFile = (name: string): string =>
    provisionXml([`http://127.0.0.1:9/${name}`], { useAuthentication: false });

  it('prefers the working directory, then the executable directory, then the data directory', async () => {
    await writeIn(join(dir.path, 'bin'), 'Provision.xml', urlsFile('bin'));
    await writeIn(join(dir.path, 'data'), 'Provision.xml', urlsFile('data'));
    const offline = {
      ...realPorts(),
      fetch: async () => ({ status: 200, contentType: undefined, body: Buffer.from(REPLY) }),
    };

    let { report } = await simulateDesktop(options(), offline);
    expect(report.lookup.map((s) => [s.location, s.found !== undefined])).toEqual([
      ['working-directory', false],
      ['executable-directory', true],
    ]);
    expect(report.provision?.baseUrls).toEqual(['http://127.0.0.1:9/bin']);

    await writeIn(join(dir.path, 'work'), 'Provision.xml', urlsFile('work'));
    ({ report } = await simulateDesktop(options(), offline));
    expect(report.lookup).toHaveLength(1);
    expect(report.provision?.path).toBe(join(dir.path, 'work', 'Provision.xml'));

    ({ report } = await simulateDesktop(
      options({ workingDirectory: join(dir.path, 'none'), executableDirectory: join(dir.path, 'none') }),
      offline,
    ));
    expect(report.lookup.map((s) => s.note ?? s.found)).toEqual([
      'directory does not exist',
      'directory does not exist',
      join(dir.path, 'data', 'Provision.xml'),
    ]);
  });

  it('finds the lower-case spelling provision.xml', async () => {
    await writeIn(join(dir.path, 'data'), 'provision.xml', urlsFile('lower'));
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.provision?.path).toBe(join(dir.path, 'data', 'provision.xml'));
  });

  it('matches other spellings only where the file system ignores case', async () => {
    await writeIn(join(dir.path, 'data'), 'PROVISION.XML', urlsFile('upper'));
    const linux = await simulateDesktop(options(), realPorts());
    expect(linux.report.outcome).toBe('no-provision-file');
    const windows = await simulateDesktop(options({ os: 'windows' }), {
      ...realPorts(),
      fetch: async () => ({ status: 200, contentType: undefined, body: Buffer.from(REPLY) }),
    });
    expect(windows.report.provision?.path).toBe(join(dir.path, 'data', 'PROVISION.XML'));
  });

  it('reports every place it looked when there is no provision file', async () => {
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('no-provision-file');
    expect(report.lookup.map((s) => s.location)).toEqual([
      'working-directory',
      'executable-directory',
      'data-directory',
    ]);
  });

  it('derives the data directory from the OS conventions', async () => {
    const home = join(dir.path, 'home');
    await writeIn(join(home, '.Zoiper5'), 'Provision.xml', urlsFile('linux'));
    const { report } = await simulateDesktop(options({ dataDirectory: undefined, env: { HOME: home } }), {
      ...realPorts(),
      fetch: async () => ({ status: 200, contentType: undefined, body: Buffer.from(REPLY) }),
    });
    expect(report.provision?.path).toBe(join(home, '.Zoiper5', 'Provision.xml'));
  });

  it('rejects an invalid provision file without sending a request', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p?u=[user]&p=[pass]`], {
        user: 'alice',
        password: 'not-md5',
        passwordFormat: 0,
      }),
    );
    const { report } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('invalid-provision-file');
    expect(report.provision?.diagnostics.map((d) => d.code)).toContain('provision.password-format');
    expect(report.provision?.options.password).toBe(SECRET_MASK);
    expect(server.requests).toHaveLength(0);
  });
});

describe('simulate (Desktop): overlay onto the local Config.xml', () => {
  async function run(deleteAccountsBeforehand?: boolean, deleteContactServicesBeforehand?: boolean) {
    const remote = await readFile(new URL('remote-reply.xml', FIXTURES), 'utf8');
    const server = await stub(answer(200, remote));
    await writeIn(
      join(dir.path, 'data'),
      'Config.xml',
      await readFile(new URL('local-Config.xml', FIXTURES), 'utf8'),
    );
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p`], {
        useAuthentication: false,
        deleteAccountsBeforehand,
        deleteContactServicesBeforehand,
      }),
    );
    return simulateDesktop(options(), realPorts());
  }

  it('keeps local audio settings, replaces the accounts and keeps contact services (vendor defaults)', async () => {
    const { report, merged } = await run();
    const expected = await readFile(new URL('expected-merged.xml', FIXTURES), 'utf8');
    expect(merged && serializeConfig(merged)).toBe(expected);
    expect(report.overlay).toMatchObject({
      localFound: true,
      deleteAccountsBeforehand: true,
      deleteContactServicesBeforehand: false,
    });
    const paths = report.diff?.map((d) => `${d.change} ${d.path}`) ?? [];
    expect(paths).toContain('removed accounts/account[ident=local-1]/SIP_domain');
    expect(paths).toContain('added contact_services/contact_service[ident=xml-phonebook]/name');
    expect(paths.some((p) => p.includes('audio'))).toBe(false);
    expect(report.diff?.find((d) => d.path.endsWith('/password'))?.to ?? SECRET_MASK).toBe(SECRET_MASK);
  });

  it('follows delete_accounts_beforehand off and delete_contact_services_beforehand on', async () => {
    const { merged } = await run(false, true);
    const expected = await readFile(new URL('expected-merged-keep-accounts.xml', FIXTURES), 'utf8');
    expect(merged && serializeConfig(merged)).toBe(expected);
  });

  it('starts from an empty configuration when there is no local Config.xml', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p`], { useAuthentication: false }),
    );
    const { report, merged } = await simulateDesktop(options(), realPorts());
    expect(report.overlay?.localFound).toBe(false);
    expect(report.notes.join(' ')).toContain('empty configuration');
    expect(merged && serializeConfig(merged)).toBe(REPLY);
  });

  it('refuses to merge into a local Config.xml that is not a configuration', async () => {
    const server = await stub(answer(200, REPLY));
    await writeIn(join(dir.path, 'data'), 'Config.xml', '<notoptions/>');
    await writeIn(
      join(dir.path, 'work'),
      'Provision.xml',
      provisionXml([`${server.origin}/p`], { useAuthentication: false }),
    );
    const { report, merged } = await simulateDesktop(options(), realPorts());
    expect(report.outcome).toBe('invalid-local-config');
    expect(merged).toBeUndefined();
  });
});
