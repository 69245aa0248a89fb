// How a Zoiper phone puts its provisioning credentials on the wire: the placeholders it substitutes
// into a URL (Desktop [user]/[pass]; the mobile apps [username]/[password]/[version], iOS also in
// curly braces), the form of the password it sends (password_format: MD5 hex or plain), and HTTP
// Basic. The server that reads a request, the emulator that builds one and the Provision.xml builder
// that writes the URL all take these facts from here.
import { createHash } from 'node:crypto';
import type { MobilePlatform } from '../schema/mobile-provisioning.js';

/** Tokens Zoiper5 Desktop replaces in a base URL when authentication_type is url. */
export const USER_PLACEHOLDER = '[user]';
export const PASS_PLACEHOLDER = '[pass]';

/** The values of Provision.xml's password_format: how the preset password is stored and sent. */
export const PASSWORD_FORMAT = Object.freeze({
  /** The password is its lower-case MD5 hex (a preset one is stored so, a typed one is hashed). */
  MD5: 0,
  /** The password as it is. */
  PLAIN: 1,
} as const);
export type PasswordFormat = (typeof PASSWORD_FORMAT)[keyof typeof PASSWORD_FORMAT];

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const MD5_HEX = /^[0-9a-fA-F]{32}$/;
/** True for text that has the form of an MD5 hex digest (32 hex digits, either case). */
export const isMd5Hex = (text: string): boolean => MD5_HEX.test(text);

/** The password as the phone sends it under `format`. */
export const passwordOnWire = (password: string, format: PasswordFormat): string =>
  format === PASSWORD_FORMAT.MD5 ? md5Hex(password) : password;

/** The tokens in a mobile app's URL template; the values are what the user typed on its login screen. */
export interface MobilePlaceholders {
  readonly username: string;
  readonly password: string;
  readonly version: string;
}

export const MOBILE_PLACEHOLDERS: MobilePlaceholders = Object.freeze({
  username: '[username]',
  password: '[password]',
  version: '[version]',
});

/** iOS also accepts the tokens in curly braces. */
export const IOS_CURLY_PLACEHOLDERS: MobilePlaceholders = Object.freeze({
  username: '{username}',
  password: '{password}',
  version: '{version}',
});

/** Every token spelling a mobile platform accepts, square brackets first. */
export function mobilePlaceholders(platform: MobilePlatform): readonly MobilePlaceholders[] {
  return platform === 'ios' ? [MOBILE_PLACEHOLDERS, IOS_CURLY_PLACEHOLDERS] : [MOBILE_PLACEHOLDERS];
}

/**
 * What the mobile apps put in place of [version]: a provisioning protocol version kept for backward
 * compatibility. Servers must work with and without it; later app versions may drop it.
 */
export const MOBILE_VERSION_SENT = '1.14';

/** Every placeholder of every platform: a value equal to one of these was never substituted. */
export const ALL_PLACEHOLDERS: ReadonlySet<string> = new Set([
  USER_PLACEHOLDER,
  PASS_PLACEHOLDER,
  ...[MOBILE_PLACEHOLDERS, IOS_CURLY_PLACEHOLDERS].flatMap((p) => [p.username, p.password, p.version]),
]);

/**
 * Query parameter names a provisioning server built on this module accepts for the username and the
 * password, canonical first (Desktop, then mobile, then short forms), and for the mobile [version].
 */
export const USER_PARAMS = ['user', 'username', 'u'] as const;
export const PASS_PARAMS = ['pass', 'password', 'p'] as const;
export const VERSION_PARAM = 'version';

/**
 * The parameter names a tenant's phones send instead of zprov's own: the mobile references leave
 * them to whoever builds the app (Zoiper's sample server reads the version as `v`).
 */
export interface PhoneParamNames {
  readonly username?: string;
  readonly password?: string;
  readonly version?: string;
}

/** What a parameter name may be: URL-safe, short. */
export const PARAM_NAME = /^[A-Za-z0-9._~-]{1,32}$/;

/** The names read for each credential, first one with a value wins. */
export interface ParamLists {
  readonly username: readonly string[];
  readonly password: readonly string[];
  readonly version: readonly string[];
}

export const DEFAULT_PARAM_LISTS: ParamLists = Object.freeze({
  username: USER_PARAMS,
  password: PASS_PARAMS,
  version: [VERSION_PARAM],
});

/**
 * A tenant's own names first, then zprov's, except those of zprov's a tenant gave to another
 * credential (a tenant reading the username from `p` does not read the password from it too).
 */
export function paramListsFor(custom: PhoneParamNames): ParamLists {
  const claimed = new Set([custom.username, custom.password, custom.version].filter((n) => n !== undefined));
  const list = (own: string | undefined, defaults: readonly string[]): string[] => [
    ...(own === undefined ? [] : [own]),
    ...defaults.filter((name) => !claimed.has(name)),
  ];
  return {
    username: list(custom.username, DEFAULT_PARAM_LISTS.username),
    password: list(custom.password, DEFAULT_PARAM_LISTS.password),
    version: list(custom.version, DEFAULT_PARAM_LISTS.version),
  };
}

/** The first of `names` that carries a real value (non-empty, not a placeholder left unsubstituted). */
export function firstParam(
  params: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value = params[name];
    if (value !== undefined && value !== '' && !ALL_PLACEHOLDERS.has(value)) return value;
  }
  return undefined;
}

/** The query a Desktop base URL carries for URL authentication: the phone fills in the placeholders. */
export const URL_AUTH_QUERY = `?${USER_PARAMS[0]}=${USER_PLACEHOLDER}&${PASS_PARAMS[0]}=${PASS_PLACEHOLDER}`;

/**
 * The query of a branded app's provisioning URL, square brackets (which both apps substitute): the
 * parameter names are the ones the mobile references use.
 */
export const MOBILE_URL_QUERY =
  `?${USER_PARAMS[1]}=${MOBILE_PLACEHOLDERS.username}&${PASS_PARAMS[1]}=${MOBILE_PLACEHOLDERS.password}` +
  `&${VERSION_PARAM}=${MOBILE_PLACEHOLDERS.version}`;

/** RFC 7617 Basic credentials, UTF-8. */
export const basicAuthorization = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/\-_]+=*)[ \t]*$/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The credentials of a Basic header (UTF-8, falling back to Latin-1 for old clients), if well-formed. */
export function parseBasicAuthorization(header: string): { username: string; password: string } | undefined {
  const match = BASIC.exec(header);
  if (match === null) return undefined;
  const bytes = Buffer.from(match[1] as string, 'base64');
  let decoded: string;
  try {
    decoded = UTF8.decode(bytes);
  } catch {
    decoded = bytes.toString('latin1');
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
