import {
  CloseCode,
  type ClusterView,
  type ContentLang,
  clustersMap,
  createUndoManager,
  decodeWelcome,
  guardedUndo,
  type InvalidEntry,
  lanesMap,
  MessageType,
  type MetaView,
  metaMap,
  type NoteView,
  notesMap,
  PARTICIPANT_KEY_PARAM,
  PUBLIC_PARAM,
  pajaClientParams,
  periodsMap,
  type RefusalReason,
  type RoadmapView,
  type Role,
  readClusterEntries,
  readMeta,
  readNotes,
  readRoadmap,
  SYNC_PATH,
  speaksVersions,
  TOKEN_PARAM,
} from '@paja/shared';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type LocalSession,
  type LocalSessionOptions,
  openLocalSession,
} from '../../offline/localSession';
import type { LocalStoreProblem } from '../../offline/unsavedChanges';
import { ContentReading } from '../language/ContentReading';
import { AttentionSlice } from './attention';
import { CommentClient } from './CommentClient';
import {
  type ConnectionState,
  isChangeRefused,
  isRefusal,
  nextConnectionState,
} from './connection';
import { ModerationClient } from './ModerationClient';
import { reuseUnchanged } from './noteViews';
import { PrivateBrainstorm, writeRevealedLate } from './PrivateBrainstorm';
import { reconnectDecision } from './reconnect';
import { SaveTracker } from './saveTracker';
import { Store } from './store';
import { SyncChannel } from './syncChannel';
import { VoteClient } from './VoteClient';

declare global {
  interface Window {
    /**
     * Debugging hook (also used by the browser tests): the open board's Y.Doc and provider.
     * Set while a board page is open, removed when it closes. Reading it changes nothing.
     */
    __paja?: { doc: Y.Doc; provider: SyncChannel['provider'] };
  }
}

/** Who the server knows this connection as (Paja's `welcome` message). */
export interface Welcome {
  participantId: string;
  role: Role;
}

export interface BoardAccess {
  /** The link's access token, if the link had one. */
  token: string | null;
  /** This browser's secret participant key; the server derives the public participant id. */
  participantKey: string;
  /**
   * Opened from the board's public address (no token): the server lets it read while the board
   * is published. Such a page keeps no copy of the board in the browser.
   */
  public?: boolean;
}

/** How the board's connection and storage stand. */
export interface SessionStatus {
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
  /**
   * Set with a refusal (4423) that came while the page was online and in sync: one live change
   * the board no longer allowed, not edits made offline meeting a changed board. The page can
   * then start again from the server's board and stay open (BoardScreen).
   */
  refusedLive: boolean;
}

/** Clusters without members: those come from the notes (withMembers). */
export type ClusterEntry = Omit<ClusterView, 'members'>;

/**
 * The document as plain data, re-read after every transaction that touches it. Each part keeps
 * its identity while unchanged (a note typed in does not re-read clusters or the roadmap, and
 * unchanged notes stay the same objects), so memoised components skip their work.
 */
export interface BoardSnapshot {
  /**
   * The language this person reads the content in (language/ContentReading.ts). Texts and
   * titles below are shown in it where translated; an item's `lang` is the language of the text
   * shown, so one that differs from this is untranslated.
   */
  lang: ContentLang;
  notes: NoteView[];
  meta: MetaView | null;
  invalid: InvalidEntry[];
  clusters: ClusterEntry[];
  roadmap: RoadmapView;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
}

export interface BoardSessionOptions {
  boardId: string;
  access: BoardAccess;
  /** The sync endpoint; by default this page's host. */
  url?: string;
  /** For tests in Node: a WebSocket class that talks to an in-memory server. */
  WebSocketPolyfill?: typeof WebSocket;
  /** Opens the board's copy in this browser; tests pass `() => null` (online only). */
  openLocal?: (options: LocalSessionOptions) => LocalSession | null;
}

/**
 * Typing within this many ms is one undo step (a word or a sentence, not a letter); any other
 * action is cut off from its neighbours with stopCapturing, so it is undone on its own.
 */
const TYPING_CAPTURE_MS = 800;

const INITIAL_STATUS: SessionStatus = {
  connection: 'connecting',
  closedWith: null,
  closeReason: '',
  synced: false,
  restored: false,
  welcome: null,
  localProblem: null,
  saved: true,
  refusedLive: false,
};

