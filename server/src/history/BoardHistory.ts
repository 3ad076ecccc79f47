import { randomBytes } from 'node:crypto';
import { MetaKey, metaMap, migrate, ROOT, readPublication } from '@paja/shared';
import * as Y from 'yjs';
import { type BoardSideState, sideKind } from '../BoardSideState';
import { RELAYED } from '../origins';
import { audit } from './boardAudit';

/**
 * A board's snapshots: the whole document at a moment, named by a facilitator ("End of
 * workshop 2") or taken by the server at every phase change, when a vote is revealed, and
 * hourly while the board changes. Stored as side state (kind `snapshot`) in the board's
 * storage adapter, in the same commit path as everything else, so they work on every adapter
 * the contract suite covers. Never in the document: nobody on the board receives them by sync.
 *
 * Side state is loaded with the board, so every snapshot is in memory while the board is
 * open; automatic snapshots are therefore capped (the oldest automatic one goes first), named
 * ones are kept until deleted. With a retention period (PAJA_SNAPSHOT_RETENTION_DAYS) automatic
 * snapshots older than it are deleted too, hourly and when the board loads (written in the
 * board's audit log); named ones stay until a facilitator deletes them or the board goes.
 *
 * Several instances: snapshots are side state, so each instance lists all of them. An
 * automatic snapshot is taken by the instance where the change that causes it was made (not
 * where it was relayed to), and the hourly one only if no instance took one within the hour.
 */
/** `restore`: the board as it was just before a facilitator restored a snapshot onto it. */
export type SnapshotCause = 'phase' | 'vote' | 'publish' | 'hourly' | 'restore';

export interface HistoryOptions {
  /** Automatic snapshots older than this are deleted; 0 keeps them (up to MAX_AUTO_SNAPSHOTS). */
  autoRetentionMs: number;
}

export interface SnapshotRecord {
  id: string;
  name: string;
  at: number;
  /** Who took it: the facilitator's own name, or '' for the server. */
  by: string;
  auto: SnapshotCause | null;
  /** The document (a Yjs update), base64. */
  state: string;
}

export type SnapshotInfo = Omit<SnapshotRecord, 'state'>;

export const SNAPSHOTS = sideKind<SnapshotRecord>('snapshot', (value) => {
  const v = value as Partial<SnapshotRecord> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.id !== 'string' ||
    typeof v.name !== 'string' ||
    typeof v.at !== 'number' ||
    typeof v.by !== 'string' ||
    typeof v.state !== 'string'
  ) {
    throw new Error('not a snapshot');
  }
  return { ...v, auto: v.auto ?? null } as SnapshotRecord;
});

export const MAX_AUTO_SNAPSHOTS = 48;
export const NAME_MAX = 120;
const HOUR = 60 * 60_000;

export function snapshotDoc(record: SnapshotRecord): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(record.state, 'base64'));
  migrate(doc); // a snapshot of an older schema reads as the current one
  return doc;
}

export class BoardHistory {
  readonly #doc: Y.Doc;
  readonly #side: BoardSideState;
  readonly #now: () => number;
  readonly #options: HistoryOptions;
  #changedSinceSnapshot = false;
  #hourly: ReturnType<typeof setInterval> | null = null;

  constructor(
    doc: Y.Doc,
    side: BoardSideState,
    options: HistoryOptions = { autoRetentionMs: 0 },
    now: () => number = Date.now,
  ) {
    this.#doc = doc;
    this.#side = side;
    this.#options = options;
    this.#now = now;
  }

