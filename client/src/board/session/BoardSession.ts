import {
  CloseCode,
  type ContentLang,
  decodeWelcome,
  MessageType,
  PARTICIPANT_KEY_PARAM,
  PUBLIC_PARAM,
  pajaClientParams,
  type RefusalReason,
  type Role,
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
import { AttentionSlice } from './attention';
import { CommentClient } from './CommentClient';
import {
  type ConnectionState,
  isChangeRefused,
  isRefusal,
  nextConnectionState,
} from './connection';
import { type BoardSnapshot, DocumentReader, NO_BOARD } from './documentReader';
import { ModerationClient } from './ModerationClient';
import { watchNetwork } from './networkWatch';
import { PrivateBrainstorm } from './PrivateBrainstorm';
import { writeRevealedLate } from './privateNoteWrites';
import { reconnectDecision } from './reconnect';
import { SaveTracker } from './saveTracker';
import { Store } from './store';
import { SyncChannel } from './syncChannel';
import { type HistoryState, UndoHistory } from './UndoHistory';
import { VoteClient } from './VoteClient';

export type { BoardSnapshot, ClusterEntry } from './documentReader';
export type { HistoryState } from './UndoHistory';

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
export const EMPTY_BOARD = new Store<BoardSnapshot>(NO_BOARD);

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
  /** The document read as plain data (documentReader.ts). */
  readonly board: Store<BoardSnapshot>;
  /** Whether there is something to undo or redo (UndoHistory.ts). */
  readonly history: Store<HistoryState>;
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
  readonly #reader: DocumentReader;
  readonly #undo: UndoHistory;
  readonly #cleanup: Array<() => void> = [];
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
    this.#cleanup.push(watchNetwork(channel, () => connection({ type: 'browser-offline' })));

    this.#reader = new DocumentReader(doc, (title) => this.#local?.rememberTitle(title));
    this.board = this.#reader.board;
    this.#undo = new UndoHistory(doc, () => this.status.get().welcome);
    this.history = this.#undo.state;

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
    this.#undo.act(change);
  }

  /**
   * Undoes my last step, unless the board no longer allows it (a lock or a phase set since, or
   * bringing back another person's note): then the step is dropped without touching the
   * document (shared's undoGuard rehearses it against the server's edit guard) and the reason
   * comes back, so the page can say why instead of being refused by the server.
   */
  undo(): RefusalReason | null {
    return this.#undo.step('undo');
  }

  redo(): RefusalReason | null {
    return this.#undo.step('redo');
  }

  /** Shows the content in `lang` if the board has it (else in its main language). */
  setPreferredLang(lang: ContentLang): void {
    this.#reader.setPreferredLang(lang);
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
    this.#reader.destroy();
    this.#tracker.destroy();
    this.brainstorm.destroy();
    this.#channel.destroy();
    this.doc.destroy();
  }
}

function syncOrigin(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${SYNC_PATH}`;
}
