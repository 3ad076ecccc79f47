import * as Y from 'yjs';
import { isFiniteNumber, isOrderKey } from '../values';
import { readTranslated, type Translated } from './language';

/*
 * The roadmap's records: lanes (themes, the rows) and periods (e.g. 2030, the columns), one
 * Y.Map each in the top-level `lanes` and `periods` maps, keyed by id; and a note's placement
 * in a cell, which lives on the note (NoteKey.cell) so that a note is in at most one cell.
 * The operations are in roadmap.ts.
 */

/** Keys of a roadmap lane (theme, a row) or period (a column, e.g. "2025"). */
export const AxisKey = {
  /** Y.Text: the lane's or period's title; two people typing both keep their characters. */
  title: 'title',
  /** string: fractional key; lanes (periods) are shown in ascending key order, ties by id. LWW. */
  order: 'order',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /**
   * boolean | absent: settled by a facilitator (v3; absent = false). A locked lane or period
   * keeps its title, place and existence, and no note enters or leaves its cells. LWW; only
   * facilitators write it (the server refuses it from anyone else).
   */
  locked: 'locked',
} as const;

export interface RoadmapCell {
  lane: string;
  period: string;
}

/** `title` is the original, in `lang`; translations in `translations` (records/language.ts). */
export interface AxisItemView extends Translated {
  id: string;
  title: string;
  order: string;
  locked: boolean;
}

export interface RoadmapView {
  /** Themes, top to bottom. */
  lanes: AxisItemView[];
  /** Periods, left to right. */
  periods: AxisItemView[];
}

/** Validates one lane or period. */
export function readAxisItem(id: string, item: unknown): AxisItemView | string {
  if (!(item instanceof Y.Map)) return 'not a map';
  const title = item.get(AxisKey.title);
  if (!(title instanceof Y.Text)) return 'title is missing';
  const order = item.get(AxisKey.order);
  if (!isOrderKey(order)) return 'order key is missing or malformed';
  const createdAt = item.get(AxisKey.createdAt) ?? 0;
  if (!isFiniteNumber(createdAt)) return 'createdAt is not a number';
  const locked = item.get(AxisKey.locked) ?? false;
  if (typeof locked !== 'boolean') return 'locked is not a boolean';
  const translated = readTranslated(item);
  if (typeof translated === 'string') return translated;
  return { id, title: title.toString(), order, locked, ...translated };
}

/** Validates a note's placement: absent reads as null; returns a fresh copy or a reason. */
export function readCell(value: unknown): RoadmapCell | null | string {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'cell is not an object';
  const { lane, period } = value as Record<string, unknown>;
  if (typeof lane !== 'string' || typeof period !== 'string') return 'cell lacks lane or period';
  // A fresh object: the stored one is shared with the document and must not leak out.
  return { lane, period };
}

/** Healing defaults (heal.ts) for a lane or period; its order key is filled separately. */
export const AXIS_FILLS: Readonly<Record<string, () => unknown>> = {
  [AxisKey.title]: () => new Y.Text(),
};

/*
 * Migration steps: lanes and periods are new in v2 (nothing to move); `locked` is new in v3
 * and optional (absent = unlocked). No step writes anything.
 */
