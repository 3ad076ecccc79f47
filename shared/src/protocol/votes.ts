import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_DOTS } from '../schema';
import { isRefId } from '../values';
import { type Decoded, decoded, failed, isUint, readJsonObject, readPayload } from './decode';
import { MessageType } from './messageType';

/*
 * Dot votes (105). While a vote session is open its dots are a secret the server holds outside
 * the document (server side state); they travel only in these messages, and the server sends
 * each connection only what its role and identity may see: a voter their own dots, a
 * facilitator how many people voted (and the counts, only when they ask). On reveal the server
 * writes the results into the document in one transaction, and they reach everyone by sync.
 *
 * Every frame is the message type, a varUint kind, then a varString with a JSON object whose
 * fields depend on the kind. Requests carry a client-chosen `request` number that the answer
 * carries back.
 */

export const VoteKind = {
  /** Client -> server, facilitator: open a session (the server writes it into the document). */
  start: 0,
  /** Client -> server: place one dot on a note. */
  cast: 1,
  /** Client -> server: take back one of one's dots from a note. */
  retract: 2,
  /** Client -> server, facilitator: stop voting; the results stay secret until the reveal. */
  end: 3,
  /** Client -> server, facilitator: end if open, write the results into the document. */
  reveal: 4,
  /** Client -> server, facilitator: drop the session and its dots without results. */
  discard: 5,
  /** Client -> server, facilitator: whether this connection wants the running counts. */
  watch: 6,
  /** Client -> server, facilitator: let the people who joined after the start vote too. */
  admit: 7,
  /** Server -> client: the answer to one request. */
  answer: 8,
  /** Server -> client: what this connection may see of the session that is not revealed yet. */
  status: 9,
} as const;
export type VoteKind = (typeof VoteKind)[keyof typeof VoteKind];

/** Limits every side checks (the decoder refuses more, the UI offers no more). */
export const VOTE_LIMITS = {
  /** Dots one person may place in a session. */
  maxDotsPerPerson: MAX_DOTS,
  /** Notes that may be voted on in one session. */
  maxCandidates: 1000,
  /** A timed session lasts at most a day. */
  maxDurationSeconds: 24 * 60 * 60,
  titleLength: 200,
  nameLength: 80,
} as const;

/** How a session is set up. `durationSeconds` 0 means it ends when a facilitator ends it. */
export interface VoteSetup {
  title: string;
  dotsPerPerson: number;
  /** At most this many of one person's dots on one note (1..dotsPerPerson). */
  maxPerItem: number;
  /** Note ids that may receive dots: the selection, a cluster, the roadmap or every note. */
  candidates: string[];
  /** Named: the results say who placed which dots. Anonymous: only the counts. */
  anonymous: boolean;
  durationSeconds: number;
}

export type VoteRequest =
  | ({ kind: 'start'; request: number } & VoteSetup)
  /** `name` is the voter's self-chosen display name, kept for named results. */
  | { kind: 'cast'; request: number; session: string; note: string; name: string }
  | { kind: 'retract'; request: number; session: string; note: string }
  | { kind: 'end' | 'reveal' | 'discard' | 'admit'; request: number; session: string }
  | { kind: 'watch'; request: number; session: string; counts: boolean };

/** Why a vote request was refused; the client shows each in the person's language. */
export const VOTE_REFUSALS = [
  /** No such session, or it was revealed or discarded. */
  'noSession',
  /** The session has ended (by hand or its time ran out). */
  'closed',
  /** The board's "vote" setting is off for participants. */
  'phaseOff',
  /** Every dot of the person is placed. */
  'overBudget',
  /** The person has placed as many dots on this note as one note may get. */
  'itemCap',
  /** The note is not one of the session's candidates (or no longer exists). */
  'notCandidate',
  /** The person joined after the vote started and was not let in. */
  'notOnRoll',
  /** There is no dot of this person on that note to take back. */
  'noDot',
  /** This link's role may not vote (commenter, viewer). */
  'roleCannot',
  /** Only a facilitator may run votes. */
  'facilitatorOnly',
  /** A session is already open or waiting for its reveal. */
  'alreadyRunning',
  /** The setup is not usable (no candidates, a cap above the budget, ...). */
  'badSetup',
  /** Too many requests in a short time. */
  'tooFast',
] as const;
export type VoteRefusal = (typeof VOTE_REFUSALS)[number];

export function isVoteRefusal(value: unknown): value is VoteRefusal {
  return typeof value === 'string' && (VOTE_REFUSALS as readonly string[]).includes(value);
}

export type VoteAnswer =
  | { request: number; ok: true; session: string }
  | { request: number; ok: false; error: VoteRefusal };

