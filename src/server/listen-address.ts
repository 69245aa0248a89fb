// How a bound address is written in a URL that a local client can use.

/** The wildcard addresses are not reachable as such; show the loopback form a local test can use. */
export function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
