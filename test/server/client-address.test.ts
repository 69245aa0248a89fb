import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../../src/server/client-address.js';

describe('client address', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    const resolve = clientAddressResolver(false);
    expect(resolve('10.0.0.5', '203.0.113.9')).toBe('10.0.0.5');
  });

  it('reports an IPv4 peer of a dual-stack socket without the ::ffff: prefix', () => {
    expect(clientAddressResolver(false)('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
  });

  it('takes the address one hop back when one proxy hop is trusted', () => {
    const resolve = clientAddressResolver(1);
    expect(resolve('127.0.0.1', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('takes the address two hops back when two proxy hops are trusted', () => {
    const resolve = clientAddressResolver(2);
    expect(resolve('127.0.0.1', '198.51.100.1, 203.0.113.9')).toBe('198.51.100.1');
  });

  it('walks back only through proxies in the trusted list', () => {
    const resolve = clientAddressResolver(['127.0.0.1', '10.0.0.0/8']);
    expect(resolve('127.0.0.1', '192.0.2.7, 10.1.2.3')).toBe('192.0.2.7');
    // The request came from an untrusted peer: its header is a claim, not a fact.
    expect(resolve('192.0.2.50', '10.1.2.3')).toBe('192.0.2.50');
    // A client that prepends a fake entry gets its own address reported, not the fake one.
    expect(resolve('127.0.0.1', '1.2.3.4, 192.0.2.7')).toBe('192.0.2.7');
  });

  it('matches IPv6 proxies by CIDR', () => {
    const resolve = clientAddressResolver(['::1', 'fd00::/8']);
    expect(resolve('::1', '2001:db8::5, fd00::1')).toBe('2001:db8::5');
  });

  it('stops at an entry that is not an address', () => {
    const resolve = clientAddressResolver(1);
    expect(resolve('127.0.0.1', 'unknown')).toBe('127.0.0.1');
  });

  it('refuses a trusted proxy entry that is not an address', () => {
    expect(() => clientAddressResolver(['300.1.1.1'])).toThrow(/not an IP address/);
    expect(() => clientAddressResolver(['10.0.0.0/99'])).toThrow(/not an IP address/);
  });
});
