import type * as Y from 'yjs';
import {
  readSupportEntry,
  type SupportTarget,
  supportKey,
  supportTargetKey,
} from './records/support';
import { transact } from './roots';
import { type InvalidEntry, ROOT } from './schema';

/*
 * Supports (+1) of notes and comments: one entry per (item, person), so a person supports an
 * item at most once and takes it back by deleting their own entry. Written only by the server,
 * which names the person from the connection (server/src/commentActions.ts); these functions
 * are the operations it runs, and the readers every client uses to count.
 */

export function supportsMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap(ROOT.supports);
}

/** Gives `participant`'s support to `target`. False (nothing written) if it was given already. */
export function giveSupport(
  doc: Y.Doc,
  target: SupportTarget,
  participant: string,
  now = Date.now(),
): boolean {
  const key = supportKey(target, participant);
  const supports = supportsMap(doc);
  if (supports.has(key)) return false;
  transact(doc, () => supports.set(key, now));
  return true;
}

/** Takes `participant`'s support of `target` back. False if there was none. */
export function withdrawSupport(doc: Y.Doc, target: SupportTarget, participant: string): boolean {
  const key = supportKey(target, participant);
  const supports = supportsMap(doc);
  if (!supports.has(key)) return false;
  transact(doc, () => supports.delete(key));
  return true;
}

/** Who supports what: the participant ids per item (`supportTargetKey`), sorted. */
export type SupportTally = ReadonlyMap<string, readonly string[]>;

export function readSupports(doc: Y.Doc, invalid: InvalidEntry[] = []): SupportTally {
  const tally = new Map<string, string[]>();
  for (const [key, value] of supportsMap(doc).entries()) {
    const entry = readSupportEntry(key, value);
    if (typeof entry === 'string') {
      invalid.push({ kind: 'support', id: key, reason: entry });
      continue;
    }
    const target = supportTargetKey(entry);
    const list = tally.get(target);
    if (list) list.push(entry.participant);
    else tally.set(target, [entry.participant]);
  }
  for (const list of tally.values()) list.sort();
  return tally;
}

export function supportCount(tally: SupportTally, target: SupportTarget): number {
  return tally.get(supportTargetKey(target))?.length ?? 0;
}

export function hasSupported(
  tally: SupportTally,
  target: SupportTarget,
  participant: string,
): boolean {
  return tally.get(supportTargetKey(target))?.includes(participant) ?? false;
}
