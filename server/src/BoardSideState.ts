import type { SaveRecipient } from './SavePipeline';
import type { NumberedSideWrite, SideRecord, SideWrite } from './storage/Storage';

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

/** A record changed by a write another instance stored: its JSON text before and after. */
export interface SideChange {
  kind: string;
  key: string;
  before: string | undefined;
  after: string | undefined;
}

/** Hears the changes of its kinds that came from storage (never this instance's own writes). */
export type SideListener = (changes: readonly SideChange[]) => void;

const idOf = (kind: string, key: string) => JSON.stringify([kind, key]);

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
 * Several instances: each instance serving the board holds a copy, and storage numbers every
 * side write per board (a side sequence, in the commit). Writes other instances stored arrive
 * through the board's relay (`applyStored`, in number order, gaps fetched from storage) and
 * are told to the listeners of their kinds (`onStored`), who tell their own connections what
 * each may see. A record takes the write with the highest number: a relayed write older than
 * this instance's own committed write of the record is skipped, and one that arrives while
 * this instance's own write of the record is not yet committed (and numbered) waits for that
 * commit, then wins only if its number is higher. So every copy ends as storage is.
 *
 * Lifecycle: the room's. Loaded with the board, gone when it unloads (storage keeps it).
 */
export class BoardSideState {
  readonly #records = new Map<string, Map<string, string>>();
  readonly #sink: SideSink;
  /** Per record (idOf): the number of the last write storage committed that we know of. */
  readonly #seqs = new Map<string, number>();
  /** Per record: this instance's writes not yet committed. */
  readonly #pending = new Map<string, number>();
  /** Per record: the newest stored write that arrived while one of ours was pending. */
  readonly #deferred = new Map<string, NumberedSideWrite>();
  readonly #listeners = new Map<SideListener, ReadonlySet<string>>();

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
    this.#write({ kind: kind.name, key, value: json }, from);
  }

  /** Deletes a record; false (and nothing written) if there was none. */
  delete(kind: SideKind<unknown>, key: string, from: SaveRecipient | null = null): boolean {
    const records = this.#records.get(kind.name);
    if (!records?.delete(key)) return false;
    if (records.size === 0) this.#records.delete(kind.name);
    this.#write({ kind: kind.name, key, value: null }, from);
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
        this.#write({ kind, key, value: next }, null);
      }
      if (records.size === 0) this.#records.delete(kind);
    }
    return changed;
  }

  /** `listener` hears changes of `kinds` that other instances stored; returns the unsubscribe. */
  onStored(kinds: readonly SideKind<unknown>[], listener: SideListener): () => void {
    this.#listeners.set(listener, new Set(kinds.map((kind) => kind.name)));
    return () => this.#listeners.delete(listener);
  }

  /**
   * This instance's writes were committed with these numbers (`writes` exactly as the save
   * pipeline handed them to storage, the first numbered `firstSeq`).
   */
  committed(firstSeq: number, writes: readonly SideWrite[]): void {
    const changes: SideChange[] = [];
    writes.forEach((write, i) => {
      const id = idOf(write.kind, write.key);
      this.#seqs.set(id, Math.max(this.#seqs.get(id) ?? 0, firstSeq + i));
      const pending = (this.#pending.get(id) ?? 1) - 1;
      if (pending > 0) {
        this.#pending.set(id, pending);
        return;
      }
      this.#pending.delete(id);
      const waiting = this.#deferred.get(id);
      this.#deferred.delete(id);
      if (waiting) this.#applyOne(waiting, changes);
    });
    this.#tell(changes);
  }

  /**
   * Writes another instance stored (or a catch-up from storage), in number order; `reset`:
   * they are every record the board holds through number `through`, and whatever else this
   * copy holds goes (except what was written after `through`).
   */
  applyStored(writes: readonly NumberedSideWrite[], reset = false, through = Infinity): void {
    const changes: SideChange[] = [];
    for (const write of writes) {
      const id = idOf(write.kind, write.key);
      if (this.#pending.has(id)) {
        const waiting = this.#deferred.get(id);
        if (!waiting || waiting.seq < write.seq) this.#deferred.set(id, write);
      } else {
        this.#applyOne(write, changes);
      }
    }
    if (reset) {
      const kept = new Set(writes.map((write) => idOf(write.kind, write.key)));
      for (const [kind, records] of [...this.#records]) {
        for (const key of [...records.keys()]) {
          const id = idOf(kind, key);
          if (kept.has(id) || this.#pending.has(id)) continue;
          if ((this.#seqs.get(id) ?? 0) > through) continue;
          changes.push({ kind, key, before: records.get(key), after: undefined });
          this.#drop(kind, key);
        }
      }
    }
    this.#tell(changes);
  }

  #applyOne(write: NumberedSideWrite, changes: SideChange[]): void {
    const id = idOf(write.kind, write.key);
    if (write.seq <= (this.#seqs.get(id) ?? 0)) return; // ours (or a later one) is newer
    this.#seqs.set(id, write.seq);
    const before = this.#records.get(write.kind)?.get(write.key);
    const after = write.value ?? undefined;
    if (before === after) return;
    if (after === undefined) this.#drop(write.kind, write.key);
    else this.#recordsOf(write.kind).set(write.key, after);
    changes.push({ kind: write.kind, key: write.key, before, after });
  }

  #drop(kind: string, key: string): void {
    const records = this.#records.get(kind);
    records?.delete(key);
    if (records?.size === 0) this.#records.delete(kind);
  }

  #tell(changes: readonly SideChange[]): void {
    if (changes.length === 0) return;
    for (const [listener, kinds] of this.#listeners) {
      const mine = changes.filter((change) => kinds.has(change.kind));
      if (mine.length > 0) listener(mine);
    }
  }

  #write(write: SideWrite, from: SaveRecipient | null): void {
    const id = idOf(write.kind, write.key);
    this.#pending.set(id, (this.#pending.get(id) ?? 0) + 1);
    this.#sink.addSide(write, from);
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

/** A changed record's JSON text read as its kind, or undefined (absent or unreadable). */
export function readChange<T>(kind: SideKind<T>, json: string | undefined): T | undefined {
  if (json === undefined) return undefined;
  try {
    return kind.parse(JSON.parse(json));
  } catch {
    return undefined;
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
