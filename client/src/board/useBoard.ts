import {
  CloseCode,
  type InvalidEntry,
  isRole,
  MessageType,
  type MetaView,
  metaMap,
  type NoteView,
  notesMap,
  PAJA_CLIENT_PARAM,
  PARTICIPANT_KEY_PARAM,
  type Role,
  readMeta,
  readNotes,
  SYNC_PATH,
  TOKEN_PARAM,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionEvent, type ConnectionState, nextConnectionState } from './connection';
import { reuseUnchanged } from './noteViews';
import { sendOnlyOwnAwareness } from './ownAwareness';
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
  /** Set when the server refused the board for good (for example 4404: it does not exist). */
  closedWith: number | null;
  /** True once the first full sync with the server finished. */
  synced: boolean;
  welcome: Welcome | null;
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
  const [synced, setSynced] = useState(false);
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  const [saved, setSaved] = useState(true);
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [meta, setMeta] = useState<MetaView | null>(null);
  const [invalid, setInvalid] = useState<InvalidEntry[]>([]);
  const { token, participantKey } = access;

  useEffect(() => {
    const doc = new Y.Doc();
    const params: Record<string, string> = {
      [PAJA_CLIENT_PARAM]: '1',
      [PARTICIPANT_KEY_PARAM]: participantKey,
    };
    if (token) params[TOKEN_PARAM] = token;
    // BroadcastChannel sync is off: two tabs must not look in sync while the server has
    // neither, or "online" would hide lost work.
    const provider = new WebsocketProvider(syncOrigin(), boardId, doc, {
      disableBc: true,
      params,
      shouldReconnect: (event) => !isPermanentClose(event.code),
    });
    const restoreAwareness = sendOnlyOwnAwareness(provider);
    provider.messageHandlers[MessageType.welcome] = (_encoder, decoder) => {
      const parsed = parseWelcome(decoding.readVarString(decoder));
      if (parsed) setWelcome(parsed);
    };
    const saveTracker = new SaveTracker(doc, provider, setSaved);
    const update = (event: ConnectionEvent) => setConnection((c) => nextConnectionState(c, event));

    provider.on('status', ({ status }) => update({ type: 'status', status }));
    provider.on('connection-close', () => update({ type: 'closed' }));
    provider.on('sync', (isSynced) => {
      if (isSynced) setSynced(true);
    });
    provider.on('closed', ({ code }) => {
      setClosedWith(code);
      update({ type: 'closed' });
    });
    const onOffline = () => update({ type: 'browser-offline' });
    window.addEventListener('offline', onOffline);

    let byId = new Map<string, NoteView>();
    const readAll = () => {
      const found: InvalidEntry[] = [];
      const next = reuseUnchanged(byId, readNotes(doc, found));
      byId = new Map(next.map((note) => [note.id, note]));
      setNotes(next);
      setMeta(readMeta(doc, found));
      setInvalid((old) => (old.length === 0 && found.length === 0 ? old : found));
    };
    // observeDeep fires once per transaction, also for typing inside a note's Y.Text.
    notesMap(doc).observeDeep(readAll);
    metaMap(doc).observeDeep(readAll);
    readAll();

    setSession({ doc, provider });
    window.__paja = { doc, provider };
    return () => {
      window.removeEventListener('offline', onOffline);
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
      setWelcome(null);
      setSaved(true);
    };
  }, [boardId, token, participantKey]);

  return { session, connection, closedWith, synced, welcome, saved, notes, meta, invalid };
}

function parseWelcome(json: string): Welcome | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return null;
    const { participantId, role } = value as Record<string, unknown>;
    if (typeof participantId !== 'string' || participantId === '' || !isRole(role)) return null;
    return { participantId, role };
  } catch {
    return null;
  }
}

/**
 * Closes after which reconnecting would only repeat the refusal: a malformed or too large
 * message, no access, no board, an identity the server refused. Others (server restart,
 * board full, rate limit, storage trouble) are retried with y-websocket's backoff.
 */
const PERMANENT_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.messageTooLarge,
  CloseCode.malformed,
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.boardNotFound,
  CloseCode.boardTooLarge,
  CloseCode.badAwareness,
]);

export function isPermanentClose(code: number): boolean {
  return PERMANENT_CLOSES.has(code);
}

export function isBoardMissing(code: number | null): boolean {
  return code === CloseCode.boardNotFound;
}

export function isAccessDenied(code: number | null): boolean {
  return code === CloseCode.unauthorized || code === CloseCode.forbidden;
}
