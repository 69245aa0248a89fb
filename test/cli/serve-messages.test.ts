import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  firstStartGuide,
  isLoopbackHost,
  listeningMessage,
  plainHttpWarning,
  zprovCommand,
} from '../../src/cli/commands/serve-messages.js';
import { loadConfig } from '../../src/config/app-config.js';

describe('serve messages', () => {
  it('repeats the storage flags in every next-step command', () => {
    const config = loadConfig({ flags: { dataDir: '/srv/zprov', port: 0 }, env: {}, cwd: '/' });
    const guide = firstStartGuide(config, 'http://127.0.0.1:4321', '--data-dir /srv/zprov');
    const commands = guide.split('\n').filter((l) => l.trim().startsWith('zprov '));
    expect(commands.length).toBe(4);
    for (const line of commands) expect(line).toContain('--data-dir /srv/zprov');
    expect(guide).toContain('/srv/zprov/zprov.sqlite');
  });

  it('writes the commands as the person types them: npx zprov when npm started the server', () => {
    const config = loadConfig({ flags: {}, env: {}, cwd: '/' });
    expect(zprovCommand({ npm_lifecycle_event: 'start' })).toBe('npx zprov');
    expect(zprovCommand({})).toBe('zprov');
    const guide = firstStartGuide(config, 'http://127.0.0.1:4321', '', 'npx zprov');
    const commands = guide.split('\n').filter((l) => /^\s+\S*\s*zprov /.test(l));
    expect(commands).toHaveLength(4);
    for (const line of commands) expect(line).toMatch(/^ {2}npx zprov /);
    expect(guide).toContain('(npx zprov backup <dir> copies both)');
  });

  it('says to back up the key file with the database', () => {
    const config = loadConfig({ flags: { dataDir: '/srv/zprov' }, env: {}, cwd: '/' });
    expect(firstStartGuide(config, 'http://127.0.0.1:4321', '')).toMatch(
      /Back up \/srv\/zprov\/secret\.key with the database \(zprov backup <dir> copies both\): losing it loses every SIP password/,
    );
    const fromEnv = loadConfig({ flags: {}, env: { ZPROV_SECRET_KEY: 'x' }, cwd: '/' });
    expect(firstStartGuide(fromEnv, 'http://127.0.0.1:4321', '')).toContain(
      'Back up the key in ZPROV_SECRET_KEY',
    );
  });

  it('writes the provision.xml for the first public URL when one is configured, else for this host and the real port', () => {
    const published = loadConfig({ flags: { publicUrls: 'https://prov.example.com' }, env: {} });
    expect(firstStartGuide(published, 'http://127.0.0.1:8080', '')).toContain(
      '--url https://prov.example.com ',
    );
    const local = loadConfig({ flags: { host: '127.0.0.1', port: 0 }, env: {} });
    expect(firstStartGuide(local, 'http://127.0.0.1:4321', '')).toContain('--url http://127.0.0.1:4321 ');
  });

  it('points at a README section that exists and says where provision.xml goes', () => {
    const config = loadConfig({ flags: { dataDir: '/srv/zprov' }, env: {}, cwd: '/' });
    const section = /README, "([^"]+)"/.exec(firstStartGuide(config, 'http://127.0.0.1:4321', ''))?.[1];
    expect(section).toBeDefined();
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const heading = new RegExp(`^#+ ${section ?? '-'}\\n([^#]+)`, 'm').exec(readme);
    expect(heading?.[1]).toMatch(/%APPDATA%\\Zoiper5/);
    expect(heading?.[1]).toMatch(/~\/\.Zoiper5/);
  });

  it('names both provisioning paths and the health endpoints', () => {
    const config = loadConfig({ flags: { host: '0.0.0.0' }, env: {} });
    const text = listeningMessage(config, 'http://127.0.0.1:8080');
    expect(text).toContain('all interfaces, port 8080');
    expect(text).toContain('http://127.0.0.1:8080/provision');
    expect(text).toContain('http://127.0.0.1:8080/t/<tenant>/provision');
    expect(text).toContain('/healthz');
    expect(text).toContain('/readyz');
    expect(text).not.toContain('metrics');
  });

  it('names the metrics URL when metrics are served', () => {
    const config = loadConfig({ flags: { host: '127.0.0.1' }, env: {} });
    const text = listeningMessage(config, 'http://127.0.0.1:8080', 'http://127.0.0.1:9464');
    expect(text).toContain('  metrics http://127.0.0.1:9464/metrics (Prometheus)\n');
  });
});

describe('plain HTTP warning', () => {
  const at = (host: string, tls = false) =>
    loadConfig({
      flags: { host, ...(tls ? { tlsCert: 'c.pem', tlsKey: 'k.pem' } : {}) },
      env: {},
      cwd: '/',
    });

  it('warns on every non-loopback address over plain HTTP, naming the flags that fix it', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', '2001:db8::1', 'prov.example.com', '128.0.0.1']) {
      const warning = plainHttpWarning(at(host));
      expect(warning, host).toBeDefined();
      expect(warning).toMatch(/in clear/);
      expect(warning).toContain('--tls-cert');
      expect(warning).toContain('--tls-key');
      expect(warning).toContain('--host 127.0.0.1 --trusted-proxies 127.0.0.1');
      expect(warning).toContain('Behind nginx');
    }
    expect(plainHttpWarning(at('0.0.0.0'))).toContain('every interface (0.0.0.0)');
    expect(plainHttpWarning(at('192.0.2.10'))).toContain('plain HTTP on 192.0.2.10:');
  });

  it('stays quiet on loopback and with TLS', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(plainHttpWarning(at(host)), host).toBeUndefined();
    expect(plainHttpWarning(at('0.0.0.0', true))).toBeUndefined();
    expect(plainHttpWarning(at('192.0.2.10', true))).toBeUndefined();
  });

  it('knows loopback addresses from others', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackHost('::2')).toBe(false);
  });
});
