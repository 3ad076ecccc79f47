import {
  type CommentRequest,
  type CommentResult,
  decodeCommentResult,
  decodeFollow,
  decodeModeration,
  decodePrivateNotes,
  decodeReaderCount,
  decodeTimerMessage,
  decodeVoteMessage,
  encodeComment,
  encodeFollow,
  encodeModerationRequest,
  encodePrivateNotes,
  encodeSyncUpdate,
  encodeTimerControl,
  encodeVoteMessage,
  type FollowMessage,
  type HeldContent,
  MessageType,
  type ModerationQueue,
  type ModerationResult,
  type NamedRequest,
  openFrame,
  PARTICIPANT_KEY_PARAM,
  type PrivateNotesMessage,
  type PrivateNotesRequest,
  pajaClientParams,
  type TimerControl,
  type TimerMessageState,
  type VoteMessage,
  type VoteRequest,
  type VoteStatus,
} from '@paja/shared';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { waitFor } from './harness';

const REMOTE = Symbol('from the server');
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type VoteAnswer = Extract<VoteMessage, { kind: 'answer' }>;
type NotesAnswer = Extract<PrivateNotesMessage, { kind: 'answer' }>;

/**
 * One person on a board as a raw Paja socket, speaking every message family a workshop uses
 * (sync, votes, private notes, comments, moderation, timer, follow-me) and keeping every frame
 * the server sent it, so that a test can search the very bytes for a secret. It sends whatever
 * the test tells it to, as a hostile client would.
 */
export async function peer(wsUrl: string, boardId: string, token: string, key: string) {
  const params = new URLSearchParams({
    token,
    [PARTICIPANT_KEY_PARAM]: key,
    ...pajaClientParams(),
  });
  const ws = new WebSocket(`${wsUrl}/${boardId}?${params}`);
  ws.binaryType = 'nodebuffer';
  const doc = new Y.Doc();
  const frames: Buffer[] = [];
  const heard = {
    votes: [] as VoteMessage[],
    notes: [] as PrivateNotesMessage[],
    comments: [] as CommentResult[],
    moderation: [] as ModerationResult[],
    queues: [] as ModerationQueue[],
    own: [] as HeldContent[][],
    timers: [] as TimerMessageState[],
    follows: [] as FollowMessage[],
    /** The count of people on the board (message 111), as it came. */
    people: [] as number[],
  };
  let synced = false;
  let closeCode: number | null = null;
  ws.on('message', (data: Buffer) => {
    frames.push(Buffer.from(data));
    const opened = openFrame(new Uint8Array(data));
    if (!opened.ok) return;
    const { type, decoder } = opened.value;
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, REMOTE);
      if (step === syncProtocol.messageYjsSyncStep2) synced = true;
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
      return;
    }
    const read = <T>(result: { ok: true; value: T } | { ok: false; error: { reason: string } }) => {
      if (!result.ok) throw new Error(`bad message of type ${type}: ${result.error.reason}`);
      return result.value;
    };
    if (type === MessageType.votes) heard.votes.push(read(decodeVoteMessage(decoder)));
    else if (type === MessageType.privateNotes) heard.notes.push(read(decodePrivateNotes(decoder)));
    else if (type === MessageType.commentResult) {
      heard.comments.push(read(decodeCommentResult(decoder)));
    } else if (type === MessageType.moderation) {
      const message = read(decodeModeration(decoder));
      if (message.kind === 'result') heard.moderation.push(message.result);
      if (message.kind === 'queue') heard.queues.push(message.queue);
      if (message.kind === 'own') heard.own.push(message.comments);
    } else if (type === MessageType.timer) {
      const message = read(decodeTimerMessage(decoder));
      if (message.kind === 'state') heard.timers.push(message.state);
    } else if (type === MessageType.follow) heard.follows.push(read(decodeFollow(decoder)));
    else if (type === MessageType.readerCount) heard.people.push(read(decodeReaderCount(decoder)));
  });
  ws.on('close', (code) => {
    closeCode = code;
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE && ws.readyState === ws.OPEN) ws.send(encodeSyncUpdate(update));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MessageType.sync);
  syncProtocol.writeSyncStep1(step1, doc);
  ws.send(encoding.toUint8Array(step1));
  await waitFor(() => synced, 'sync', 15_000);

  let request = 0;
  /** Sends `bytes` and waits for the answer numbered `number` among `answers`. */
  const ask = async <A extends { request: number }>(bytes: Uint8Array, answers: A[], n: number) => {
    ws.send(bytes);
    await waitFor(() => answers.some((a) => a.request === n), `answer ${n}`, 10_000);
    return answers.find((a) => a.request === n) as A;
  };
  const voteAnswers = () => heard.votes.filter((m): m is VoteAnswer => m.kind === 'answer');
  const noteAnswers = () => heard.notes.filter((m): m is NotesAnswer => m.kind === 'answer');
  return {
    doc,
    heard,
    closeCode: () => closeCode,
    /** Whether `text` appears anywhere in the bytes this socket received. */
    received: (text: string) => Buffer.concat(frames).includes(Buffer.from(text, 'utf8')),
    voteStatus: () =>
      heard.votes
        .filter((m): m is Extract<VoteMessage, { kind: 'status' }> => m.kind === 'status')
        .at(-1) as VoteStatus | undefined,
    async vote(body: DistributiveOmit<VoteRequest, 'request'>): Promise<string> {
      const n = ++request;
      ws.send(encodeVoteMessage({ ...body, request: n } as VoteRequest));
      await waitFor(() => voteAnswers().some((a) => a.request === n), `vote answer ${n}`, 10_000);
      const answer = voteAnswers().find((a) => a.request === n) as VoteAnswer;
      return answer.ok ? `ok:${answer.session}` : answer.error;
    },
    async privateNotes(body: DistributiveOmit<PrivateNotesRequest, 'request'>): Promise<string> {
      const n = ++request;
      ws.send(encodePrivateNotes({ ...body, request: n } as PrivateNotesRequest));
      await waitFor(() => noteAnswers().some((a) => a.request === n), `notes answer ${n}`, 10_000);
      const answer = noteAnswers().find((a) => a.request === n) as NotesAnswer;
      return answer.ok ? 'ok' : answer.error;
    },
    comment(text: string, extra: Partial<CommentRequest> = {}): Promise<CommentResult> {
      const n = ++request;
      const body = { request: n, text, authorName: 'Kaisa', anchor: { kind: 'board' }, ...extra };
      return ask(encodeComment(body as CommentRequest), heard.comments, n);
    },
    moderate(body: DistributiveOmit<NamedRequest, 'request' | 'name'>): Promise<ModerationResult> {
      const n = ++request;
      const full = { ...body, request: n, name: 'Mona' } as NamedRequest;
      return ask(encodeModerationRequest(full), heard.moderation, n);
    },
    timer: (control: TimerControl) => ws.send(encodeTimerControl(control)),
    follow: (message: FollowMessage) => ws.send(encodeFollow(message)),
    close() {
      ws.close();
      doc.destroy();
    },
  };
}

export type Peer = Awaited<ReturnType<typeof peer>>;