/** The facilitator's view of a session's progress: people, never dots. */
export interface VoteProgress {
  /** People on the roll with at least one dot placed. */
  voted: number;
  /** People who may vote. */
  roll: number;
  /** People here now who joined after the start and are not on the roll. */
  latecomers: number;
}

/**
 * What one connection may see of the session that is not revealed yet. Sent after the
 * connection joins, after each of its own changes, and to facilitators after anyone's.
 */
export interface VoteStatus {
  session: string;
  open: boolean;
  /** Milliseconds of voting left by the server's clock, or null when it ends by hand. */
  remainingMs: number | null;
  /** Whether this person may vote (on the roll, a role that votes). */
  voter: boolean;
  /** This person's dots by note id; empty for someone who does not vote. */
  mine: Record<string, number>;
  /** This person's dots not placed yet. */
  left: number;
  /** Facilitators only. */
  progress?: VoteProgress;
  /** Facilitators who asked (`watch`) only: dots per candidate so far. */
  counts?: Record<string, number>;
}

export type VoteMessage =
  | VoteRequest
  | ({ kind: 'answer' } & VoteAnswer)
  | ({ kind: 'status' } & VoteStatus);

function frame(kind: VoteKind, body: unknown): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.votes);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

/** Encodes any vote message; only the fields of its kind are written. */
export function encodeVoteMessage(message: VoteMessage): Uint8Array<ArrayBuffer> {
  switch (message.kind) {
    case 'start': {
      const { request, title, dotsPerPerson, maxPerItem, candidates, anonymous } = message;
      const { durationSeconds } = message;
      return frame(VoteKind.start, {
        request,
        title,
        dotsPerPerson,
        maxPerItem,
        candidates,
        anonymous,
        durationSeconds,
      });
    }
    case 'cast': {
      const { request, session, note, name } = message;
      return frame(VoteKind.cast, { request, session, note, name });
    }
    case 'retract': {
      const { request, session, note } = message;
      return frame(VoteKind.retract, { request, session, note });
    }
    case 'end':
    case 'reveal':
    case 'discard':
    case 'admit':
      return frame(VoteKind[message.kind], { request: message.request, session: message.session });
    case 'watch': {
      const { request, session, counts } = message;
      return frame(VoteKind.watch, { request, session, counts });
    }
    case 'answer':
      return frame(
        VoteKind.answer,
        message.ok
          ? { request: message.request, ok: true, session: message.session }
          : { request: message.request, ok: false, error: message.error },
      );
    case 'status': {
      const { session, open, remainingMs, voter, mine, left, progress, counts } = message;
      return frame(VoteKind.status, {
        session,
        open,
        remainingMs,
        voter,
        mine,
        left,
        progress,
        counts,
      });
    }
  }
}

const KIND_NAMES = Object.fromEntries(
  Object.entries(VoteKind).map(([name, n]) => [n, name]),
) as Record<number, VoteMessage['kind']>;

/**
 * Reads a vote message (after its type). Strict: an unknown kind, an unknown or missing field,
 * a value out of range or trailing bytes is a failure. The server closes a connection whose
 * frame fails (4400): an honest client never sends one.
 */
export function decodeVoteMessage(decoder: decoding.Decoder): Decoded<VoteMessage> {
  return readPayload(decoder, (d): Decoded<VoteMessage> => {
    const kind = KIND_NAMES[decoding.readVarUint(d)];
    if (kind === undefined) return failed('unknown vote message kind');
    switch (kind) {
      case 'start':
        return readStart(d);
      case 'cast':
      case 'retract':
        return readDotRequest(d, kind);
      case 'end':
      case 'reveal':
      case 'discard':
      case 'admit': {
        const body = readJsonObject(d, ['request', 'session']);
        if (!body.ok) return body;
        const { request, session } = body.value;
        if (!isUint(request) || !isRefId(session)) return failed(`bad ${kind} request`);
        return decoded({ kind, request, session });
      }
      case 'watch': {
        const body = readJsonObject(d, ['request', 'session', 'counts']);
        if (!body.ok) return body;
        const { request, session, counts } = body.value;
        if (!isUint(request) || !isRefId(session) || typeof counts !== 'boolean') {
          return failed('bad watch request');
        }
        return decoded({ kind, request, session, counts });
      }
      case 'answer':
        return readAnswer(d);
      case 'status':
        return readStatus(d);
    }
  });
}

