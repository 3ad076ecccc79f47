import type { Role } from '@paja/shared';
import type { BlobStore } from './BlobStore';

/**
 * Where boards are kept. The server only talks to this interface, so SQLite (the embedded
 * default) and PostgreSQL (for several instances) are interchangeable; every adapter must pass
 * storageContract.ts.
 *
 * A board is stored as an optional snapshot (a full Yjs update) plus an append-only log of
 * Yjs updates numbered by a per-board sequence. Loading applies the snapshot, then the log.
 * Beside the document, a board has side state: records that must not be in the shared
 * document yet (secret votes, private notes, comments awaiting moderation), keyed by kind and
 * key, written in the same transactions as the updates (see BoardSideState.ts).
 */
export interface StoredBoard {
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update in `updates` (or of the snapshot if none). */
  lastSeq: number;
  /** Every side-state record of the board, in no particular order. */
  side: SideRecord[];
  /** Side-state sequence number of the last side-state write in `side` (0 if none ever). */
  lastSideSeq: number;
}

/** One stored side-state record. `value` is JSON text, read back by its kind's parser. */
export interface SideRecord {
  kind: string;
  key: string;
  value: string;
}

/** A change to one side-state record: `value` null deletes it (deleting nothing is fine). */
export interface SideWrite {
  kind: string;
  key: string;
  value: string | null;
}

/** A side-state write as storage numbered it (see `sideSince`). */
export interface NumberedSideWrite extends SideWrite {
  seq: number;
}

/**
 * What one commit was numbered: the sequence number of its last update and of its last
 * side-state write. A commit's side writes are numbered one each, in the order given, from
 * `lastSideSeq - side.length + 1`; both numberings are per board, gap-free and in commit
 * order across every instance sharing the storage.
 */
export interface Committed {
  lastSeq: number;
  lastSideSeq: number;
}

/**
 * Side state written after some side-state sequence number. `reset`: storage no longer knows
 * every deletion since then (it forgets deletions when it compacts), so `writes` is instead
 * every record the board holds now, and a reader drops whatever it holds that is not among
 * them.
 */
export interface SideTail {
  lastSideSeq: number;
  reset: boolean;
  /** Oldest first; a value of null is a deletion. */
  writes: NumberedSideWrite[];
}

export interface Storage {
  /** Creates a board with its first state. Fails with BoardExistsError if the id is taken. */
  createBoard(boardId: string, initialState: Uint8Array): Promise<void>;
  boardExists(boardId: string): Promise<boolean>;
  /** The stored board, or null if there is no board with that id. */
  loadBoard(boardId: string): Promise<StoredBoard | null>;
  /**
   * What was stored after sequence number `afterSeq`: the updates after it, and the snapshot
   * too if a compaction has folded updates after `afterSeq` into it. Null if there is no such
   * board. An instance that missed relayed updates catches up with this. (Side state is not
   * in it: it is read with the board.)
   */
  updatesSince(boardId: string, afterSeq: number): Promise<StoredTail | null>;
  /**
   * The group commit: appends updates and applies side-state writes (in order) in ONE durable
   * transaction. When the promise resolves, all of it survives a crash of the process; if it
   * rejects, none of it was stored. One transaction, not two calls, because a server change
   * such as revealing votes is a document update plus the deletion of the secret records, and
   * a crash must never keep one without the other. Resolves to the numbers the commit was given
   * (the board's last numbers where it wrote nothing of a kind).
   */
  appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side?: readonly SideWrite[],
  ): Promise<Committed>;
  /**
   * The side-state writes numbered after `afterSideSeq` (the last write of each record; a
   * deletion as a null value), or a reset (see SideTail). Null if there is no such board. An
   * instance that missed relayed side-state writes catches up with this.
   */
  sideSince(boardId: string, afterSideSeq: number): Promise<SideTail | null>;
  /**
   * Replaces the snapshot and every update up to and including `throughSeq` with `snapshot`,
   * atomically: a crash leaves either the old or the new state, never a mix. A compaction
   * through a sequence number the snapshot already covers changes nothing: a late compaction
   * must never replace a newer snapshot (it would lose the updates between the two). It may
   * also forget the side state's deletions (so `sideSince` from before then is a reset).
   */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Runs `work` holding the board's compaction lease, so that one instance at a time compacts
   * a board. Resolves to null without running `work` when another holder has the lease (or
   * there is no such board). `work` compacts through the `compact` it is given: if the lease
   * was lost meanwhile (the work outlived it and someone else took it), that refuses with
   * LeaseLostError and writes nothing.
   */
  withCompactionLease<T>(
    boardId: string,
    work: (compact: CompactFn) => Promise<T>,
  ): Promise<T | null>;
  /**
   * The current generation of a role's links on a board: 0 until the first revocation. A link
   * token is valid only while its generation equals this.
   */
  linkGeneration(boardId: string, role: Role): Promise<number>;
  /** Revokes every link of `role` on the board; resolves to the new generation. */
  revokeLinks(boardId: string, role: Role): Promise<number>;
  /**
   * Boards whose last change was before `at` (ms since epoch): what the retention setting
   * deletes. A change is the board's creation or any stored update or side-state write
   * (`appendUpdates` with something in it); compaction, revoking links and files are not.
   */
  boardsUnchangedSince(at: number): Promise<string[]>;
  /**
   * Deletes a board with everything stored for it (its log, snapshot, side state, link
   * generations). False if there was no such board.
   */
  deleteBoard(boardId: string): Promise<boolean>;
  /** Files stored beside the board: images, thumbnails, attachments (BlobStore.ts). */
  readonly blobs: BlobStore;
  /** Resolves when storage answers; for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The document part of a stored board after some sequence number (see `updatesSince`). */
export type StoredTail = Pick<StoredBoard, 'snapshot' | 'updates' | 'lastSeq'>;

export type CompactFn = (snapshot: Uint8Array, throughSeq: number) => Promise<void>;

export class BoardExistsError extends Error {
  constructor(boardId: string) {
    super(`A board with id ${boardId} exists already`);
    this.name = 'BoardExistsError';
  }
}

export class BoardMissingError extends Error {
  constructor(boardId: string) {
    super(`There is no board with id ${boardId}`);
    this.name = 'BoardMissingError';
  }
}

export class LeaseLostError extends Error {
  constructor(boardId: string) {
    super(`The compaction lease of board ${boardId} was lost; nothing was written`);
    this.name = 'LeaseLostError';
  }
}
