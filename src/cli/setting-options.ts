// The settings table (src/config/settings.ts) as command-line options: each flag's help names its
// variable, its config file key and its default, and what the flags were given becomes the loader's
// input under the settings' keys.
import { Option, type Command } from 'commander';
import type { ConfigInput, ConfigKey } from '../config/app-config.js';
import { CONFIG_FILE_SETTING, SETTINGS, shownDefault } from '../config/settings.js';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The settings that have a flag, in the table's order. */
export const FLAG_KEYS = (Object.keys(SETTINGS) as ConfigKey[]).filter(
  (key) => SETTINGS[key].flag !== undefined,
);

function settingOption(key: ConfigKey): Option {
  const setting = SETTINGS[key];
  if (setting.flag === undefined) throw new Error(`setting ${key} has no flag`);
  // The second line is kept apart by commander's wrapping, so the variable starts a line.
  const option = new Option(
    setting.flag,
    `${setting.description}\n${setting.env}; config "${key}"; default ${shownDefault(setting)}`,
  );
  return setting.repeatable === true ? option.argParser(collect) : option;
}

/** Adds the flags of these settings, and --config when asked, in the order given. */
export function addSettingOptions(command: Command, keys: readonly (ConfigKey | 'config')[]): Command {
  for (const key of keys) {
    // With only --no-x, commander would default x to true and so override the variable and the file;
    // declaring --x first (hidden: it restates the default) leaves x undefined until a flag is given.
    const flag = key === 'config' ? undefined : SETTINGS[key].flag;
    if (flag?.startsWith('--no-') === true) command.addOption(new Option(`--${flag.slice(5)}`).hideHelp());
    command.addOption(
      key === 'config'
        ? new Option(
            CONFIG_FILE_SETTING.flag,
            `${CONFIG_FILE_SETTING.description}\n${CONFIG_FILE_SETTING.env}`,
          )
        : settingOption(key),
    );
  }
  return command;
}

/** What the flags of these settings were given, keyed as the loader reads settings. */
export function settingsFromFlags(
  flags: Readonly<Record<string, unknown>>,
  keys: readonly ConfigKey[],
): ConfigInput {
  const input: ConfigInput = {};
  for (const key of keys) {
    const value = flags[settingOption(key).attributeName()];
    if (typeof value === 'string' || typeof value === 'boolean' || Array.isArray(value))
      input[key] = value as string | boolean | string[];
  }
  return input;
}

/** For the end of a command's help: where settings come from. */
export const SETTINGS_PRECEDENCE =
  '\nEach setting is taken from its flag, else its ZPROV_* variable, else its key in the JSON file\n' +
  'named by --config (or ZPROV_CONFIG), else its default. ZPROV_SECRET_KEY, the key for SIP\n' +
  'passwords at rest itself, has no flag: a secret stays out of the process list.\n';
