import {
  CloseCode,
  decodeWelcome,
  type InvalidEntry,
  MessageType,
  type MetaView,
  metaMap,
  type NoteView,
  notesMap,
  PARTICIPANT_KEY_PARAM,
  pajaClientParams,
  type Role,
  readMeta,
  readNotes,
  SYNC_PATH,
  speaksVersions,
  TOKEN_PARAM,
} from '@paja/shared';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type LocalSession, openLocalSession } from '../offline/localSession';
import type { LocalStoreProblem } from '../offline/unsavedChanges';
import { type ConnectionEvent, type ConnectionState, nextConnectionState } from './connection';
import { reuseUnchanged } from './noteViews';
import { sendOnlyOwnAwareness } from './ownAwareness';
import { shouldReconnect } from './reconnect';
import { SaveTracker } from './saveTracker';

declare global {
  interface Window {
    /**
     * Debugging hook (also used by the browser tests): the open board's Y.Doc and provider.
     * Set while a board page is open, removed when it closes. Reading it changes nothing.
     */
    __paja?: { doc: Y.Doc; provider: WebsocketProvider };
  }
}

export interface BoardSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** Who the server knows this connection as (Paja's `welcome` message). */
export interface Welcome {
  participantId: string;
  role: Role;
}

export interface BoardState {
  session: BoardSession | null;
  connection: ConnectionState;
  /**
   * Set when the server refused the board for good (for example 4404: it does not exist), or
   * to 4426 (client outdated) when its `welcome` names versions this build does not speak.
   */
  closedWith: number | null;
  /** The server's reason for that close, when it gave one (e.g. "the note is locked"). */
  closeReason: string;
  /** True once the first full sync with the server finished. */
  synced: boolean;
  /** True once the board's local copy (IndexedDB) was restored into the document. */
  restored: boolean;
  /**
   * Who the server says this person is. Until its `welcome` arrives, the one it gave last time
   * for the same link (remembered with the local copy), so an offline page can be used.
   */
  welcome: Welcome | null;
  /** Set when the local copy cannot be written: the board still works online. */
  localProblem: LocalStoreProblem | null;
  /** True when the server has confirmed that every change made here is stored. */
  saved: boolean;
  notes: NoteView[];
  meta: MetaView | null;
  invalid: InvalidEntry[];
}

export interface BoardAccess {
  /** The link's access token, if the link had one. */
  token: string | null;
  /** This browser's secret participant key; the server derives the public participant id. */
  participantKey: string;
}

function syncOrigin(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${SYNC_PATH}`;
}

/**
 * Opens one board: a Y.Doc synced by y-websocket, and a plain-data view of it that React
 * renders. The document is the only truth; this hook never writes to it.
 */
export function useBoard(boardId: string, access: BoardAccess): BoardState {
  const [session, setSession] = useState<BoardSession | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [closedWith, setClosedWith] = useState<number | null>(null);
  const [closeReason, setCloseReason] = useState('');
  const [synced, setSynced] = useState(false);
  const [restored, setRestored] = useState(false);
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  const [localProblem, setLocalProblem] = useState<LocalStoreProblem | null>(null);
  const [saved, setSaved] = useState(true);
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [meta, setMeta] = useState<MetaView | null>(null);
  const [invalid, setInvalid] = useState<InvalidEntry[]>([]);
  const { token, participantKey } = access;

  useEffect(() => {
    const doc = new Y.Doc();
    const params: Record<string, string> = {
      ...pajaClientParams(),
      [PARTICIPANT_KEY_PARAM]: participantKey,
    };
    if (token) params[TOKEN_PARAM] = token;
    // BroadcastChannel sync is off: two tabs must not look in sync while the server has
    // neither, or "online" would hide lost work.
    // The socket opens only after the local copy is restored (below), so the first sync step 2
    // already carries whatever was edited offline.
    const provider = new WebsocketProvider(syncOrigin(), boardId, doc, {
      connect: false,
      disableBc: true,
      params,
      shouldReconnect,
    });
    const restoreAwareness = sendOnlyOwnAwareness(provider);
    // Opened just below, once the tracker it reports to exists.
    let local: LocalSession | null = null;
    provider.messageHandlers[MessageType.welcome] = (_encoder, decoder) => {
      const decoded = decodeWelcome(decoder);
      if (!decoded.ok || !speaksVersions(decoded.value)) {
        // A server of another version: this page's code cannot read what it will say, nor
        // write what it expects. Stop before the sync; the local copy keeps unsaved work for
        // the reloaded page.
        provider.disconnect();
        setClosedWith(CloseCode.clientOutdated);
        return;
      }
      const { participantId, role } = decoded.value;
      setWelcome({ participantId, role });
      local?.rememberWelcome({ participantId, role });
    };
    const saveTracker = new SaveTracker(doc, provider, setSaved, {
      notLocal: (origin) => local?.isRestoreOrigin(origin) ?? false,
      listener: {
        changed: (update, marker) => local?.changed(update, marker),
        confirmed: (marker) => local?.confirmed(marker),
      },
    });
    let destroyed = false;
    const releaseSaved = saveTracker.hold();
    const opened = openLocalSession({
      boardId,
      token,
      doc,
      tracker: saveTracker,
      onProblem: setLocalProblem,
    });
    local = opened;
    void opened.ready.then(() => {
      if (destroyed) return;
      if (opened.restored) {
        // An empty copy (a first visit) is nothing to show yet: wait for the server.
        if (doc.store.clients.size > 0) setRestored(true);
        const remembered = opened.rememberedWelcome();
        if (remembered) setWelcome((live) => live ?? remembered);
      }
      releaseSaved();
      provider.connect();
    });
    const update = (event: ConnectionEvent) => setConnection((c) => nextConnectionState(c, event));

    provider.on('status', ({ status }) => update({ type: 'status', status }));
    provider.on('connection-close', () => update({ type: 'closed' }));
    provider.on('sync', (isSynced) => {
      if (isSynced) setSynced(true);
    });
    provider.on('closed', ({ code, reason }) => {
      setCloseReason(reason);
      // A refused board is not kept up from the local copy: stop writing it; the error page
      // offers what it holds that the server never stored (offline/LocalCopyRescue.tsx).
      if (isRefusal(code)) local?.close();
      setClosedWith(code);
      update({ type: 'closed' });
    });
    // When the network goes, an open socket is usually dead without knowing it (no FIN ever
    // arrives; y-websocket's watchdog notices only after 30 s), and what is sent on it is lost.
    // Drop it at once: the provider then retries with backoff, and the save tracker asks the
    // server again after the resync. When the network returns, retry at once, not after the
    // backoff.
    const reconnectNow = () => {
      if (!provider.shouldConnect) return; // refused for good, or closing
      provider.disconnect();
      provider.connect();
    };
    const onOffline = () => {
      update({ type: 'browser-offline' });
      if (provider.ws) reconnectNow();
    };
    const onOnline = () => {
      if (!provider.wsconnected) reconnectNow();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);

    let byId = new Map<string, NoteView>();
    const readAll = () => {
      const found: InvalidEntry[] = [];
      const next = reuseUnchanged(byId, readNotes(doc, found));
      byId = new Map(next.map((note) => [note.id, note]));
      setNotes(next);
      const nextMeta = readMeta(doc, found);
      setMeta(nextMeta);
      local?.rememberTitle(nextMeta.title);
      setInvalid((old) => (old.length === 0 && found.length === 0 ? old : found));
    };
    // observeDeep fires once per transaction, also for typing inside a note's Y.Text.
    notesMap(doc).observeDeep(readAll);
    metaMap(doc).observeDeep(readAll);
    readAll();

    setSession({ doc, provider });
    window.__paja = { doc, provider };
    return () => {
      destroyed = true;
      local?.close();
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      notesMap(doc).unobserveDeep(readAll);
      metaMap(doc).unobserveDeep(readAll);
      if (window.__paja?.doc === doc) delete window.__paja;
      restoreAwareness();
      saveTracker.destroy();
      provider.destroy();
      doc.destroy();
      setSession(null);
      setConnection('connecting');
      setClosedWith(null);
      setSynced(false);
      setRestored(false);
      setWelcome(null);
      setLocalProblem(null);
      setSaved(true);
    };
  }, [boardId, token, participantKey]);

  return {
    session,
    connection,
    closedWith,
    closeReason,
    synced,
    restored,
    welcome,
    localProblem,
    saved,
    notes,
    meta,
    invalid,
  };
}

export function isBoardMissing(code: number | null): boolean {
  return code === CloseCode.boardNotFound;
}

export function isAccessDenied(code: number | null): boolean {
  return code === CloseCode.unauthorized || code === CloseCode.forbidden;
}

/** The server refused this board to this link: it does not exist, or the link does not open it. */
export function isRefusal(code: number | null): boolean {
  return isBoardMissing(code) || isAccessDenied(code) || isChangeRefused(code);
}

/**
 * The server refused one change (a note locked a moment before, a phase just closed): this
 * browser's copy now holds something the board will never take, so it must start again from the
 * server's copy.
 */
export function isChangeRefused(code: number | null): boolean {
  return code === CloseCode.changeRefused;
}
