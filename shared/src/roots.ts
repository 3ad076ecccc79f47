import type * as Y from 'yjs';
import { ROOT } from './schema';

/**
 * The origin every operation in this package passes to `doc.transact`. The undo manager
 * (undo.ts) tracks only this origin, so it reverts the local user's own actions and never
 * an update that arrived from the network (providers apply those with their own origin).
 */
export const LOCAL_ORIGIN: unique symbol = Symbol('paja.local');

/**
 * Runs `fn` as one local transaction: one update on the wire, one undo step. Inside an outer
 * transaction it simply joins it, so a caller can group several operations into one action.
 */
export function transact(doc: Y.Doc, fn: () => void): void {
  doc.transact(fn, LOCAL_ORIGIN);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.notes);
}

export function clustersMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.clusters);
}

export function lanesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.lanes);
}

export function periodsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.periods);
}

export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.comments);
}

export function voteSessionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.voteSessions);
}

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.votes);
}

/** Every top-level type, for the undo manager's scope. */
export function allRoots(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return Object.values(ROOT).map((name) => doc.getMap(name) as Y.AbstractType<unknown>);
}