function readStart(d: decoding.Decoder): Decoded<VoteMessage> {
  const body = readJsonObject(d, [
    'request',
    'title',
    'dotsPerPerson',
    'maxPerItem',
    'candidates',
    'anonymous',
    'durationSeconds',
  ]);
  if (!body.ok) return body;
  const { request, title, dotsPerPerson, maxPerItem, candidates, anonymous, durationSeconds } =
    body.value;
  if (!isUint(request)) return failed('start has no request number');
  if (typeof title !== 'string' || title.length > VOTE_LIMITS.titleLength) {
    return failed('start title is not a string of at most 200 characters');
  }
  if (!inRange(dotsPerPerson, 1, VOTE_LIMITS.maxDotsPerPerson)) {
    return failed('dotsPerPerson is not a whole number in range');
  }
  if (!inRange(maxPerItem, 1, VOTE_LIMITS.maxDotsPerPerson)) {
    return failed('maxPerItem is not a whole number in range');
  }
  if (
    !Array.isArray(candidates) ||
    candidates.length > VOTE_LIMITS.maxCandidates ||
    !candidates.every(isRefId) ||
    new Set(candidates).size !== candidates.length
  ) {
    return failed('candidates are not distinct note ids');
  }
  if (typeof anonymous !== 'boolean') return failed('anonymous is not a boolean');
  if (!inRange(durationSeconds, 0, VOTE_LIMITS.maxDurationSeconds)) {
    return failed('durationSeconds is not a whole number in range');
  }
  return decoded({
    kind: 'start',
    request,
    title,
    dotsPerPerson,
    maxPerItem,
    candidates: [...candidates] as string[],
    anonymous,
    durationSeconds,
  });
}

function readDotRequest(d: decoding.Decoder, kind: 'cast' | 'retract'): Decoded<VoteMessage> {
  const body = readJsonObject(d, ['request', 'session', 'note'], kind === 'cast' ? ['name'] : []);
  if (!body.ok) return body;
  const { request, session, note, name } = body.value;
  if (!isUint(request) || !isRefId(session) || !isRefId(note)) return failed(`bad ${kind} request`);
  if (kind === 'retract') return decoded({ kind, request, session, note });
  if (name !== undefined && (typeof name !== 'string' || name.length > VOTE_LIMITS.nameLength)) {
    return failed('cast name is not a string of at most 80 characters');
  }
  return decoded({ kind, request, session, note, name: name ?? '' });
}

function readAnswer(d: decoding.Decoder): Decoded<VoteMessage> {
  const body = readJsonObject(d, ['request', 'ok'], ['session', 'error']);
  if (!body.ok) return body;
  const { request, ok, session, error } = body.value;
  if (!isUint(request)) return failed('answer has no request number');
  if (ok === true && isRefId(session) && error === undefined) {
    return decoded({ kind: 'answer', request, ok, session });
  }
  if (ok === false && isVoteRefusal(error) && session === undefined) {
    return decoded({ kind: 'answer', request, ok, error });
  }
  return failed('answer is neither a session nor a known refusal');
}

function readStatus(d: decoding.Decoder): Decoded<VoteMessage> {
  const body = readJsonObject(
    d,
    ['session', 'open', 'remainingMs', 'voter', 'mine', 'left'],
    ['progress', 'counts'],
  );
  if (!body.ok) return body;
  const { session, open, remainingMs, voter, mine, left, progress, counts } = body.value;
  if (!isRefId(session) || typeof open !== 'boolean' || typeof voter !== 'boolean') {
    return failed('bad status');
  }
  if (remainingMs !== null && !isUint(remainingMs)) return failed('bad status remainingMs');
  if (!isUint(left)) return failed('bad status left');
  const ownDots = readCounts(mine);
  if (!ownDots) return failed('bad status mine');
  const status: VoteStatus = { session, open, remainingMs, voter, mine: ownDots, left };
  if (progress !== undefined) {
    const p = readProgress(progress);
    if (!p) return failed('bad status progress');
    status.progress = p;
  }
  if (counts !== undefined) {
    const c = readCounts(counts);
    if (!c) return failed('bad status counts');
    status.counts = c;
  }
  return decoded({ kind: 'status', ...status });
}

function readProgress(value: unknown): VoteProgress | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 3) return null;
  const { voted, roll, latecomers } = value as Record<string, unknown>;
  if (!isUint(voted) || !isUint(roll) || !isUint(latecomers)) return null;
  return { voted, roll, latecomers };
}

/** A `{ noteId: count }` object: note ids as keys, counts >= 1 as values. */
export function readCounts(value: unknown): Record<string, number> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const counts: Record<string, number> = {};
  const entries = Object.entries(value);
  if (entries.length > VOTE_LIMITS.maxCandidates) return null;
  for (const [note, count] of entries) {
    if (!isRefId(note) || !isUint(count) || count < 1) return null;
    counts[note] = count;
  }
  return counts;
}

function inRange(value: unknown, min: number, max: number): value is number {
  return isUint(value) && value >= min && value <= max;
}
