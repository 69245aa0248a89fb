// Which proxies may tell zprov the phone's address in X-Forwarded-For: the setting's one type and
// its one check, used when the configuration is loaded and by the server's address resolver.
import { ZprovError } from '../core/errors.js';
import { checkAddressList } from './address-list.js';

/** false: never trust X-Forwarded-For; a number: that many proxy hops; a list: those addresses/CIDRs. */
export type TrustedProxies = false | number | readonly string[];

/** The most proxy hops a deployment can sensibly stand behind. */
const MAX_HOPS = 10;

/**
 * The setting as given (a flag or variable as text, a config file's number, list or false) checked
 * and typed: hop counts from 0 to MAX_HOPS, list entries that are IP addresses or CIDRs with a prefix
 * that fits the family. Throws a config error naming the setting.
 */
export function checkTrustedProxies(
  value: string | number | boolean | readonly string[] | undefined,
): TrustedProxies {
  if (
    value === undefined ||
    value === false ||
    value === 'false' ||
    value === '' ||
    value === 0 ||
    value === '0'
  )
    return false;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
    const hops = Number(value);
    if (!Number.isSafeInteger(hops) || hops < 0 || hops > MAX_HOPS)
      throw new ZprovError(
        'config',
        `trustedProxies hop count must be 0-${MAX_HOPS}, got ${String(value)}`,
        'trustedProxies',
      );
    return hops;
  }
  if (value === true)
    throw new ZprovError(
      'config',
      'trustedProxies must be a hop count or a list of addresses',
      'trustedProxies',
    );
  return checkAddressList(value, 'trustedProxies', 'trusted proxy');
}
