// What names and passwords zprov accepts, checked before anything is written. Each failure names the
// field it is about.
import { randomInt } from 'node:crypto';
import { XML_INVALID_CHARS, ZprovError } from '../../core/index.js';

/** C0 control characters and DEL: never part of a name or password typed by a person. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function invalid(field: string, message: string): never {
  throw new ZprovError('invalid_input', `${field}: ${message}`, field);
}

/**
 * Refuses text holding a character no XML document can carry (U+FFFE, U+FFFF, an unpaired
 * surrogate): a name or password holding one could never be served or written into Provision.xml.
 */
export function checkWritable(text: string, field: string): string {
  if (XML_INVALID_CHARS.test(text))
    invalid(field, 'must not hold U+FFFE, U+FFFF or an unpaired surrogate (no XML document can carry them)');
  return text;
}

/** A tenant slug is a URL path segment: lower-case letters, digits and inner hyphens. */
export function checkTenantSlug(slug: string, field = 'tenant'): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug))
    invalid(
      field,
      `'${slug}' is not a tenant slug (lower-case letters, digits and inner hyphens, at most 63)`,
    );
  return slug;
}

/** Free text shown to people (names): no control characters, no surrounding spaces, bounded. */
export function checkLabel(text: string, field: string, max = 200): string {
  if (text.length > max) invalid(field, `at most ${max} characters`);
  if (hasControlCharacters(text)) invalid(field, 'must not hold control characters');
  if (text !== text.trim()) invalid(field, 'must not start or end with spaces');
  return checkWritable(text, field);
}

export function checkGroupName(name: string, field = 'group'): string {
  if (name === '') invalid(field, 'must not be empty');
  return checkLabel(name, field, 100);
}

export function checkProfileName(name: string, field = 'profile'): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    invalid(field, `'${name}' is not a profile name (letters, digits, '.', '_', '-'; at most 64)`);
  return name;
}

/**
 * A provisioning username: what the phone sends. Any printable text except ':' (HTTP Basic cannot
 * carry it in a username), at most 128 characters.
 */
export function checkUsername(username: string, field = 'username'): string {
  if (username === '') invalid(field, 'must not be empty');
  if (username.includes(':'))
    invalid(field, "must not contain ':' (HTTP Basic authentication cannot carry it)");
  return checkLabel(username, field, 128);
}

export const MIN_PASSWORD_LENGTH = 8;

export function checkPassword(password: string, field = 'password'): string {
  if (password.length < MIN_PASSWORD_LENGTH) invalid(field, `at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) invalid(field, 'at most 1024 characters');
  if (hasControlCharacters(password)) invalid(field, 'must not hold control characters');
  return checkWritable(password, field);
}

const URL_SAFE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of letters and digits (no look-alikes): safe in a URL and easy to read out. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += URL_SAFE_ALPHABET[randomInt(URL_SAFE_ALPHABET.length)];
  return out;
}

/** RFC 3986 unreserved characters: the phone can put these in a URL without any encoding. */
export const isUrlSafe = (text: string): boolean => /^[A-Za-z0-9._~-]*$/.test(text);
