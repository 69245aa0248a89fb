// The client's address for lockouts and the audit log. X-Forwarded-For is read only when the
// configuration says which proxies to trust; otherwise the socket's peer is the client, whatever the
// request claims.
import { isIP } from 'node:net';
import { addressMatcher } from '../config/address-list.js';
import { checkTrustedProxies, type TrustedProxies } from '../config/trusted-proxies.js';

export type ClientAddressResolver = (
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
) => string;

export function clientAddressResolver(setting: TrustedProxies): ClientAddressResolver {
  const trusted = checkTrustedProxies(setting);
  if (trusted === false || trusted === 0 || (Array.isArray(trusted) && trusted.length === 0)) {
    return (socketAddress) => normalize(socketAddress ?? '');
  }
  const isTrusted =
    typeof trusted === 'number' ? byHops(trusted) : addressMatcher(trusted as readonly string[]);
  return (socketAddress, forwardedFor) => {
    // The chain from nearest to farthest: the peer, then X-Forwarded-For read right to left.
    let current = normalize(socketAddress ?? '');
    if (forwardedFor === undefined) return current;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .reverse();
    for (let hop = 0; hop < hops.length; hop++) {
      if (!isTrusted(current, hop)) break;
      const next = normalize(hops[hop] as string);
      if (isIP(next) === 0) break; // a proxy that forwards garbage is the last address we can vouch for
      current = next;
    }
    return current;
  };
}

/** Trust the first `count` hops, whoever they are: only safe when zprov is reachable only through them. */
const byHops =
  (count: number) =>
  (_address: string, hop: number): boolean =>
    hop < count;

/** IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d; report them as a.b.c.d. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