  /** Starts the automatic snapshots (after the board was loaded and migrated). */
  start(): void {
    this.#doc.on('afterTransaction', this.#onTransaction);
    this.expire();
    this.#hourly = setInterval(() => {
      const newest = this.list().find((s) => s.auto !== null)?.at ?? 0;
      const recent = this.#now() - newest < HOUR - 5 * 60_000;
      if (this.#changedSinceSnapshot && !recent) this.take({ name: '', by: '', auto: 'hourly' });
      this.expire();
    }, HOUR);
    this.#hourly.unref?.();
  }

  stop(): void {
    this.#doc.off('afterTransaction', this.#onTransaction);
    if (this.#hourly) clearInterval(this.#hourly);
    this.#hourly = null;
  }

  take(input: { name: string; by: string; auto?: SnapshotCause | null }): SnapshotInfo {
    const at = this.#now();
    // Ids sort newest first by their time; two snapshots in one millisecond (a phase change
    // and a reveal in one request) would otherwise be ordered by their random part.
    const newest = this.list()[0];
    const stamp = Math.max(at, newest ? Number(newest.id.slice(0, 15)) + 1 : 0);
    const record: SnapshotRecord = {
      id: `${String(stamp).padStart(15, '0')}-${randomBytes(5).toString('hex')}`,
      name: input.name.trim().slice(0, NAME_MAX),
      at,
      by: input.by.trim().slice(0, NAME_MAX),
      auto: input.auto ?? null,
      state: Buffer.from(Y.encodeStateAsUpdate(this.#doc)).toString('base64'),
    };
    this.#side.put(SNAPSHOTS, record.id, record);
    this.#changedSinceSnapshot = false;
    if (record.auto) this.#trimAuto();
    const { state: _state, ...info } = record;
    return info;
  }

  /** Newest first. */
  list(): SnapshotInfo[] {
    return this.#side
      .entries(SNAPSHOTS)
      .map(([, { state: _state, ...info }]) => info)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  get(id: string): SnapshotRecord | null {
    return this.#side.get(SNAPSHOTS, id) ?? null;
  }

  /** Deletes a snapshot, written in the board's audit log with who did it. */
  delete(id: string, by: string): boolean {
    const record = this.get(id);
    if (!record) return false;
    this.#side.delete(SNAPSHOTS, id);
    const label = record.name || `(${record.auto ?? 'auto'})`;
    audit(this.#side, {
      action: 'snapshot-deleted',
      by,
      detail: `${label} ${new Date(record.at).toISOString()}`,
    });
    return true;
  }

  /** Replaces a snapshot's document (personal data forgotten); keeps its name and time. */
  rewrite(id: string, state: Uint8Array): void {
    const record = this.get(id);
    if (record) {
      this.#side.put(SNAPSHOTS, id, { ...record, state: Buffer.from(state).toString('base64') });
    }
  }

  /** Deletes automatic snapshots older than the retention period; returns how many. */
  expire(): number {
    if (this.#options.autoRetentionMs <= 0) return 0;
    const before = this.#now() - this.#options.autoRetentionMs;
    const old = this.list().filter((s) => s.auto !== null && s.at < before);
    for (const s of old) this.#side.delete(SNAPSHOTS, s.id);
    if (old.length > 0) {
      audit(this.#side, {
        action: 'snapshots-expired',
        by: '',
        detail: `${old.length} < ${new Date(before).toISOString()}`,
      });
    }
    return old.length;
  }

  #trimAuto(): void {
    const auto = this.list().filter((s) => s.auto !== null);
    for (const old of auto.slice(MAX_AUTO_SNAPSHOTS)) this.#side.delete(SNAPSHOTS, old.id);
  }

  readonly #onTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.size === 0 || tr.origin === RELAYED) return;
    this.#changedSinceSnapshot = true;
    const meta = metaMap(this.#doc);
    const sessions = this.#doc.getMap(ROOT.voteSessions);
    let revealed = false;
    let phaseChanged = false;
    let published = false;
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === meta) {
        phaseChanged ||= [...keys].some((key) => key?.startsWith('phase.') === true);
        published ||= keys.has(MetaKey.publication) && readPublication(this.#doc) !== null;
      }
      if (type instanceof Y.Map && type.parent === sessions && keys.has('revealed')) {
        revealed ||= type.get('revealed') === true;
      }
    }
    // After the transaction, so the snapshot holds the change that caused it.
    if (published) queueMicrotask(() => this.take({ name: '', by: '', auto: 'publish' }));
    else if (revealed) queueMicrotask(() => this.take({ name: '', by: '', auto: 'vote' }));
    else if (phaseChanged) queueMicrotask(() => this.take({ name: '', by: '', auto: 'phase' }));
  };
}
