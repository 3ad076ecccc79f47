import {
  currentVoteSession,
  decodeVoteMessage,
  encodeVoteMessage,
  notesMap,
  readVoteSessions,
  type VoteRefusal,
  type VoteRequest,
  type VoteSessionView,
  type VoteSetup,
  type VoteStatus,
  voteSessionsMap,
} from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { Store } from './store';

/** What a vote request may be refused with: the server's reasons, or no connection. */
export type VoteProblem = VoteRefusal | 'offline';

export interface VoteState {
  /** Every session in the document, in creation order (results of past ones included). */
  sessions: VoteSessionView[];
  /** The session running now (open, or ended and waiting for its reveal), if any. */
  current: VoteSessionView | null;
  /** The server's last word on what this person may see of a session (see runningStatus). */
  status: VoteStatus | null;
  /** `performance.now()` when voting ends by the server's clock, or null when it ends by hand. */
  deadline: number | null;
  /** The last refusal, to show once; `seq` tells two equal refusals apart. */
  refusal: { problem: VoteProblem; seq: number } | null;
}

/** The channel as the votes need it (session/syncChannel.ts). */
export interface VoteChannel {
  handle(type: number, handler: (decoder: decoding.Decoder) => void): void;
  send(message: Uint8Array<ArrayBuffer>): boolean;
}

type Request = VoteRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'request'>
    : never
  : never;

/**
 * The votes slice of a board session. The session's setup and its results come from the
 * document (everyone sees them); the running session's own dots, dots left and (for a
 * facilitator) the progress come only in the server's `status` messages, because the dots are
 * a secret the server holds until the reveal. Every change is a request the server judges; the
 * client disables what the rules refuse (shared's voteRules) but never decides.
 */
export class VoteClient {
  readonly state: Store<VoteState>;
  readonly #doc: Y.Doc;
  readonly #channel: VoteChannel;
  #next = 1;
  #seq = 0;
  readonly #cleanup: Array<() => void> = [];

  constructor(doc: Y.Doc, channel: VoteChannel, type: number) {
    this.#doc = doc;
    this.#channel = channel;
    this.state = new Store<VoteState>({
      sessions: [],
      current: null,
      status: null,
      deadline: null,
      refusal: null,
    });
    this.#readSessions();
    channel.handle(type, (decoder) => this.#receive(decoder));
    const read = () => this.#readSessions();
    voteSessionsMap(doc).observeDeep(read);
    // Candidates that are deleted leave the ranking: re-read when notes come and go.
    const notes = notesMap(doc);
    const keys = (event: Y.YMapEvent<Y.Map<unknown>>) => {
      if ([...event.changes.keys.values()].some((c) => c.action !== 'update')) read();
    };
    notes.observe(keys);
    this.#cleanup.push(
      () => voteSessionsMap(doc).unobserveDeep(read),
      () => notes.unobserve(keys),
    );
  }

  start(setup: VoteSetup): void {
    this.#send({ kind: 'start', ...setup });
  }

  cast(note: string, name: string): void {
    const session = this.state.get().current;
    if (session) this.#send({ kind: 'cast', session: session.id, note, name });
  }

  retract(note: string): void {
    const session = this.state.get().current;
    if (session) this.#send({ kind: 'retract', session: session.id, note });
  }

  /** end, reveal, discard, admit: the facilitator's steps on the running session. */
  step(kind: 'end' | 'reveal' | 'discard' | 'admit'): void {
    const session = this.state.get().current;
    if (session) this.#send({ kind, session: session.id });
  }

  watch(counts: boolean): void {
    const session = this.state.get().current;
    if (session) this.#send({ kind: 'watch', session: session.id, counts });
  }

  destroy(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
  }

  #send(request: Request): void {
    const message = encodeVoteMessage({ ...request, request: this.#next++ } as VoteRequest);
    if (!this.#channel.send(message)) this.#refused('offline');
  }

  #refused(problem: VoteProblem): void {
    this.state.patch({ refusal: { problem, seq: ++this.#seq } });
  }

  #receive(decoder: decoding.Decoder): void {
    const decoded = decodeVoteMessage(decoder);
    if (!decoded.ok) return; // a newer server's message this build cannot read: ignore it
    const message = decoded.value;
    if (message.kind === 'answer') {
      if (!message.ok) this.#refused(message.error);
      return;
    }
    if (message.kind !== 'status') return;
    const { kind: _kind, ...status } = message;
    this.state.patch({
      status,
      deadline: status.remainingMs === null ? null : performance.now() + status.remainingMs,
    });
  }

  #readSessions(): void {
    const sessions = readVoteSessions(this.#doc);
    this.state.patch({ sessions, current: currentVoteSession(sessions) ?? null });
  }
}

/**
 * The status of the running session. A status may arrive before the document that holds its
 * session (it is sent on joining, beside the sync), and says nothing once that session is
 * revealed or gone: so it is matched here, not dropped when it arrives.
 */
export function runningStatus(state: VoteState): VoteStatus | null {
  return state.status && state.current?.id === state.status.session ? state.status : null;
}
