import type { SaveRecipient } from './SavePipeline';
import type { SideRecord, SideWrite } from './storage/Storage';

/**
 * A kind of side state: its stored name and how a stored value is read back. `parse` gets
 * the value as JSON gave it and returns a T or throws; it is also where an older stored shape
 * is upgraded, so a kind never needs a storage migration of its own.
 */
export interface SideKind<T> {
  readonly name: string;
  parse(value: unknown): T;
}

/** Stored names: short, lowercase, never reused for another meaning. */
const KIND_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_KEY_LENGTH = 200;

export function sideKind<T>(name: string, parse: (value: unknown) => T): SideKind<T> {
  if (!KIND_NAME.test(name)) throw new Error(`side-state kind name "${name}" is not allowed`);
  return { name, parse };
}

/** Where the writes go: the board's save pipeline (an interface to keep this file small). */
export interface SideSink {
  addSide(write: SideWrite, from: SaveRecipient | null): void;
}

export class SideStateError extends Error {
  override name = 'SideStateError';
}

/**
 * A board's server-held state outside the shared document: what some people may not see yet
 * (secret votes of an open vote session, private brainstorm notes, comments awaiting
 * moderation) or ever (the moderation audit log). It never enters the Y.Doc, so it never
 * reaches a client by sync; each message that shows part of it decides who may see what.
 *
 * Records are kept by kind and key, as JSON text. Reads come from memory; each write changes
 * memory at once and goes to storage in the board's next group commit, in the same
 * transaction as the document updates queued in the same turn. So a server transaction on the
 * document (a reveal) and the side-state writes that go with it (deleting the secret votes),
 * made in one synchronous block, are stored together or not at all. `from` hears `saved` only
 * after that commit; `room.committed()` resolves after it.
 *
 * Lifecycle: the room's. Loaded with the board, gone when it unloads (storage keeps it).
 * With several instances serving one board, each holds its own copy: relaying side-state
 * changes between instances is part of the multi-instance work, not done yet.
 */
export class BoardSideState {
  readonly #records = new Map<string, Map<string, string>>();
  readonly #sink: SideSink;

  constructor(stored: readonly SideRecord[], sink: SideSink) {
    this.#sink = sink;
    for (const { kind, key, value } of stored) this.#recordsOf(kind).set(key, value);
  }

  get<T>(kind: SideKind<T>, key: string): T | undefined {
    const json = this.#records.get(kind.name)?.get(key);
    return json === undefined ? undefined : read(kind, key, json);
  }

  has(kind: SideKind<unknown>, key: string): boolean {
    return this.#records.get(kind.name)?.has(key) ?? false;
  }

  /** How many records of `kind` the board holds. */
  count(kind: SideKind<unknown>): number {
    return this.#records.get(kind.name)?.size ?? 0;
  }

  /** Every record of `kind`, in the order they were first written (or loaded). */
  entries<T>(kind: SideKind<T>): [key: string, value: T][] {
    const records = this.#records.get(kind.name);
    if (!records) return [];
    return [...records].map(([key, json]) => [key, read(kind, key, json)]);
  }

  /** Sets a record. Throws (and changes nothing) if `value` does not survive JSON and `parse`. */
  put<T>(kind: SideKind<T>, key: string, value: T, from: SaveRecipient | null = null): void {
    checkKey(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new SideStateError(`${kind.name}/${key}: not JSON`);
    read(kind, key, json); // what is stored must read back
    this.#recordsOf(kind.name).set(key, json);
    this.#sink.addSide({ kind: kind.name, key, value: json }, from);
  }

  /** Deletes a record; false (and nothing written) if there was none. */
  delete(kind: SideKind<unknown>, key: string, from: SaveRecipient | null = null): boolean {
    const records = this.#records.get(kind.name);
    if (!records?.delete(key)) return false;
    if (records.size === 0) this.#records.delete(kind.name);
    this.#sink.addSide({ kind: kind.name, key, value: null }, from);
    return true;
  }

  /** Deletes every record of `kind` (e.g. the secret votes after a reveal); how many. */
  deleteAll(kind: SideKind<unknown>, from: SaveRecipient | null = null): number {
    const keys = [...(this.#records.get(kind.name)?.keys() ?? [])];
    for (const key of keys) this.delete(kind, key, from);
    return keys.length;
  }

  /**
   * Rewrites records of every kind as JSON text (forgetting a person must reach them all):
   * `change` returns the new JSON, null to delete, or undefined to keep. Returns how many
   * changed. The new JSON must still read as its kind.
   */
  rewriteRaw(change: (kind: string, key: string, json: string) => string | null | undefined) {
    let changed = 0;
    for (const [kind, records] of [...this.#records]) {
      for (const [key, json] of [...records]) {
        const next = change(kind, key, json);
        if (next === undefined || next === json) continue;
        changed += 1;
        if (next === null) records.delete(key);
        else records.set(key, next);
        this.#sink.addSide({ kind, key, value: next }, null);
      }
      if (records.size === 0) this.#records.delete(kind);
    }
    return changed;
  }

  #recordsOf(name: string): Map<string, string> {
    let records = this.#records.get(name);
    if (!records) {
      records = new Map();
      this.#records.set(name, records);
    }
    return records;
  }
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new SideStateError(`side-state key must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
}

function read<T>(kind: SideKind<T>, key: string, json: string): T {
  try {
    return kind.parse(JSON.parse(json));
  } catch (error) {
    throw new SideStateError(
      `${kind.name}/${key}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
