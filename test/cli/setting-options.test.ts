import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSettingOptions, FLAG_KEYS, settingsFromFlags } from '../../src/cli/setting-options.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SETTINGS } from '../../src/config/settings.js';

describe('setting options', () => {
  it('turns every flag into its setting, under the config key', () => {
    const command = addSettingOptions(new Command('serve').exitOverride(), FLAG_KEYS);
    const argv: string[] = [];
    for (const key of FLAG_KEYS) {
      const flag = SETTINGS[key].flag?.split(' ')[0] ?? '';
      if (SETTINGS[key].boolean === undefined) argv.push(flag, `value-of-${key}`);
      else argv.push(flag);
    }
    command.parse(argv, { from: 'user' });
    const input = settingsFromFlags(command.opts(), FLAG_KEYS);
    for (const key of FLAG_KEYS) {
      // A yes-or-no flag says the opposite of its default (--no-metrics, --admin).
      const boolean = SETTINGS[key].boolean;
      const expected =
        boolean !== undefined
          ? !boolean.value
          : SETTINGS[key].repeatable === true
            ? [`value-of-${key}`]
            : `value-of-${key}`;
      expect(input[key], key).toEqual(expected);
    }
  });

  it('lets flags win over variables', () => {
    const command = addSettingOptions(new Command('serve').exitOverride(), FLAG_KEYS);
    command.parse(
      ['--max-failures-per-user', '9', '--public-url', 'https://a', '--public-url', 'https://b'],
      {
        from: 'user',
      },
    );
    const config = loadConfig({
      flags: settingsFromFlags(command.opts(), FLAG_KEYS),
      env: { ZPROV_MAX_FAILURES_PER_USER: '3', ZPROV_MAX_FAILURES_PER_ADDRESS: '4' },
    });
    expect(config.throttle.maxFailuresPerUser).toBe(9);
    expect(config.throttle.maxFailuresPerAddress).toBe(4);
    expect(config.publicUrls).toEqual(['https://a', 'https://b']);
  });

  it('leaves a yes-or-no setting to the variable when neither --x nor --no-x is given', () => {
    const parse = (argv: string[]) => {
      const command = addSettingOptions(new Command('serve').exitOverride(), FLAG_KEYS);
      command.parse(argv, { from: 'user' });
      return loadConfig({
        flags: settingsFromFlags(command.opts(), FLAG_KEYS),
        env: { ZPROV_METRICS: 'false' },
      });
    };
    expect(parse([]).metrics).toBeUndefined();
    expect(parse(['--metrics']).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parse(['--metrics', '--no-metrics']).metrics).toBeUndefined();
  });
});
