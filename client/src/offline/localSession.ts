import type { Role } from '@paja/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { SaveTracker } from '../board/session/saveTracker';
import { isQuotaError } from './idb';
import { localBoard, rememberedWelcome, rememberLocalBoard, tokenTag } from './localBoards';
import { openLocalCopy } from './localCopy';
import { type LocalStoreProblem, UnsavedChanges } from './unsavedChanges';
import { UnsavedLog } from './unsavedLog';

/** Origin of the transaction that applies adopted unsaved changes: not a new local change. */
const ADOPT_ORIGIN = Symbol('paja.adoptUnsaved');

export interface LocalSessionOptions {
  boardId: string;
  token: string | null;
  doc: Y.Doc;
  tracker: SaveTracker;
  onProblem(problem: LocalStoreProblem): void;
}

/**
 * Everything one open board page keeps in the browser: the full local copy (y-indexeddb), the
 * log of changes the server has not confirmed, and the small localStorage record. Opening it
 * restores the copy into the document and adopts the unconfirmed changes into the save tracker.
 */
export interface LocalSession {
  /** Settles (never rejects) once the copy is restored and the unsaved log adopted, or given up. */
  readonly ready: Promise<void>;
  /** True when the local copy is in use (it may have been empty: a first visit). */
  readonly restored: boolean;
  isRestoreOrigin(origin: unknown): boolean;
  changed(update: Uint8Array, marker: number): void;
  confirmed(marker: number): void;
  rememberWelcome(welcome: { participantId: string; role: Role }): void;
  rememberedWelcome(): { participantId: string; role: Role } | null;
  rememberTitle(title: string): void;
  /** Stops writing; the stored data stays. */
  close(): void;
}

/**
 * Starts at once (so the restore's origin is known before the restore runs); `ready` tells when
 * it is done. Without IndexedDB the page works online only, as before.
 */
export function openLocalSession(options: LocalSessionOptions): LocalSession {
  const { boardId, token, doc, tracker, onProblem } = options;
  // Changes made while the log is still opening are kept here and written once it is open.
  const early: { update: Uint8Array; marker: number }[] = [];
  const confirmedEarly: number[] = [];
  let changes: UnsavedChanges | null = null;
  let persistence: IndexeddbPersistence | null = null;
  let closed = false;
  /** False once it is clear that there is no log to write to. */
  let logging = true;
  let lastTitle: string | null = null;

  // y-indexeddb writes without handling errors: a full quota surfaces as an unhandled rejection.
  const onRejection = (event: PromiseRejectionEvent) => {
    if (!isQuotaError(event.reason)) return;
    event.preventDefault();
    onProblem('quota');
  };
  const events = typeof window === 'undefined' ? null : window; // null in unit tests (Node)
  events?.addEventListener('unhandledrejection', onRejection);

  const session: LocalSession = {
    ready: Promise.resolve(),
    get restored() {
      return persistence !== null;
    },
    // y-indexeddb applies what it restores (and, when compacting, what other tabs stored) in
    // transactions whose origin is the persistence object: not changes made on this page.
    isRestoreOrigin: (origin) => origin === ADOPT_ORIGIN || origin instanceof IndexeddbPersistence,
    changed(update, marker) {
      if (changes) changes.changed(update, marker);
      else if (logging && !closed) early.push({ update, marker });
    },
    confirmed(marker) {
      if (changes) changes.confirmed(marker);
      else if (logging && !closed) confirmedEarly.push(marker);
    },
    rememberWelcome({ participantId, role }) {
      if (persistence === null) return;
      rememberLocalBoard(boardId, { welcome: { participantId, role, tokenTag: tokenTag(token) } });
    },
    rememberedWelcome: () => rememberedWelcome(localBoard(boardId), token),
    rememberTitle(title) {
      if (persistence === null || title === lastTitle) return;
      lastTitle = title;
      rememberLocalBoard(boardId, { title });
    },
    close() {
      if (closed) return;
      closed = true;
      events?.removeEventListener('unhandledrejection', onRejection);
      changes?.close();
      void persistence?.destroy().catch(() => undefined);
    },
  };

  const restore = async (): Promise<void> => {
    const opened = await openLocalCopy(boardId, doc);
    if (opened.persistence === null || closed) {
      logging = false;
      early.length = 0;
      events?.removeEventListener('unhandledrejection', onRejection);
      void opened.persistence?.destroy().catch(() => undefined);
      if (opened.persistence === null && !closed) {
        onProblem(isQuotaError(opened.error) ? 'quota' : 'failed');
      }
      return;
    }
    persistence = opened.persistence;
    // The record says "this browser has a copy of this board": an offline reload may open it.
    rememberLocalBoard(boardId, {});
    try {
      const log = await UnsavedLog.open(boardId);
      const adopted = await log.adopt();
      changes = new UnsavedChanges(log, onProblem);
      if (adopted.update) {
        // Usually already in the restored copy; applied anyway so that this page's sync step 2
        // surely carries what it adopts (another tab may have logged it after the copy was read).
        Y.applyUpdate(doc, adopted.update, ADOPT_ORIGIN);
        changes.adopted(adopted.keys, tracker.addRestored());
      }
      for (const { update, marker } of early.splice(0)) changes.changed(update, marker);
      for (const marker of confirmedEarly.splice(0)) changes.confirmed(marker);
      if (closed) changes.close();
    } catch (error) {
      logging = false;
      early.length = 0;
      onProblem(isQuotaError(error) ? 'quota' : 'failed');
      // Without the log nobody knows whether the restored copy holds unconfirmed work: assume it
      // does until the server confirms this page's sync.
      if (doc.store.clients.size > 0) tracker.addRestored();
    }
  };
  return Object.assign(session, { ready: restore().catch(() => undefined) });
}
