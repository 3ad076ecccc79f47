import { isFiniteNumber, isRefId } from '../values';

/*
 * The support record: a "+1" that one person gives one note or one comment. One entry per
 * (kind, item, person) in the top-level `supports` map, holding the time it was given (ms).
 * Because the person is part of the key, a person supports an item at most once whatever
 * interleaving (two devices supporting at once write the same key), and two people's supports
 * never conflict. Only the server writes this map (the comment-action message): the author
 * is the connection's participant id, never one a client names. The operations are in
 * supports.ts.
 */

export const SUPPORT_KINDS = ['note', 'comment'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** What is supported: a note or a comment, by id. */
export interface SupportTarget {
  kind: SupportKind;
  id: string;
}

export function isSupportKind(value: unknown): value is SupportKind {
  return typeof value === 'string' && (SUPPORT_KINDS as readonly string[]).includes(value);
}

/*
 * The support-key codec: the only place that knows the key's format (`kind:item:person`).
 * Item and person ids contain no ':' (isRefId; newId and participant ids never do), so the
 * key splits back into exactly its three parts. A key that does not is read as invalid.
 */
const SEPARATOR = ':';

export function supportKey(target: SupportTarget, participant: string): string {
  return `${target.kind}${SEPARATOR}${target.id}${SEPARATOR}${participant}`;
}

/** The key of a target without the person: how supports are counted per item. */
export function supportTargetKey(target: SupportTarget): string {
  return `${target.kind}${SEPARATOR}${target.id}`;
}

export interface SupportEntry extends SupportTarget {
  participant: string;
  at: number;
}

/** Reads one entry of the supports map, or says why it cannot be read. */
export function readSupportEntry(key: string, value: unknown): SupportEntry | string {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 3) return 'key is not kind:item:person';
  const [kind, id, participant] = parts as [string, string, string];
  if (!isSupportKind(kind)) return `unknown kind ${kind}`;
  if (!isRefId(id) || !isRefId(participant)) return 'key has an empty or long part';
  if (!isFiniteNumber(value)) return 'time is not a number';
  return { kind, id, participant, at: value };
}

/* Migration steps: supports are new and need none (an absent map reads as no supports). */
