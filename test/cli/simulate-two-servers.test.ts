// The end-to-end test: two real zprov servers on loopback, set up with the management CLI,
// and the emulator (the built binary) provisioning through them as a phone would.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { readConfig, type ConfigDocument, type SectionNode } from '../../src/core/index.js';
import type { SimulationReport } from '../../src/client/simulation-report.js';
import { FIXTURES, tempDir, writeIn } from '../client/client-fixtures.js';
import { runBinary } from '../client/run-binary.js';
import { answer, closedPort, startStub, type StubServer } from '../client/stub-server.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';

const PASSWORD = 'Open Sesame&1';

/** `zprov serve` on a free loopback port with its own data directory. */
const serve = (dataDir: string, cwd: string): Promise<ServeProcess> =>
  startServeProcess(['--data-dir', dataDir, '--log-level', 'warn'], cwd);

async function zprov(args: string[], cwd: string, stdin?: string): Promise<string> {
  const run = await runBinary(args, { cwd, ...(stdin === undefined ? {} : { stdin }) });
  if (run.code !== 0) throw new Error(`zprov ${args.join(' ')} failed (${run.code}):\n${run.stderr}`);
  return run.stdout;
}

let dir: { path: string; remove(): Promise<void> };
let first: ServeProcess;
let second: ServeProcess;
let failing: StubServer;
let closed: number;
let secondIdent: string;

beforeAll(async () => {
  dir = await tempDir('zprov-two-servers-');
  for (const name of ['first', 'second']) {
    const data = join(dir.path, name);
    await zprov(['user', 'add', 'alice', '--password-stdin', '--data-dir', data], dir.path, `${PASSWORD}\n`);
    const added = await zprov(
      [
        'account',
        'add',
        'alice',
        '--protocol',
        'sip',
        '--username',
        'alice',
        '--password',
        'sip-secret',
        '--domain',
        'pbx.example.com',
        '--data-dir',
        data,
      ],
      dir.path,
    );
    if (name === 'second') secondIdent = /account (\S+) to alice/.exec(added)?.[1] ?? '';
  }
  [first, second] = await Promise.all([
    serve(join(dir.path, 'first'), dir.path),
    serve(join(dir.path, 'second'), dir.path),
  ]);
  failing = await startStub(answer(500, 'Internal Server Error', 'text/plain'));
  closed = await closedPort();
}, 120_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop(), failing?.close()]);
  await dir?.remove();
});

const provisionUrl = (origin: string): string => `${origin}/t/default/provision`;

describe('simulate against two zprov servers', () => {
  it('skips a closed port, a 500 and a stopped server, and succeeds through the last base URL', async () => {
    const work = join(dir.path, 'preset');
    const data = join(work, 'data');
    await writeIn(data, 'Config.xml', await readFile(new URL('local-Config.xml', FIXTURES), 'utf8'));
    // The provision file as the server writes it: preset credentials, MD5 password, URLs in order.
    await zprov(
      [
        'provision-file',
        '--data-dir',
        join(dir.path, 'second'),
        '--user',
        'alice',
        '--password-stdin',
        '--url',
        `http://127.0.0.1:${closed}`,
        '--url',
        failing.origin,
        '--url',
        first.url,
        '--url',
        second.url,
        '-o',
        join(work, 'Provision.xml'),
      ],
      dir.path,
      `${PASSWORD}\n`,
    );
    await first.stop();

    const run = await runBinary(
      [
        'simulate',
        '--platform-os',
        'linux',
        '--exe-dir',
        join(work, 'bin'),
        '--data-dir',
        data,
        '--json',
        '-o',
        'merged.xml',
      ],
      { cwd: work },
    );
    expect(run.code).toBe(EXIT.OK);
    const report = JSON.parse(run.stdout) as SimulationReport;
    expect(report.attempts.map((a) => [a.index, a.verdict, a.status ?? null])).toEqual([
      [1, 'network-error', null],
      [2, 'http-error', 500],
      [3, 'network-error', null],
      [4, 'configuration', 200],
    ]);
    expect(report.attempts[2]?.url).toBe(`${provisionUrl(first.url)}?user=alice&pass=********`);
    expect(report.usedAttempt).toBe(4);
    expect(report.summary).toContain(`base URL 4 of 4 (${provisionUrl(second.url)}`);
    expect(report.summary).toContain('after 3 failed attempts');
    expect(report.credentials).toMatchObject({
      source: 'preset',
      passwordSent: 'as-stored',
      passwordFormat: 0,
    });
    expect(run.stdout).not.toContain(PASSWORD);

    // The overlay: local audio settings survive, the accounts are the server's, contact services stay.
    const local = configOf(await readFile(join(data, 'Config.xml'), 'utf8'));
    const merged = configOf(await readFile(join(work, 'merged.xml'), 'utf8'));
    expect(section(merged, 'audio')).toEqual(section(local, 'audio'));
    const accounts = merged.root.children.find((c) => c.name === 'accounts');
    const idents =
      accounts?.kind === 'list' ? accounts.items.map((i) => (i.kind === 'section' ? ident(i) : '')) : [];
    expect(idents).toEqual([secondIdent]);
    const services = merged.root.children.find((c) => c.name === 'contact_services');
    expect(
      services?.kind === 'list' && services.items.map((i) => (i.kind === 'section' ? ident(i) : '')),
    ).toEqual(['ldap-1']);
  });

  it('shows the server error text for a wrong password, and succeeds with the right one', async () => {
    const work = join(dir.path, 'typed');
    await mkdir(work, { recursive: true });
    await zprov(
      [
        'provision-file',
        '--data-dir',
        join(dir.path, 'second'),
        '--user-input',
        '--url',
        second.url,
        '-o',
        join(work, 'Provision.xml'),
      ],
      dir.path,
    );
    const simulate = (password: string) =>
      runBinary(
        [
          'simulate',
          '--platform-os',
          'linux',
          '--exe-dir',
          join(work, 'bin'),
          '--data-dir',
          join(work, 'data'),
          '--json',
          '--user',
          'alice',
          '--password',
          password,
        ],
        { cwd: work },
      );
    const wrong = await simulate('not the password');
    expect(wrong.code).toBe(EXIT.SERVER_ERROR_DOCUMENT);
    const report = JSON.parse(wrong.stdout) as SimulationReport;
    const text = report.attempts[0]?.errorText ?? '';
    expect(report.attempts[0]).toMatchObject({ verdict: 'error-document', status: 401 });
    expect(text.length).toBeGreaterThan(0);
    expect(report.summary).toContain(text);

    const right = await simulate(PASSWORD);
    expect(right.code).toBe(EXIT.OK);
    expect((JSON.parse(right.stdout) as SimulationReport).credentials?.passwordSent).toBe('md5-of-typed');
  });
});

function configOf(text: string): ConfigDocument {
  const { document } = readConfig(text);
  if (document === undefined) throw new Error('not a configuration');
  return document;
}

function section(document: ConfigDocument, name: string): unknown {
  const node = document.root.children.find((c) => c.name === name);
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'pos' ? undefined : value)));
}

function ident(item: SectionNode): string {
  const node = item.children.find((c) => c.name === 'ident');
  return node?.kind === 'option' ? String(node.value) : '';
}
