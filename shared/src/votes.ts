import * as Y from 'yjs';
import { newId } from './ids';
import {
  readSessionEntry,
  type VoteResultsRecord,
  VoteSessionKey,
  type VoteSessionView,
} from './records/vote';
import { notesMap, transact, voteSessionsMap } from './roots';
import { type DanglingRef, type InvalidEntry, MAX_DOTS } from './schema';
import { cleanTitle, isRefId, sortByCreation } from './values';
import type { VoteRules } from './voteRules';

/*
 * Dot-vote sessions in the document: the setup, open or not, and the results once revealed.
 * The dots of a session that is not revealed are never here (records/vote.ts says why): the
 * server holds them and, at the reveal, writes the results with writeVoteResults in one
 * transaction. Every writer here is the server's (on a facilitator's request) or a
 * facilitator's; the edit guard refuses them from participants.
 */

export interface NewVoteSession {
  title: string;
  dotsPerPerson: number;
  /** At most this many of one person's dots on one note; defaults to dotsPerPerson. */
  maxPerItem?: number;
  candidates?: readonly string[];
  anonymous?: boolean;
  /** Server-clock ms when voting stops by itself; absent = a facilitator ends it. */
  endsAt?: number | null;
  open?: boolean;
  id?: string;
  now?: number;
}

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

/** Creates a session; candidates that are not notes of this board are left out. */
export function createVoteSession(doc: Y.Doc, input: NewVoteSession): string {
  const id = input.id ?? newId();
  if (!isRefId(id)) throw new Error(`Vote session id must not contain ':' (${id})`);
  const dots = clampDots(input.dotsPerPerson);
  transact(doc, () => {
    const s = new Y.Map<unknown>();
    s.set(VoteSessionKey.title, cleanTitle(input.title));
    s.set(VoteSessionKey.dots, dots);
    s.set(VoteSessionKey.maxPerItem, Math.min(dots, clampDots(input.maxPerItem ?? dots)));
    const candidates = new Y.Map<unknown>();
    for (const note of input.candidates ?? []) {
      if (notesMap(doc).has(note) && isRefId(note)) candidates.set(note, true);
    }
    s.set(VoteSessionKey.candidates, candidates);
    s.set(VoteSessionKey.anonymous, input.anonymous ?? true);
    s.set(VoteSessionKey.open, input.open ?? true);
    if (input.endsAt) s.set(VoteSessionKey.endsAt, input.endsAt);
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

export function removeVoteCandidates(doc: Y.Doc, sessionId: string, noteIds: readonly string[]) {
  const s = session(doc, sessionId);
  const candidates = s && candidatesOf(s);
  if (!candidates) return;
  transact(doc, () => {
    for (const note of noteIds) if (candidates.has(note)) candidates.delete(note);
  });
}

export function setVoteSessionOpen(doc: Y.Doc, sessionId: string, open: boolean): void {
  setField(doc, sessionId, VoteSessionKey.open, open);
}

/** Shows or hides results already written (a session migrated from v3 waits for this). */
export function revealVoteResults(doc: Y.Doc, sessionId: string, revealed = true): void {
  const s = session(doc, sessionId);
  if (revealed && !s?.has(VoteSessionKey.results)) return; // nothing to show yet
  setField(doc, sessionId, VoteSessionKey.revealed, revealed);
}

/**
 * The reveal: closes the session and writes its results, in one transaction. The server calls
 * it with the ballots it held (and deletes them in the same commit).
 */
export function writeVoteResults(doc: Y.Doc, sessionId: string, results: VoteResultsRecord) {
  const s = session(doc, sessionId);
  if (!s) return;
  transact(doc, () => {
    s.set(VoteSessionKey.open, false);
    s.set(VoteSessionKey.results, results);
    s.set(VoteSessionKey.revealed, true);
  });
}

export function renameVoteSession(doc: Y.Doc, sessionId: string, title: string): void {
  setField(doc, sessionId, VoteSessionKey.title, cleanTitle(title));
}

function setField(doc: Y.Doc, sessionId: string, key: string, value: unknown): void {
  const s = session(doc, sessionId);
  if (!s || s.get(key) === value) return;
  transact(doc, () => s.set(key, value));
}

export function deleteVoteSession(doc: Y.Doc, sessionId: string): void {
  transact(doc, () => voteSessionsMap(doc).delete(sessionId));
}

/**
 * Valid vote sessions in creation order. `notes` is the set of existing notes (by default,
 * this document's): candidates that no longer exist are left out and reported.
 */
export function readVoteSessions(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
  dangling: DanglingRef[] = [],
  notes: ReadonlySet<string> = new Set(notesMap(doc).keys()),
): VoteSessionView[] {
  const result: VoteSessionView[] = [];
  for (const [id, s] of voteSessionsMap(doc).entries()) {
    const view = readSessionEntry(id, s, notes, dangling);
    if (typeof view === 'string') invalid.push({ kind: 'voteSession', id, reason: view });
    else result.push(view);
  }
  return sortByCreation(result);
}

/**
 * The session that is running: the newest one not revealed yet (open, or ended and waiting
 * for its reveal). There is at most one, because the server starts no other while it lasts.
 */
export function currentVoteSession(
  sessions: readonly VoteSessionView[],
): VoteSessionView | undefined {
  for (let i = sessions.length - 1; i >= 0; i--) {
    const s = sessions[i];
    if (s && !s.revealed && s.results === null) return s;
  }
  return undefined;
}

/** The rules of a dot in a session (voteRules.ts). */
export function voteRulesOf(s: VoteSessionView): VoteRules {
  return {
    dotsPerPerson: s.dotsPerPerson,
    maxPerItem: s.maxPerItem,
    candidates: new Set(s.candidates),
    open: s.open,
    endsAt: s.endsAt,
  };
}
