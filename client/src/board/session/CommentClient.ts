import {
  type CommentActionKind,
  type CommentAnchor,
  type CommentRefusal,
  type CommentResult,
  type CommentView,
  can,
  clustersMap,
  commentRefusalOf,
  commentsMap,
  decodeCommentResult,
  decodeReaderCount,
  encodeComment,
  encodeCommentAction,
  lanesMap,
  MessageType,
  type ModerationRefusal,
  mayParticipant,
  metaMap,
  moderationRefusalOf,
  notesMap,
  type PhaseSettings,
  type Publication,
  periodsMap,
  type Role,
  readComments,
  readPublication,
  readSupports,
  type SupportTally,
  type SupportTarget,
  supportsMap,
} from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { Store } from './store';

/**
 * Why a comment request did not go through: the server's reason (the comment rules', or
 * moderation's abuse controls'), no connection, or other.
 */
export type CommentProblem = CommentRefusal | 'blocked' | 'duplicate' | 'offline' | 'other';

/** Moderation's refusals of a comment, as the comment form says them. */
const MODERATION_PROBLEMS: Partial<Record<ModerationRefusal, CommentProblem>> = {
  blocked: 'blocked',
  duplicate: 'duplicate',
  tooLong: 'tooLong',
  tooFast: 'tooFast',
  notFound: 'itemGone',
};

function problemOf(error: string): CommentProblem {
  const moderation = moderationRefusalOf(error);
  return commentRefusalOf(error) ?? (moderation && MODERATION_PROBLEMS[moderation]) ?? 'other';
}

/** `pending`: the comment waits for a moderator (only its author sees it until approved). */
export type CommentOutcome =
  | { ok: true; id: string; pending: boolean }
  | { ok: false; problem: CommentProblem };

export interface CommentState {
  /** Every readable comment, in creation order, with its status (see shared's readComments). */
  comments: CommentView[];
  /** Who supports which note or comment. */
  supports: SupportTally;
  /** How many people are on the board (the server's reader count), null until it says. */
  people: number | null;
  /** The board's publication (whether the public may comment), null when not published. */
  publication: Publication | null;
}

/** The channel as the comments need it (session/syncChannel.ts). */
export interface CommentChannel {
  handle(type: number, handler: (decoder: decoding.Decoder) => void): void;
  send(message: Uint8Array<ArrayBuffer>): boolean;
}

/**
 * The comments slice of a board session. Comments and supports are in the document (everyone
 * sees the same); writing them is always a request the server judges and applies itself
 * (`comment`, `commentAction`), answered by `commentResult`. Each request returns a promise of
 * its outcome, so the form that sent it can keep the text on a refusal and say why in the
 * person's language. The reader count arrives here too.
 */
export class CommentClient {
  readonly state: Store<CommentState>;
  readonly #doc: Y.Doc;
  readonly #channel: CommentChannel;
  readonly #waiting = new Map<number, (outcome: CommentOutcome) => void>();
  readonly #cleanup: Array<() => void> = [];
  #next = 1;

  constructor(doc: Y.Doc, channel: CommentChannel) {
    this.#doc = doc;
    this.#channel = channel;
    this.state = new Store<CommentState>({
      comments: readComments(doc),
      supports: readSupports(doc),
      people: null,
      publication: readPublication(doc),
    });
    channel.handle(MessageType.commentResult, (decoder) => {
      const result = decodeCommentResult(decoder);
      if (result.ok) this.#answer(result.value);
    });
    channel.handle(MessageType.readerCount, (decoder) => {
      const count = decodeReaderCount(decoder);
      if (count.ok) this.state.patch({ people: count.value });
    });
    const onComments = () => this.state.patch({ comments: readComments(this.#doc) });
    const onSupports = () => this.state.patch({ supports: readSupports(this.#doc) });
    const onMeta = () => {
      const publication = readPublication(this.#doc);
      const old = this.state.get().publication;
      if (JSON.stringify(old) !== JSON.stringify(publication)) this.state.patch({ publication });
    };
    commentsMap(doc).observeDeep(onComments);
    supportsMap(doc).observe(onSupports);
    metaMap(doc).observe(onMeta);
    this.#cleanup.push(
      () => commentsMap(doc).unobserveDeep(onComments),
      () => supportsMap(doc).unobserve(onSupports),
      () => metaMap(doc).unobserve(onMeta),
    );
    // A comment whose note, topic or cell is deleted reads as orphaned: re-read when items come
    // and go (a shallow observer: edits inside a note do not fire it).
    for (const map of [notesMap(doc), clustersMap(doc), lanesMap(doc), periodsMap(doc)]) {
      map.observe(onComments);
      this.#cleanup.push(() => map.unobserve(onComments));
    }
  }

  /**
   * Starts a thread on `anchor`. `website` is the form's honeypot: people leave it empty; what a
   * form-filling bot wrote there goes to the server, which then drops the comment silently.
   */
  comment(
    anchor: CommentAnchor,
    text: string,
    authorName: string,
    website = '',
  ): Promise<CommentOutcome> {
    return this.#request((request) =>
      encodeComment({ request, text, authorName, anchor, website }),
    );
  }

  reply(to: string, text: string, authorName: string, website = ''): Promise<CommentOutcome> {
    return this.#request((request) =>
      encodeComment({ request, text, authorName, replyTo: to, website }),
    );
  }

  /** Supports `target` (on) or takes the support back (off). */
  support(target: SupportTarget, on: boolean): Promise<CommentOutcome> {
    return this.#act(on ? 'support' : 'unsupport', target);
  }

  /** Resolves (on) or reopens (off) the thread of comment `id` (facilitators). */
  resolve(id: string, on: boolean): Promise<CommentOutcome> {
    return this.#act(on ? 'resolve' : 'reopen', { kind: 'comment', id });
  }

  /** The socket closed: requests on it will never be answered (nor, maybe, applied). */
  connectionLost(): void {
    for (const resolve of this.#waiting.values()) resolve({ ok: false, problem: 'offline' });
    this.#waiting.clear();
  }

  destroy(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
    this.connectionLost();
  }

  #act(action: CommentActionKind, target: SupportTarget): Promise<CommentOutcome> {
    return this.#request((request) => encodeCommentAction({ request, action, target }));
  }

  #request(encode: (request: number) => Uint8Array<ArrayBuffer>): Promise<CommentOutcome> {
    const request = this.#next++;
    if (!this.#channel.send(encode(request))) {
      return Promise.resolve({ ok: false, problem: 'offline' });
    }
    return new Promise((resolve) => this.#waiting.set(request, resolve));
  }

  #answer(result: CommentResult): void {
    const resolve = this.#waiting.get(result.request);
    if (!resolve) return;
    this.#waiting.delete(result.request);
    if (result.ok) resolve({ ok: true, id: result.id, pending: result.pending === true });
    else resolve({ ok: false, problem: problemOf(result.error) });
  }
}

/**
 * Whether this person may comment, reply and support now, as the server will judge it
 * (server/src/commentActions.ts): facilitators always; the public while the publication
 * allows comments; others while the phase's comment setting is on; viewers never. The client
 * only hides: the server decides.
 */
export function mayCommentNow(
  role: Role | null,
  publicReader: boolean,
  phase: PhaseSettings | null,
  publication: Publication | null,
): boolean {
  if (role === 'facilitator') return true;
  if (role !== null && !can(role, 'comment')) return false;
  if (publicReader) return publication?.comments === true;
  return phase === null || mayParticipant('comment', { phase }).allowed;
}
