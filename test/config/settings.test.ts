// The settings table is the one description of every setting: the loader, the flags and the docs
// all come from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config.js';
import {
  CONFIG_KEYS,
  ENV_NAMES,
  SETTINGS,
  settingsMarkdownTable,
  type ConfigKey,
} from '../../src/config/settings.js';

const DOC = new URL('../../docs/server.md', import.meta.url);

function docTable(): string {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('<!-- settings:start -->');
  const end = text.indexOf('<!-- settings:end -->');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return text.slice(start + '<!-- settings:start -->'.length, end).trim() + '\n';
}

describe('settings table', () => {
  it('is copied into docs/server.md exactly as generated', () => {
    // To refresh the copy: print settingsMarkdownTable() and paste it between the markers.
    expect(docTable()).toBe(settingsMarkdownTable());
  });

  it('names every setting by its variable in the docs', () => {
    const table = docTable();
    for (const key of CONFIG_KEYS) {
      expect(table).toContain(`\`${ENV_NAMES[key]}\``);
      expect(table).toContain(`\`${key}\``);
    }
  });

  it('gives every setting but the secret key itself a flag, named after its config key', () => {
    const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const key of CONFIG_KEYS) {
      const flag = SETTINGS[key].flag;
      if (key === 'secretKey') {
        expect(flag).toBeUndefined();
        continue;
      }
      // publicUrls is given one URL per flag; a yes-or-no setting's flag says the opposite of its default.
      const expected = `--${kebab(key === 'publicUrls' ? 'publicUrl' : key)}`;
      expect(flag?.split(' ')[0]).toBe(
        SETTINGS[key].boolean?.value === true ? `--no-${expected.slice(2)}` : expected,
      );
    }
  });

  it('names every variable ZPROV_ and the config key in capitals', () => {
    for (const key of CONFIG_KEYS)
      expect(ENV_NAMES[key]).toBe(`ZPROV_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
  });

  it('holds the defaults the loader uses', () => {
    const config = loadConfig({ env: {}, cwd: '/srv' });
    const integerOf = (key: ConfigKey): number | undefined => SETTINGS[key].integer?.value;
    expect(config.port).toBe(integerOf('port'));
    expect(config.host).toBe(SETTINGS.host.value);
    expect(config.logLevel).toBe(SETTINGS.logLevel.value);
    expect(config.logFormat).toBe(SETTINGS.logFormat.value);
    expect(config.throttle).toEqual({
      maxFailuresPerUser: integerOf('maxFailuresPerUser'),
      maxFailuresPerAddress: integerOf('maxFailuresPerAddress'),
      lockoutSeconds: integerOf('lockoutSeconds'),
      maxLockoutSeconds: integerOf('maxLockoutSeconds'),
    });
    expect(config.rotationWindowSeconds).toBe(integerOf('rotationWindowSeconds'));
    expect(config.auditRetentionDays).toBe(integerOf('auditRetentionDays'));
  });

  it('reads each whole-number setting from its variable and checks its range', () => {
    for (const key of CONFIG_KEYS) {
      const spec = SETTINGS[key].integer;
      if (spec === undefined) continue;
      expect(() => loadConfig({ env: { [ENV_NAMES[key]]: String(spec.max + 1) } })).toThrow(
        new RegExp(`${key} \\(${ENV_NAMES[key]}\\) must be a whole number from ${spec.min}`),
      );
    }
    const config = loadConfig({ env: { ZPROV_LOCKOUT_SECONDS: '7', ZPROV_LOG_FORMAT: 'json' } });
    expect(config.throttle.lockoutSeconds).toBe(7);
    expect(config.logFormat).toBe('json');
  });

  it('serves metrics on 127.0.0.1:9464 unless told otherwise, and reads true or false for them', () => {
    expect(loadConfig({ env: {} }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ env: { ZPROV_METRICS: 'false' } }).metrics).toBeUndefined();
    expect(loadConfig({ env: { ZPROV_METRICS: 'off' } }).metrics).toBeUndefined();
    expect(loadConfig({ flags: { metrics: false }, env: { ZPROV_METRICS: 'true' } }).metrics).toBeUndefined();
    expect(loadConfig({ env: { ZPROV_METRICS_HOST: '10.0.0.5', ZPROV_METRICS_PORT: '0' } }).metrics).toEqual({
      host: '10.0.0.5',
      port: 0,
    });
    const fromFile = loadConfig({ env: {}, configFile: 'zprov.json', readFile: () => '{"metrics": false}' });
    expect(fromFile.metrics).toBeUndefined();
    expect(() => loadConfig({ env: { ZPROV_METRICS: 'maybe' } })).toThrow(
      /metrics \(ZPROV_METRICS\) must be true or false, got 'maybe'/,
    );
  });

  it('refuses a log format it does not know, naming the variable', () => {
    expect(() => loadConfig({ env: { ZPROV_LOG_FORMAT: 'xml' } })).toThrow(
      /logFormat \(ZPROV_LOG_FORMAT\) 'xml' is not one of auto, json, pretty/,
    );
  });
});
