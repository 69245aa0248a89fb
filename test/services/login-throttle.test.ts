import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/services/clock.js';
import { LoginThrottle } from '../../src/services/login-throttle.js';

const limits = { maxFailures: 3, lockoutSeconds: 10, maxLockoutSeconds: 35 };

describe('login throttle', () => {
  it('locks a key after the allowed failures and frees it when the lockout ends', () => {
    const clock = manualClock();
    const throttle = new LoginThrottle(limits, clock);
    throttle.recordFailure('k');
    throttle.recordFailure('k');
    expect(throttle.retryAfter('k')).toBe(0);
    throttle.recordFailure('k');
    expect(throttle.retryAfter('k')).toBe(10);
    clock.advance(9_500);
    expect(throttle.retryAfter('k')).toBe(1);
    clock.advance(500);
    expect(throttle.retryAfter('k')).toBe(0);
    expect(throttle.retryAfter('other')).toBe(0);
  });

  it('doubles each further lockout up to the maximum', () => {
    const clock = manualClock();
    const throttle = new LoginThrottle(limits, clock);
    const lockouts: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) throttle.recordFailure('k');
      lockouts.push(throttle.retryAfter('k'));
      clock.advance(lockouts[round]! * 1000);
    }
    expect(lockouts).toEqual([10, 20, 35, 35]);
  });

  it('keeps the longest lockout for a key that fails again as soon as it ends', () => {
    const clock = manualClock();
    const throttle = new LoginThrottle(limits, clock);
    const lockouts: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 3; i++) throttle.recordFailure('k');
      lockouts.push(throttle.retryAfter('k'));
      clock.advance(lockouts[round]! * 1000 + 1);
    }
    expect(lockouts).toEqual([10, 20, 35, 35, 35, 35]);
  });

  it('forgets a key on success and after a quiet period as long as the longest lockout', () => {
    const clock = manualClock();
    const throttle = new LoginThrottle(limits, clock);
    for (let i = 0; i < 3; i++) throttle.recordFailure('k');
    clock.advance(10_000);
    throttle.recordSuccess('k');
    for (let i = 0; i < 3; i++) throttle.recordFailure('k');
    expect(throttle.retryAfter('k')).toBe(10);
    clock.advance(10_000 + 35_001);
    for (let i = 0; i < 3; i++) throttle.recordFailure('k');
    expect(throttle.retryAfter('k')).toBe(10);
  });

  it('counts verifications under way against the budget, so a burst gets no more than a sequence', () => {
    const clock = manualClock();
    const throttle = new LoginThrottle(limits, clock);
    const begun = Array.from({ length: 50 }, () => throttle.begin('k'));
    expect(begun.filter((wait) => wait === 0)).toHaveLength(3);
    expect(begun.slice(3).every((wait) => wait === 1)).toBe(true);
    for (let i = 0; i < 3; i++) throttle.settle('k', true);
    expect(throttle.retryAfter('k')).toBe(10);
    expect(throttle.begin('k')).toBe(10);
    clock.advance(10_000);
    expect(throttle.begin('k')).toBe(0);
  });

  it('frees the budget of a verification that did not fail, and forgives on success', () => {
    const throttle = new LoginThrottle(limits, manualClock());
    expect(throttle.begin('k')).toBe(0);
    expect(throttle.begin('k')).toBe(0);
    throttle.settle('k', true);
    throttle.settle('k', false);
    expect(throttle.begin('k')).toBe(0);
    expect(throttle.begin('k')).toBe(0);
    expect(throttle.begin('k')).toBe(1);
    throttle.settle('k', false);
    throttle.recordSuccess('k');
    throttle.settle('k', true);
    expect(throttle.begin('k')).toBe(0);
    expect(throttle.begin('k')).toBe(0);
    expect(throttle.size).toBe(1);
  });

  it('keeps at most the configured number of keys, dropping the least recent', () => {
    const throttle = new LoginThrottle(limits, manualClock(), 100);
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`user${i}`);
    expect(throttle.size).toBe(100);
    // user999 kept its failure (two more lock it); user0 was dropped, so two more do not.
    for (const key of ['user0', 'user999']) {
      throttle.recordFailure(key);
      throttle.recordFailure(key);
    }
    expect(throttle.retryAfter('user999')).toBe(10);
    expect(throttle.retryAfter('user0')).toBe(0);
  });
});
