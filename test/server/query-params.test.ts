import { describe, expect, it } from 'vitest';
import { decodeComponent, parseQueryParams } from '../../src/server/query-params.js';

describe('provisioning query string', () => {
  it('reads the canonical user and pass parameters', () => {
    expect({ ...parseQueryParams('user=alice&pass=s3cret') }).toEqual({ user: 'alice', pass: 's3cret' });
  });

  it('keeps a plus sign in a password as a plus sign', () => {
    expect(parseQueryParams('user=a&pass=1+2')['pass']).toBe('1+2');
  });

  it('keeps an ampersand that no parameter name follows inside the value', () => {
    expect(parseQueryParams('user=a&pass=Tom&Jerry')['pass']).toBe('Tom&Jerry');
    expect(parseQueryParams('user=a&pass=x&&y&')['pass']).toBe('x&&y');
  });

  it('splits at an ampersand followed by the next parameter, as the mobile apps send it', () => {
    expect({ ...parseQueryParams('user=a&password=b&c&version=1.14') }).toEqual({
      user: 'a',
      password: 'b&c',
      version: '1.14',
    });
  });

  it('treats an &amp; copied from an XML sample as a separator', () => {
    expect({ ...parseQueryParams('user=alice&amp;pass=x') }).toEqual({ user: 'alice', pass: 'x' });
  });

  it('decodes percent escapes that form UTF-8', () => {
    expect(parseQueryParams('pass=%26%3C%3E%22%27%20%C3%BC%F0%9F%98%80')['pass']).toBe('&<>"\' ü😀');
  });

  it('leaves a percent sign that starts no escape as it is', () => {
    expect(parseQueryParams('pass=100%')['pass']).toBe('100%');
    expect(parseQueryParams('pass=50%off')['pass']).toBe('50%off');
  });

  it('leaves escapes that do not form UTF-8 undecoded', () => {
    expect(decodeComponent('a%FFb')).toBe('a%FFb');
  });

  it('keeps an equals sign inside a value', () => {
    expect(parseQueryParams('pass=a=b==')['pass']).toBe('a=b==');
  });

  it('lets the first occurrence of a name win', () => {
    expect(parseQueryParams('user=first&user=second')['user']).toBe('first');
  });

  it('does not let a parameter named __proto__ reach an object prototype', () => {
    const params = parseQueryParams('__proto__=x&user=a');
    expect(params['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(params)).toBeNull();
  });

  it('returns nothing for an empty query', () => {
    expect(Object.keys(parseQueryParams(''))).toEqual([]);
  });
});
