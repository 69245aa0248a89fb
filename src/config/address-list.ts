// Lists of IP addresses and CIDRs in settings (trusted proxies, trusted networks): one check that
// names the setting, and one matcher.
import { BlockList, isIP } from 'node:net';
import { ZprovError } from '../core/errors.js';

/**
 * The entries of a list setting given as text (comma-separated) or as a list, each checked to be an
 * IP address or a CIDR whose prefix fits its family. Throws a config error naming the setting.
 */
export function checkAddressList(
  value: string | readonly string[],
  setting: string,
  what: string,
): readonly string[] {
  const entries = (typeof value === 'string' ? value.split(',') : value.map(String))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of entries) {
    if (!isAddressOrCidr(entry))
      throw new ZprovError('config', `${what} '${entry}' is not an IP address or CIDR`, setting);
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

/** Whether an address falls in one of the entries (already checked by checkAddressList). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
