import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAM_LISTS, firstParam, paramListsFor } from '../../../src/core/index.js';

describe("a tenant's parameter names", () => {
  it("reads the tenant's names first, then zprov's", () => {
    const lists = paramListsFor({ username: 'login', version: 'v' });
    expect(lists.username).toEqual(['login', ...DEFAULT_PARAM_LISTS.username]);
    expect(lists.password).toEqual(DEFAULT_PARAM_LISTS.password);
    expect(lists.version).toEqual(['v', 'version']);
  });

  it('does not read a credential from a name the tenant gave to another', () => {
    // The tenant's username travels in p, which zprov would read as a password.
    const lists = paramListsFor({ username: 'p' });
    expect(lists.password).not.toContain('p');
    const params = { p: 'alice', pass: 'secret' };
    expect([firstParam(params, lists.username), firstParam(params, lists.password)]).toEqual([
      'alice',
      'secret',
    ]);
  });

  it('skips empty values and placeholders the phone left unsubstituted', () => {
    expect(firstParam({ login: '', user: '[user]', username: 'bob' }, ['login', 'user', 'username'])).toBe(
      'bob',
    );
    expect(firstParam({}, ['user'])).toBeUndefined();
  });
});