/** Stand-ins for the stores while no session is open (the first render of a page). */
export const CLOSED_STATUS = new Store<SessionStatus>(INITIAL_STATUS);
export const EMPTY_BOARD = new Store<BoardSnapshot>({
  lang: 'fi',
  notes: [],
  meta: null,
  invalid: [],
  clusters: [],
  roadmap: { lanes: [], periods: [] },
});

/**
 * One open board, for as long as its page shows it: the Y.Doc, its connection to the server
 * (syncChannel.ts), the save tracker, the copy kept in this browser, who the server says this
 * person is, the connection's state, this person's undo history, and the document read as
 * plain data. React reads its stores through useSyncExternalStore (store.ts); nothing else
 * holds the wiring. The document is the only truth: a change is a transaction on `doc` (through
 * `act`, which makes it one undo step), and comes back through `board`.
 *
 * Server messages of later features (a timer, votes) get a handler in the constructor and a
 * store of their own beside `status`, so that only what shows them re-renders.
 */
export class BoardSession {
  readonly boardId: string;
  /** The link's access token (for the HTTP API: exports), or null. */
  readonly token: string | null;
  readonly doc = new Y.Doc();
  readonly status = new Store<SessionStatus>(INITIAL_STATUS);
  readonly board: Store<BoardSnapshot>;
  readonly history = new Store<HistoryState>({ canUndo: false, canRedo: false });
  /** The facilitator's timer and follow-me (session/attention.ts). */
  readonly attention: AttentionSlice;
  /** Dot voting: sessions from the document, one's own dots from the server (VoteClient.ts). */
  readonly votes: VoteClient;
  /** The private brainstorm: an overlay of private notes that never enters `doc`. */
  readonly brainstorm: PrivateBrainstorm;
  /** The moderation queue (moderators), one's own pending comments, flags (ModerationClient.ts). */
  readonly moderation: ModerationClient;
  /** Comments, supports and the count of people (CommentClient.ts). */
  readonly comments: CommentClient;

  readonly #channel: SyncChannel;
  readonly #tracker: SaveTracker;
  readonly #local: LocalSession | null;
  readonly #undo: Y.UndoManager;
  readonly #cleanup: Array<() => void> = [];
  #notesById = new Map<string, NoteView>();
  readonly #reading = new ContentReading();
  #liveAtClose = false;
  #unsavedAtSync = false;
  #destroyed = false;

