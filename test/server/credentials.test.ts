import { describe, expect, it } from 'vitest';
import { parseBasicAuthorization as parseBasic } from '../../src/core/index.js';
import { readCredentials } from '../../src/server/credentials.js';
import { parseQueryParams } from '../../src/server/query-params.js';
import { basic } from './http-client.js';

describe('provisioning credentials', () => {
  it('takes the username and password from any accepted parameter names', () => {
    for (const query of ['user=al&pass=pw', 'username=al&password=pw', 'u=al&p=pw']) {
      expect(readCredentials(parseQueryParams(query), undefined)).toMatchObject({
        username: 'al',
        password: 'pw',
        transport: 'url',
      });
    }
  });

  it('records the mobile version parameter', () => {
    const c = readCredentials(parseQueryParams('user=a&password=b&version=1.14'), undefined);
    expect(c.clientVersion).toBe('1.14');
  });

  it('treats placeholders the phone left unsubstituted as missing', () => {
    const c = readCredentials(parseQueryParams('user=[user]&pass=[pass]&version=[version]'), undefined);
    expect(c).toMatchObject({ username: '', password: '', clientVersion: undefined });
  });

  it('prefers a well-formed Basic header over URL parameters', () => {
    const c = readCredentials(parseQueryParams('user=url&pass=url'), basic('hdr', 'pw'));
    expect(c).toMatchObject({ username: 'hdr', password: 'pw', transport: 'basic' });
  });

  it('falls back to URL parameters when the Authorization header is not Basic', () => {
    const c = readCredentials(parseQueryParams('user=url&pass=pw'), 'Bearer abc');
    expect(c).toMatchObject({ username: 'url', transport: 'url' });
  });

  it('decodes a Basic header as UTF-8 and keeps colons in the password', () => {
    expect(parseBasic(basic('Jürgen', 'a:b:ü'))).toEqual({ username: 'Jürgen', password: 'a:b:ü' });
  });

  it('decodes a Basic header that is not UTF-8 as Latin-1', () => {
    const header = 'Basic ' + Buffer.from('J\u00fcrgen:pw', 'latin1').toString('base64');
    expect(parseBasic(header)).toEqual({ username: 'Jürgen', password: 'pw' });
  });

  it('rejects a Basic header without a colon or with an empty username', () => {
    expect(parseBasic('Basic ' + Buffer.from('nocolon').toString('base64'))).toBeUndefined();
    expect(parseBasic('Basic ' + Buffer.from(':pw').toString('base64'))).toBeUndefined();
    expect(parseBasic('Basic not base64!')).toBeUndefined();
  });
});
