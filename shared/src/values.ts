import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
  BOARD_EXTENT,
  NAME_MAX,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  ORGANISATION_MAX,
  TITLE_MAX,
} from './schema';

export function clampCoord(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.max(-BOARD_EXTENT, Math.min(BOARD_EXTENT, value)));
}

export function clampSize(value: number, max = NOTE_MAX_SIZE): number {
  if (!Number.isFinite(value)) return NOTE_DEFAULT_SIZE;
  return Math.round(Math.max(NOTE_MIN_SIZE, Math.min(max, value)));
}

export function cleanTitle(title: string): string {
  return title.trim().slice(0, TITLE_MAX);
}

export function cleanName(name: string): string {
  return name.trim().slice(0, NAME_MAX);
}

/** A valid organisation name as stored: trimmed, non-empty, at most ORGANISATION_MAX. */
export function isOrganisation(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= ORGANISATION_MAX &&
    value.trim() === value
  );
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Ids that go into composite keys (votes) must not contain the separator. */
export function isRefId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= 64 && !value.includes(':')
  );
}

const ORDER_KEY = /^[0-9A-Za-z]{1,200}$/;

/**
 * True for a well-formed fractional-indexing key (base 62). A key read from the network may
 * be anything; a malformed one would make key generation throw, so operations skip such keys
 * and readers report them.
 */
export function isOrderKey(value: unknown): value is string {
  if (typeof value !== 'string' || !ORDER_KEY.test(value)) return false;
  const head = value.charCodeAt(0);
  let intLength: number;
  if (head >= 97 && head <= 122) intLength = head - 97 + 2;
  else if (head >= 65 && head <= 90) intLength = 90 - head + 2;
  else return false;
  if (value.length < intLength) return false;
  if (value === `A${'0'.repeat(26)}`) return false;
  return value.length === intLength || !value.endsWith('0');
}

export interface Keyed {
  id: string;
  key: string;
}

export function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Order keys that put `moving` (in that order) at position `index` of `others` (which must
 * not contain them and is sorted by compareKeyed). Usually only the moving items get new keys.
 * When the neighbours at the insertion point share a key (two replicas generated the same key
 * concurrently), no key fits between them, so the whole list is re-keyed; lists ordered this
 * way are short (lanes, periods, a cluster's members). Malformed neighbour keys (read from
 * the network, or '' for a member without a key) are repaired the same way.
 */
export function keysForInsert(
  others: readonly Keyed[],
  index: number,
  moving: readonly string[],
): Map<string, string> {
  const at = Math.max(0, Math.min(others.length, index));
  const before = others[at - 1]?.key ?? null;
  const after = others[at]?.key ?? null;
  const result = new Map<string, string>();
  if (moving.length === 0) return result;
  const fits =
    (before === null || isOrderKey(before)) &&
    (after === null || isOrderKey(after)) &&
    (before === null || after === null || before < after);
  if (fits) {
    const keys = generateNKeysBetween(before, after, moving.length);
    for (const [i, id] of moving.entries()) result.set(id, keys[i] as string);
    return result;
  }
  const all = [
    ...others.slice(0, at).map((o) => o.id),
    ...moving,
    ...others.slice(at).map((o) => o.id),
  ];
  const keys = generateNKeysBetween(null, null, all.length);
  for (const [i, id] of all.entries()) result.set(id, keys[i] as string);
  return result;
}

/** A key after every valid key in `keys` (malformed keys are ignored). */
export function keyAfter(keys: Iterable<unknown>): string {
  const list = [...keys];
  // Fast path: validate only the greatest string (this runs on every new note, over all notes).
  let max: string | null = null;
  for (const key of list) if (typeof key === 'string' && (max === null || key > max)) max = key;
  if (max === null || isOrderKey(max)) return generateKeyBetween(max, null);
  let top: string | null = null;
  for (const key of list) if (isOrderKey(key) && (top === null || key > top)) top = key;
  return generateKeyBetween(top, null);
}

/** The Y.Text under `key` of `map`, or null. */
export function textOf(map: Y.Map<unknown> | undefined, key: string): Y.Text | null {
  const text = map?.get(key);
  return text instanceof Y.Text ? text : null;
}

export function sortByCreation<T extends { createdAt: number; id: string }>(items: T[]): T[] {
  return items.sort((a, b) =>
    a.createdAt !== b.createdAt
      ? a.createdAt - b.createdAt
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0,
  );
}

/** A stored [a, b] pair of finite numbers (a note's position or size), or null. */
export function readPair(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [a, b] = value as unknown[];
  return isFiniteNumber(a) && isFiniteNumber(b) ? [a, b] : null;
}