  constructor(options: BoardSessionOptions) {
    const { boardId, access } = options;
    this.boardId = boardId;
    this.token = access.token;
    const doc = this.doc;
    const params: Record<string, string> = {
      ...pajaClientParams(),
      [PARTICIPANT_KEY_PARAM]: access.participantKey,
    };
    if (access.token) params[TOKEN_PARAM] = access.token;
    else if (access.public) params[PUBLIC_PARAM] = '1';
    // The socket opens only after the local copy is restored (below), so the first sync step 2
    // already carries whatever was edited offline.
    this.#channel = new SyncChannel(doc, {
      url: options.url ?? syncOrigin(),
      boardId,
      params,
      reconnect: (code, attempt) => reconnectDecision(code, attempt),
      WebSocketPolyfill: options.WebSocketPolyfill,
    });
    const channel = this.#channel;
    // Nothing of this person shows until presence starts (BoardScreen), and not at all for a
    // reader or commenter: y-websocket would otherwise announce an empty state on connect.
    channel.awareness.setLocalState(null);
    this.attention = new AttentionSlice(channel);
    this.comments = new CommentClient(doc, channel);
    channel.handle(MessageType.welcome, (decoder) => {
      const decoded = decodeWelcome(decoder);
      if (!decoded.ok || !speaksVersions(decoded.value)) {
        // A server of another version: this page's code cannot read what it will say, nor
        // write what it expects. Stop before the sync; the local copy keeps unsaved work for
        // the reloaded page.
        channel.pause();
        this.status.patch({ closedWith: CloseCode.clientOutdated });
        return;
      }
      const welcome = { participantId: decoded.value.participantId, role: decoded.value.role };
      this.status.patch({ welcome });
      this.#local?.rememberWelcome(welcome);
    });

    this.votes = new VoteClient(doc, channel, MessageType.votes);
    this.brainstorm = new PrivateBrainstorm({
      boardId,
      channel,
      me: () => this.status.get().welcome?.participantId ?? null,
      reveal: (notes, hidden) => {
        const id = this.status.get().welcome?.participantId ?? '';
        this.act(() => writeRevealedLate(doc, notes, { id, hidden }));
      },
    });
    channel.handle(MessageType.privateNotes, (decoder) => this.brainstorm.receive(decoder));
    this.moderation = new ModerationClient(channel);
    this.#cleanup.push(
      channel.onStatus((status) => {
        if (status === 'disconnected') this.moderation.disconnected();
      }),
    );

    // The local copy is opened just below; the tracker asks it through `this.#local`.
    let local: LocalSession | null = null;
    this.#tracker = new SaveTracker(
      doc,
      channel,
      (saved) => {
        if (saved) this.#unsavedAtSync = false;
        this.status.patch({ saved });
      },
      {
        notLocal: (origin) => local?.isRestoreOrigin(origin) ?? false,
        listener: {
          changed: (update, marker) => local?.changed(update, marker),
          confirmed: (marker) => local?.confirmed(marker),
        },
      },
    );
    const open = access.public ? () => null : (options.openLocal ?? openLocalSession);
    const releaseSaved = this.#tracker.hold();
    local = open({
      boardId,
      token: access.token,
      doc,
      tracker: this.#tracker,
      onProblem: (localProblem) => this.status.patch({ localProblem }),
    });
    this.#local = local;
    const opened = local;
    void (opened?.ready ?? Promise.resolve()).then(() => {
      if (this.#destroyed) return;
      if (opened?.restored) {
        // An empty copy (a first visit) is nothing to show yet: wait for the server.
        if (doc.store.clients.size > 0) this.status.patch({ restored: true });
        const remembered = opened.rememberedWelcome();
        if (remembered && !this.status.get().welcome) this.status.patch({ welcome: remembered });
      }
      releaseSaved();
      channel.connect();
    });

    const connection = (event: Parameters<typeof nextConnectionState>[1]) =>
      this.status.patch({ connection: nextConnectionState(this.status.get().connection, event) });
    this.#cleanup.push(
      channel.onStatus((status) => connection({ type: 'status', status })),
      channel.onConnectionClose(() => {
        // Read before the provider resets it: was this socket open and in sync when it closed?
        this.#liveAtClose = channel.synced;
        connection({ type: 'closed' });
        this.comments.connectionLost();
      }),
      channel.onSync((synced) => {
        if (!synced) return;
        // Changes still unsaved when a connection syncs were made offline (or before a drop)
        // and have just gone out: a refusal now means this copy diverged from the board.
        this.#unsavedAtSync = !this.status.get().saved;
        this.status.patch({ synced: true });
        // After each (re)connect's sync: send the private notes the server has not confirmed.
        this.brainstorm.resend();
      }),
      channel.onClosed((code, reason) => {
        // A refused board is not kept up from the local copy: stop writing it; the error page
        // offers what it holds that the server never stored (offline/LocalCopyRescue.tsx).
        if (isRefusal(code)) this.#local?.close();
        const refusedLive = isChangeRefused(code) && this.#liveAtClose && !this.#unsavedAtSync;
        this.status.patch({ closeReason: reason, closedWith: code, refusedLive });
        connection({ type: 'closed' });
      }),
    );
    this.#watchNetwork(connection);

    this.board = new Store<BoardSnapshot>({
      lang: 'fi',
      notes: [],
      meta: null,
      invalid: [],
      clusters: readClusterEntries(doc),
      roadmap: readRoadmap(doc),
    });
    this.#readNotes();
    // observeDeep fires once per transaction, also for typing inside a note's Y.Text.
    const readNotes = () => this.#readNotes();
    const readClusters = () =>
      this.board.patch({ clusters: this.#reading.titled(readClusterEntries(doc)) });
    const readAxes = () => this.board.patch({ roadmap: this.#reading.roadmap(readRoadmap(doc)) });
    const observe = (type: DeepObservable, read: () => void) => {
      type.observeDeep(read);
      this.#cleanup.push(() => type.unobserveDeep(read));
    };
    observe(notesMap(doc), readNotes);
    observe(metaMap(doc), readNotes);
    observe(clustersMap(doc), readClusters);
    observe(lanesMap(doc), readAxes);
    observe(periodsMap(doc), readAxes);

    this.#undo = createUndoManager(doc, { captureTimeout: TYPING_CAPTURE_MS });
    const history = () =>
      this.history.patch({ canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
    this.#undo.on('stack-item-added', history);
    this.#undo.on('stack-item-popped', history);
    this.#undo.on('stack-cleared', history);

    if (typeof window !== 'undefined') {
      const hook = { doc, provider: channel.provider };
      window.__paja = hook;
      this.#cleanup.push(() => {
        if (window.__paja === hook) delete window.__paja;
      });
    }
  }

  /** The connection to the server (a full board's page retries through it). */
  get channel(): SyncChannel {
    return this.#channel;
  }

  /** Presence (cursors, names, selections) travels here, never in the document. */
  get awareness(): Awareness {
    return this.#channel.awareness;
  }

  /** The role the server gave this link, or null while unknown (treated as an editor). */
  get role(): Role | null {
    return this.status.get().welcome?.role ?? null;
  }

  /** Runs a board change as its own undo step, never merged with typing before or after. */
  act(change: () => void): void {
    this.#undo.stopCapturing();
    try {
      change();
    } finally {
      this.#undo.stopCapturing();
    }
  }

  /**
   * Undoes my last step, unless the board no longer allows it (a lock or a phase set since, or
   * bringing back another person's note): then the step is dropped without touching the
   * document (shared's undoGuard rehearses it against the server's edit guard) and the reason
   * comes back, so the page can say why instead of being refused by the server.
   */
  undo(): RefusalReason | null {
    return this.#step('undo');
  }

  redo(): RefusalReason | null {
    return this.#step('redo');
  }

  #step(direction: 'undo' | 'redo'): RefusalReason | null {
    this.#undo.stopCapturing();
    const welcome = this.status.get().welcome;
    // Without the server's welcome (a stock server) nobody is refused: just undo.
    const editor = welcome ?? { role: 'facilitator' as const, participantId: '' };
    const outcome = guardedUndo(this.doc, this.#undo, direction, editor);
    if (outcome.refusal) {
      // The dropped step left the stack without an event: refresh what the toolbar shows.
      this.history.patch({ canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
    }
    return outcome.refusal?.reason ?? null;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#local?.close();
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
    this.attention.destroy();
    this.votes.destroy();
    this.moderation.destroy();
    this.comments.destroy();
    this.#undo.destroy();
    this.#tracker.destroy();
    this.brainstorm.destroy();
    this.#channel.destroy();
    this.doc.destroy();
  }

  /** Shows the content in `lang` if the board has it (else in its main language). */
  setPreferredLang(lang: ContentLang): void {
    if (this.#reading.prefer(lang)) this.#readNotes(true);
  }

  /** The notes and meta; everything when the language shown changed (or `all`). */
  #readNotes(all = false): void {
    const invalid: InvalidEntry[] = [];
    const meta = readMeta(this.doc, invalid);
    const again = this.#reading.follow(meta) || all;
    const notes = reuseUnchanged(
      this.#notesById,
      this.#reading.notes(readNotes(this.doc, invalid)),
    );
    this.#notesById = new Map(notes.map((note) => [note.id, note]));
    this.#local?.rememberTitle(meta.title);
    const old = this.board.get().invalid;
    this.board.patch({
      lang: this.#reading.lang,
      notes,
      meta,
      invalid: old.length === 0 && invalid.length === 0 ? old : invalid,
    });
    if (again) {
      this.board.patch({
        clusters: this.#reading.titled(readClusterEntries(this.doc)),
        roadmap: this.#reading.roadmap(readRoadmap(this.doc)),
      });
    }
  }

  /**
   * When the network goes, an open socket is usually dead without knowing it (no FIN ever
   * arrives; y-websocket's watchdog notices only after 30 s), and what is sent on it is lost.
   * Drop it at once: the provider then retries with backoff, and the save tracker asks the
   * server again after the resync. When the network returns, retry at once, not after the
   * backoff.
   */
  #watchNetwork(connection: (event: { type: 'browser-offline' }) => void): void {
    if (typeof window === 'undefined') return;
    const channel = this.#channel;
    const onOffline = () => {
      connection({ type: 'browser-offline' });
      if (channel.hasSocket) channel.reconnectNow();
    };
    const onOnline = () => {
      if (!channel.connected) channel.reconnectNow();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    this.#cleanup.push(() => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    });
  }
}

/** A shared type whose changes, nested ones included, can be observed (a top-level Y.Map). */
interface DeepObservable {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

function syncOrigin(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${SYNC_PATH}`;
}
