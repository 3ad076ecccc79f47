import * as Y from 'yjs';
import { deleteComment } from './comments';
import { ClusterKey } from './records/cluster';
import { CommentKey } from './records/comment';
import { NoteKey } from './records/note';
import { readSupportEntry, supportKey } from './records/support';
import { type VoteResultsRecord, VoteSessionKey } from './records/vote';
import { clustersMap, commentsMap, notesMap, transact, voteSessionsMap } from './roots';
import { supportsMap } from './supports';

/*
 * One person's contributions on a board, found and forgotten: the notes they wrote, their
 * comments, their supports (+1) and their dots in named vote results. A person is known by
 * the participant id the server gave them (`authorId`); a note imported with an author's name
 * but no id is known by that name. Run on the live board (as one server change) and on every
 * snapshot of it, so that the name leaves the board's whole history (server/src/history/).
 *
 *   remove        their notes and comments are deleted (replies of others to their comment
 *                 go with it, as when a moderator removes a thread), their supports and named
 *                 dots are taken out of the counts
 *   pseudonymise  everything stays, under `pseudonym` and a new id that links to nothing
 */
export type ForgetMode = 'remove' | 'pseudonymise';

export interface PersonOnBoard {
  /** The participant id, or `name:<name>` for a name without an id. */
  key: string;
  /** Every name they went by, sorted. */
  names: string[];
  notes: number;
  comments: number;
  /** Named vote sessions whose results list their dots. */
  votes: number;
}

const NAME_KEY = 'name:';

function personKey(id: unknown, name: unknown): string | null {
  if (typeof id === 'string' && id !== '') return id;
  if (typeof name === 'string' && name.trim() !== '') return `${NAME_KEY}${name.trim()}`;
  return null;
}

function resultsOf(session: Y.Map<unknown>): VoteResultsRecord | null {
  const results = session.get(VoteSessionKey.results);
  return typeof results === 'object' && results !== null ? (results as VoteResultsRecord) : null;
}

/** Everyone who wrote, commented or voted by name on the board, by key. */
export function peopleOnBoard(doc: Y.Doc): PersonOnBoard[] {
  const people = new Map<
    string,
    { names: Set<string>; notes: number; comments: number; votes: number }
  >();
  const person = (id: unknown, name: unknown) => {
    const key = personKey(id, name);
    if (key === null) return null;
    let found = people.get(key);
    if (!found) {
      found = { names: new Set(), notes: 0, comments: 0, votes: 0 };
      people.set(key, found);
    }
    if (typeof name === 'string' && name.trim() !== '') found.names.add(name.trim());
    return found;
  };
  for (const note of notesMap(doc).values()) {
    if (!(note instanceof Y.Map)) continue;
    const found = person(note.get(NoteKey.authorId), note.get(NoteKey.authorName));
    if (found) found.notes += 1;
  }
  for (const comment of commentsMap(doc).values()) {
    if (!(comment instanceof Y.Map)) continue;
    const found = person(comment.get(CommentKey.authorId), comment.get(CommentKey.authorName));
    if (found) found.comments += 1;
  }
  for (const session of voteSessionsMap(doc).values()) {
    if (!(session instanceof Y.Map)) continue;
    for (const ballot of resultsOf(session)?.ballots ?? []) {
      const found = person(ballot.participant, ballot.name);
      if (found) found.votes += 1;
    }
  }
  return [...people.entries()]
    .map(([key, p]) => ({
      key,
      names: [...p.names].sort(),
      notes: p.notes,
      comments: p.comments,
      votes: p.votes,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Forgets one person on `doc` in one transaction. `pseudonymId` replaces their id (the same
 * one on the board and its snapshots, so a pseudonymised person stays one person there).
 * Returns how many records it changed.
 */
export function forgetPerson(
  doc: Y.Doc,
  key: string,
  mode: ForgetMode,
  pseudonym: string,
  pseudonymId: string,
): number {
  const matches = (id: unknown, name: unknown) => personKey(id, name) === key;
  const participantId = key.startsWith(NAME_KEY) ? null : key;
  let changed = 0;
  transact(doc, () => {
    const rename = (record: Y.Map<unknown>, idKey: string, nameKey: string) => {
      record.set(idKey, pseudonymId);
      record.set(nameKey, pseudonym);
    };
    for (const [id, note] of [...notesMap(doc).entries()]) {
      if (
        !(note instanceof Y.Map) ||
        !matches(note.get(NoteKey.authorId), note.get(NoteKey.authorName))
      )
        continue;
      changed += 1;
      if (mode === 'remove') notesMap(doc).delete(id);
      else rename(note, NoteKey.authorId, NoteKey.authorName);
    }
    for (const [id, comment] of [...commentsMap(doc).entries()]) {
      if (!(comment instanceof Y.Map)) continue;
      if (!matches(comment.get(CommentKey.authorId), comment.get(CommentKey.authorName))) continue;
      changed += 1;
      if (mode === 'remove') deleteComment(doc, id);
      else rename(comment, CommentKey.authorId, CommentKey.authorName);
    }
    if (participantId === null) return;
    for (const cluster of clustersMap(doc).values()) {
      if (cluster instanceof Y.Map && cluster.get(ClusterKey.authorId) === participantId) {
        cluster.set(ClusterKey.authorId, mode === 'remove' ? '' : pseudonymId);
      }
    }
    const supports = supportsMap(doc);
    for (const [entryKey, at] of [...supports.entries()]) {
      const entry = readSupportEntry(entryKey, at);
      if (typeof entry === 'string' || entry.participant !== participantId) continue;
      changed += 1;
      supports.delete(entryKey);
      if (mode === 'pseudonymise') supports.set(supportKey(entry, pseudonymId), at);
    }
    for (const session of voteSessionsMap(doc).values()) {
      if (!(session instanceof Y.Map)) continue;
      const results = resultsOf(session);
      const ballot = results?.ballots?.find((b) => b.participant === participantId);
      if (!results || !ballot) continue;
      changed += 1;
      session.set(
        VoteSessionKey.results,
        withoutBallot(results, ballot, mode, pseudonym, pseudonymId),
      );
    }
  });
  return changed;
}

function withoutBallot(
  results: VoteResultsRecord,
  ballot: NonNullable<VoteResultsRecord['ballots']>[number],
  mode: ForgetMode,
  pseudonym: string,
  pseudonymId: string,
): VoteResultsRecord {
  const ballots = results.ballots ?? [];
  if (mode === 'pseudonymise') {
    return {
      ...results,
      ballots: ballots
        .map((b) => (b === ballot ? { ...b, participant: pseudonymId, name: pseudonym } : b))
        .sort((a, b) =>
          a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0,
        ),
    };
  }
  const counts = { ...results.counts };
  for (const [note, dots] of Object.entries(ballot.dots)) {
    const left = (counts[note] ?? 0) - dots;
    if (left > 0) counts[note] = left;
    else delete counts[note];
  }
  return {
    counts,
    voters: Math.max(0, results.voters - 1),
    ballots: ballots.filter((b) => b !== ballot),
  };
}
