import { useSyncExternalStore } from 'react';

/**
 * A value that changes over time and tells whoever subscribed: the smallest external store
 * React can read through useSyncExternalStore. The session and the canvas controller keep
 * each slice of their state in one, so a component re-renders only for the slices it reads
 * (typing in a note does not re-render the header).
 */
export class Store<T> {
  #value: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  readonly get = (): T => this.#value;

  /** Replaces the value; listeners hear of it only when it is a different object. */
  set(next: T): void {
    if (Object.is(next, this.#value)) return;
    this.#value = next;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Merges `patch` into an object value, keeping the value when nothing in it changes. */
  patch(patch: Partial<T>): void {
    const current = this.#value as Record<string, unknown>;
    const changed = Object.entries(patch).some(([key, value]) => !Object.is(current[key], value));
    if (changed) this.set({ ...(this.#value as object), ...patch } as T);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

/** Reads a store in a component, re-rendering when it changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
