// Which proxies may tell zprov the phone's address in X-Forwarded-For: the setting's one type and
// its one check, used when the configuration is loaded and by the server's address resolver.
import { isIP } from 'node:net';
import { ZprovError } from '../core/errors.js';

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
  const entries = (typeof value === 'string' ? value.split(',') : value.map(String))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of entries) {
    if (!isAddressOrCidr(entry))
      throw new ZprovError(
        'config',
        `trusted proxy '${entry}' is not an IP address or CIDR`,
        'trustedProxies',
      );
  }
  return Object.freeze(entries);
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/') as [string, string | undefined, string | undefined];
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 6 ? 128 : 32);
}
