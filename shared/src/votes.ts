import * as Y from 'yjs';
import { newId } from './ids';
import {
  type BallotView,
  countOf,
  type Dot,
  parseVoteKey,
  readSessionEntry,
  type StoredSession,
  VoteSessionKey,
  type VoteSessionView,
  voteKey,
  voteKeyPrefix,
} from './records/vote';
import { notesMap, transact, voteSessionsMap, votesMap } from './roots';
import { type DanglingRef, type InvalidEntry, MAX_DOTS } from './schema';
import { cleanTitle, isFiniteNumber, isRefId, sortByCreation } from './values';

/*
 * Dot voting. A session is a map (title, dots per person, candidate notes, open, revealed).
 * The dots themselves live in the top-level `votes` map, one entry per (session, participant,
 * note) holding a count, so that one participant's dots on different notes never conflict.
 *
 * The budget is checked when a dot is cast, but two devices of one participant (or an undo)
 * can still exceed it after a merge; the reader therefore applies the budget again,
 * deterministically: a participant's entries are counted in key order (that is, by note id)
 * until the budget is used up, and the rest is reported in BoardView.dangling.
 *
 * Secret ballots: every client can read every byte of the document, so while results are not
 * revealed the server should keep dots out of it (docs/ARCHITECTURE.md, "State outside the
 * document"); `revealed` steers the UI.
 */

export interface NewVoteSession {
  title: string;
  dotsPerPerson: number;
  candidates?: readonly string[];
  open?: boolean;
  id?: string;
  now?: number;
}

export type CastResult = 'ok' | 'no-session' | 'closed' | 'not-candidate' | 'no-dots-left';

function clampDots(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.round(Math.max(1, Math.min(MAX_DOTS, value)));
}

function session(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const s = voteSessionsMap(doc).get(id);
  return s instanceof Y.Map ? s : null;
}

function candidatesOf(s: Y.Map<unknown>): Y.Map<unknown> | null {
  const c = s.get(VoteSessionKey.candidates);
  return c instanceof Y.Map ? c : null;
}

export function createVoteSession(doc: Y.Doc, input: NewVoteSession): string {
  const id = input.id ?? newId();
  if (!isRefId(id)) throw new Error(`Vote session id must not contain ':' (${id})`);
  transact(doc, () => {
    const s = new Y.Map<unknown>();
    s.set(VoteSessionKey.title, cleanTitle(input.title));
    s.set(VoteSessionKey.dots, clampDots(input.dotsPerPerson));
    const candidates = new Y.Map<unknown>();
    for (const note of input.candidates ?? []) {
      if (notesMap(doc).has(note) && isRefId(note)) candidates.set(note, true);
    }
    s.set(VoteSessionKey.candidates, candidates);
    s.set(VoteSessionKey.open, input.open ?? true);
    s.set(VoteSessionKey.revealed, false);
    s.set(VoteSessionKey.createdAt, input.now ?? Date.now());
    voteSessionsMap(doc).set(id, s);
  });
  return id;
}

export function addVoteCandidates(doc: Y.Doc, sessionId: string, noteIds: readonly string[]) {
  const s = session(doc, sessionId);
  const candidates = s && candidatesOf(s);
  if (!candidates) return;
  transact(doc, () => {
    for (const note of noteIds) {
      if (notesMap(doc).has(note) && isRefId(note) && !candidates.has(note)) {
        candidates.set(note, true);
      }
    }
  });
}

/** Removes candidates and the dots already placed on them. */
export function removeVoteCandidates(doc: Y.Doc, sessionId: string, noteIds: readonly string[]) {
  const s = session(doc, sessionId);
  const candidates = s && candidatesOf(s);
  if (!candidates) return;
  transact(doc, () => {
    const gone = new Set(noteIds);
    for (const note of gone) if (candidates.has(note)) candidates.delete(note);
    deleteVotesWhere(doc, (key) => key.session === sessionId && gone.has(key.note));
  });
}

export function setVoteSessionOpen(doc: Y.Doc, sessionId: string, open: boolean): void {
  setField(doc, sessionId, VoteSessionKey.open, open);
}

export function revealVoteResults(doc: Y.Doc, sessionId: string, revealed = true): void {
  setField(doc, sessionId, VoteSessionKey.revealed, revealed);
}

export function renameVoteSession(doc: Y.Doc, sessionId: string, title: string): void {
  setField(doc, sessionId, VoteSessionKey.title, cleanTitle(title));
}

export function setDotsPerPerson(doc: Y.Doc, sessionId: string, dots: number): void {
  setField(doc, sessionId, VoteSessionKey.dots, clampDots(dots));
}

function setField(doc: Y.Doc, sessionId: string, key: string, value: unknown): void {
  const s = session(doc, sessionId);
  if (!s || s.get(key) === value) return;
  transact(doc, () => s.set(key, value));
}

/** Deletes a session and every dot cast in it. */
export function deleteVoteSession(doc: Y.Doc, sessionId: string): void {
  transact(doc, () => {
    voteSessionsMap(doc).delete(sessionId);
    deleteVotesWhere(doc, (key) => key.session === sessionId);
  });
}

