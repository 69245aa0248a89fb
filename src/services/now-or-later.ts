// A value that is ready now or comes later. The provisioning use case answers a phone's repeat fetch
// at once and anything that must wait for the database or the slow hash later; this one module owns
// the "is it a promise" decision (as fastify's wrap-thenable does), so neither the service nor the
// HTTP adapter branches on it. A ready value goes on in the same turn: no microtask, no allocation.

export type NowOrLater<T> = T | Promise<T>;

/** `next` applied to the value: at once when it is ready, after it settles when it is a promise. */
export function andThen<T, U>(value: NowOrLater<T>, next: (ready: T) => NowOrLater<U>): NowOrLater<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * What `produce` gives, with any failure (a throw now, or a rejection later) turned into a value by
 * `recover`: the result never throws and never rejects.
 */
export function recovering<T>(produce: () => NowOrLater<T>, recover: (error: unknown) => T): NowOrLater<T> {
  let value: NowOrLater<T>;
  try {
    value = produce();
  } catch (error) {
    return recover(error);
  }
  return value instanceof Promise ? value.catch(recover) : value;
}

/**
 * Runs `produce` for what it does (an adapter writing a reply, now or once the answer comes); a failure
 * now or later goes to `fail`, so nothing is left unhandled.
 */
export function settle(produce: () => NowOrLater<unknown>, fail: (error: unknown) => void): void {
  void recovering(produce, fail);
}
