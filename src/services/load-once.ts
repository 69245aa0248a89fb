// Loading a value once, however many callers ask at the same time: they share one promise while it
// loads, and get the value itself (no promise) once it has. A failed load is forgotten, so the next
// caller tries again. Caches that live for one data generation are made of these and dropped whole
// when the generation changes, so a load that finishes late fills only a cache nobody reads.
import type { NowOrLater } from './now-or-later.js';

export class LoadOnce<T> {
  private loaded = false;
  private value: T | undefined;
  private pending: Promise<T> | undefined;
  /** Dropped once the value is kept: a cache of thousands must not hold what each load captured. */
  private load: (() => Promise<T>) | undefined;

  /** `keep` false for a loaded value means: hand it out, but load again next time (a user not found). */
  constructor(
    load: () => Promise<T>,
    private readonly keep: (value: T) => boolean = () => true,
  ) {
    this.load = load;
  }

  get(): NowOrLater<T> {
    if (this.loaded) return this.value as T;
    if (this.pending === undefined && this.load !== undefined) {
      const pending = this.load().then(
        (value) => {
          if (this.pending === pending) {
            this.pending = undefined;
            if (this.keep(value)) {
              this.value = value;
              this.loaded = true;
              this.load = undefined;
            }
          }
          return value;
        },
        (error: unknown) => {
          if (this.pending === pending) this.pending = undefined;
          throw error;
        },
      );
      this.pending = pending;
    }
    return this.pending as Promise<T>;
  }

  /** The value if it has been loaded; never starts a load. */
  peek(): T | undefined {
    return this.value;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }
}

/** One LoadOnce per key. */
export class LoadOnceMap<K, V> {
  private readonly entries = new Map<K, LoadOnce<V>>();

  constructor(private readonly keep?: (value: V) => boolean) {}

  /** The value for `key`, loaded by `load` unless it is loaded or loading already. */
  get(key: K, load: () => Promise<V>): NowOrLater<V> {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = new LoadOnce(load, this.keep);
      this.entries.set(key, entry);
    }
    return entry.get();
  }

  /** The value for `key` if it has been loaded; never starts a load. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.peek();
  }
}