function deleteVotesWhere(doc: Y.Doc, test: (key: Dot) => boolean): void {
  const votes = votesMap(doc);
  for (const key of [...votes.keys()]) {
    const dot = parseVoteKey(key);
    if (dot && test(dot)) votes.delete(key);
  }
}

/** Dots the participant has placed in the session, as this replica sees them. */
export function dotsUsed(doc: Y.Doc, sessionId: string, participant: string): number {
  const prefix = voteKeyPrefix(sessionId, participant);
  let used = 0;
  for (const [key, value] of votesMap(doc).entries()) {
    if (key.startsWith(prefix)) used += countOf(value);
  }
  return used;
}

export function dotsLeft(doc: Y.Doc, sessionId: string, participant: string): number {
  const s = session(doc, sessionId);
  if (!s) return 0;
  return Math.max(0, countOf(s.get(VoteSessionKey.dots)) - dotsUsed(doc, sessionId, participant));
}

/** Places one dot. Refuses (without writing) and says why when it may not be placed. */
export function castVote(doc: Y.Doc, dot: Dot): CastResult {
  if (!isRefId(dot.participant) || !isRefId(dot.note)) return 'not-candidate';
  const s = session(doc, dot.session);
  if (!s) return 'no-session';
  if (s.get(VoteSessionKey.open) !== true) return 'closed';
  if (candidatesOf(s)?.get(dot.note) !== true || !notesMap(doc).has(dot.note)) {
    return 'not-candidate';
  }
  if (dotsLeft(doc, dot.session, dot.participant) < 1) return 'no-dots-left';
  const key = voteKey(dot.session, dot.participant, dot.note);
  transact(doc, () => votesMap(doc).set(key, countOf(votesMap(doc).get(key)) + 1));
  return 'ok';
}

/** Takes back one dot; false if there was none or the session is closed. */
export function retractVote(doc: Y.Doc, dot: Dot): boolean {
  const s = session(doc, dot.session);
  if (s?.get(VoteSessionKey.open) !== true) return false;
  const key = voteKey(dot.session, dot.participant, dot.note);
  const count = countOf(votesMap(doc).get(key));
  if (count === 0) return false;
  transact(doc, () => {
    if (count <= 1) votesMap(doc).delete(key);
    else votesMap(doc).set(key, count - 1);
  });
  return true;
}

/**
 * Valid vote sessions in creation order with their counted dots. `notes` is the set of
 * existing notes (by default, this document's): dots on a deleted note or a note that is
 * no longer a candidate are not counted and are reported.
 */
export function readVoteSessions(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
  dangling: DanglingRef[] = [],
  notes: ReadonlySet<string> = new Set(notesMap(doc).keys()),
): VoteSessionView[] {
  const sessions = new Map<string, StoredSession>();
  for (const [id, s] of voteSessionsMap(doc).entries()) {
    const view = readSessionEntry(id, s, notes, dangling);
    if (typeof view === 'string') invalid.push({ kind: 'voteSession', id, reason: view });
    else sessions.set(id, view);
  }
  const entries = [...votesMap(doc).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const ballots = new Map<string, BallotView[]>();
  const used = new Map<string, number>();
  for (const [key, value] of entries) {
    const dot = parseVoteKey(key);
    if (!dot) {
      invalid.push({ kind: 'vote', id: key, reason: 'key is not session:participant:note' });
      continue;
    }
    if (!isFiniteNumber(value) || value < 1 || !Number.isInteger(value)) {
      invalid.push({ kind: 'vote', id: key, reason: 'count is not a whole number >= 1' });
      continue;
    }
    const s = sessions.get(dot.session);
    if (!s) {
      dangling.push({ kind: 'vote', id: key, field: 'session', target: dot.session });
      continue;
    }
    if (!s.candidates.includes(dot.note)) {
      dangling.push({ kind: 'vote', id: key, field: 'note', target: dot.note });
      continue;
    }
    const budgetKey = voteKeyPrefix(dot.session, dot.participant);
    const before = used.get(budgetKey) ?? 0;
    const count = Math.min(value, s.dotsPerPerson - before);
    if (count < value) {
      dangling.push({ kind: 'vote', id: key, field: 'budget', target: `${value - count} over` });
    }
    if (count <= 0) continue;
    used.set(budgetKey, before + count);
    const list = ballots.get(dot.session) ?? [];
    list.push({ participant: dot.participant, note: dot.note, count });
    ballots.set(dot.session, list);
  }
  const result: VoteSessionView[] = [];
  for (const s of sessions.values()) {
    const counted = ballots.get(s.id) ?? [];
    const totals = new Map(s.candidates.map((note) => [note, 0]));
    for (const b of counted) totals.set(b.note, (totals.get(b.note) ?? 0) + b.count);
    const results = [...totals.entries()]
      .map(([note, count]) => ({ note, count }))
      .sort((a, b) => b.count - a.count || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0));
    result.push({
      ...s,
      ballots: counted,
      results,
      voters: new Set(counted.map((b) => b.participant)).size,
    });
  }
  return sortByCreation(result);
}
