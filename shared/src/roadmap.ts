import * as Y from 'yjs';
import { newId } from './ids';
import { type ContentLang, writeOriginalLang } from './records/language';
import { NoteKey } from './records/note';
import {
  type AxisItemView,
  AxisKey,
  type RoadmapCell,
  type RoadmapView,
  readAxisItem,
} from './records/roadmap';
import { lanesMap, notesMap, periodsMap, transact } from './roots';
import type { InvalidEntry } from './schema';
import { applyTextDiff } from './text';
import { cleanTitle, compareKeyed, isOrderKey, type Keyed, keysForInsert, textOf } from './values';

/*
 * The roadmap is a grid: lanes (themes) are rows, periods (e.g. 2025, 2030) are columns.
 * Lanes and periods are maps keyed by id, ordered by a fractional key, so a reorder writes
 * one key and concurrent reorders of different rows both apply. A note's place on the grid
 * lives on the note (NoteKey.cell), so it is in at most one cell. A locked lane or period is
 * left alone by every operation here but setAxisLocked: it keeps its title, place and
 * existence, and no note enters or leaves its cells.
 */

export type Axis = 'lane' | 'period';

function axisMap(doc: Y.Doc, axis: Axis): Y.Map<Y.Map<unknown>> {
  return axis === 'lane' ? lanesMap(doc) : periodsMap(doc);
}

export interface NewAxisItem {
  title: string;
  /** The language the title is written in; absent: the board's main language. */
  lang?: ContentLang;
  /** Position among the existing lanes (periods); default at the end. */
  index?: number;
  id?: string;
  now?: number;
}

function ordered(doc: Y.Doc, axis: Axis): Keyed[] {
  const items: Keyed[] = [];
  for (const [id, item] of axisMap(doc, axis).entries()) {
    if (!(item instanceof Y.Map)) continue;
    const key = item.get(AxisKey.order);
    items.push({ id, key: typeof key === 'string' ? key : '' });
  }
  return items.sort(compareKeyed);
}

/** A lane or period that operations may change: it exists and is not locked. */
function liveAxisItem(doc: Y.Doc, axis: Axis, id: string): Y.Map<unknown> | null {
  const item = axisMap(doc, axis).get(id);
  return item instanceof Y.Map && item.get(AxisKey.locked) !== true ? item : null;
}

/** True when the cell's lane or period is locked (a missing one is not). */
function cellLocked(doc: Y.Doc, cell: Partial<RoadmapCell> | undefined): boolean {
  if (!cell || typeof cell !== 'object') return false;
  const locked = (axis: Axis, id: unknown) =>
    typeof id === 'string' && axisMap(doc, axis).get(id)?.get(AxisKey.locked) === true;
  return locked('lane', cell.lane) || locked('period', cell.period);
}

/** Locks or unlocks lanes or periods. */
export function setAxisLocked(doc: Y.Doc, axis: Axis, ids: readonly string[], locked: boolean) {
  transact(doc, () => {
    for (const id of ids) {
      const item = axisMap(doc, axis).get(id);
      if (item instanceof Y.Map && (item.get(AxisKey.locked) === true) !== locked) {
        item.set(AxisKey.locked, locked);
      }
    }
  });
}

function applyKeys(doc: Y.Doc, axis: Axis, keys: Map<string, string>): void {
  for (const [id, key] of keys) {
    const item = axisMap(doc, axis).get(id);
    if (item instanceof Y.Map && item.get(AxisKey.order) !== key) item.set(AxisKey.order, key);
  }
}

/** Adds a lane or period; returns its id. */
export function addAxisItem(doc: Y.Doc, axis: Axis, input: NewAxisItem): string {
  const id = input.id ?? newId();
  transact(doc, () => {
    const others = ordered(doc, axis);
    const keys = keysForInsert(others, input.index ?? others.length, [id]);
    const item = new Y.Map<unknown>();
    item.set(AxisKey.title, new Y.Text(cleanTitle(input.title)));
    item.set(AxisKey.order, keys.get(id) as string);
    item.set(AxisKey.createdAt, input.now ?? Date.now());
    writeOriginalLang(item, input.lang);
    axisMap(doc, axis).set(id, item);
    keys.delete(id);
    applyKeys(doc, axis, keys);
  });
  return id;
}

/** Moves a lane or period to position `index` (counted without it). */
export function moveAxisItem(doc: Y.Doc, axis: Axis, id: string, index: number): void {
  if (!liveAxisItem(doc, axis, id)) return;
  transact(doc, () => {
    const all = ordered(doc, axis);
    const from = all.findIndex((item) => item.id === id);
    const others = all.filter((item) => item.id !== id);
    if (from === Math.max(0, Math.min(others.length, index)) && isOrderKey(all[from]?.key)) return;
    applyKeys(doc, axis, keysForInsert(others, index, [id]));
  });
}

export function axisTitle(doc: Y.Doc, axis: Axis, id: string): Y.Text | null {
  return textOf(axisMap(doc, axis).get(id), AxisKey.title);
}

export function renameAxisItem(doc: Y.Doc, axis: Axis, id: string, title: string): void {
  const text = liveAxisItem(doc, axis, id) && axisTitle(doc, axis, id);
  if (text) applyTextDiff(text, cleanTitle(title));
}

/**
 * Deletes a lane or period (a locked one stays) and, in the same transaction, takes every note placed in it off
 * the roadmap (locked ones too: a locked note must not keep pointing at nothing). Comments
 * on its cells are kept and read as orphaned.
 */
export function deleteAxisItem(doc: Y.Doc, axis: Axis, id: string): void {
  if (!liveAxisItem(doc, axis, id)) return;
  transact(doc, () => {
    for (const note of notesMap(doc).values()) {
      if (!(note instanceof Y.Map)) continue;
      const cell = note.get(NoteKey.cell) as Partial<RoadmapCell> | undefined;
      if (cell && typeof cell === 'object' && cell[axis] === id) note.delete(NoteKey.cell);
    }
    axisMap(doc, axis).delete(id);
  });
}

export const addLane = (doc: Y.Doc, input: NewAxisItem) => addAxisItem(doc, 'lane', input);
export const addPeriod = (doc: Y.Doc, input: NewAxisItem) => addAxisItem(doc, 'period', input);
export const moveLane = (doc: Y.Doc, id: string, index: number) =>
  moveAxisItem(doc, 'lane', id, index);
export const movePeriod = (doc: Y.Doc, id: string, index: number) =>
  moveAxisItem(doc, 'period', id, index);
export const renameLane = (doc: Y.Doc, id: string, title: string) =>
  renameAxisItem(doc, 'lane', id, title);
export const renamePeriod = (doc: Y.Doc, id: string, title: string) =>
  renameAxisItem(doc, 'period', id, title);
export const laneTitle = (doc: Y.Doc, id: string) => axisTitle(doc, 'lane', id);
export const periodTitle = (doc: Y.Doc, id: string) => axisTitle(doc, 'period', id);
export const deleteLane = (doc: Y.Doc, id: string) => deleteAxisItem(doc, 'lane', id);
export const deletePeriod = (doc: Y.Doc, id: string) => deleteAxisItem(doc, 'period', id);

/**
 * Places notes in one roadmap cell (a note is in at most one; placing moves it). Does
 * nothing if the lane or period does not exist or is locked; locked notes, and notes in a
 * locked lane or period, are skipped.
 */
export function placeOnRoadmap(doc: Y.Doc, noteIds: readonly string[], cell: RoadmapCell): void {
  if (!(lanesMap(doc).get(cell.lane) instanceof Y.Map)) return;
  if (!(periodsMap(doc).get(cell.period) instanceof Y.Map)) return;
  if (cellLocked(doc, cell)) return;
  transact(doc, () => {
    for (const id of noteIds) {
      const note = notesMap(doc).get(id);
      if (!(note instanceof Y.Map) || note.get(NoteKey.locked) === true) continue;
      const current = note.get(NoteKey.cell) as Partial<RoadmapCell> | undefined;
      if (current?.lane === cell.lane && current?.period === cell.period) continue;
      if (cellLocked(doc, current)) continue;
      // One value for both ids: a concurrent placement elsewhere wins whole, never half.
      note.set(NoteKey.cell, { lane: cell.lane, period: cell.period });
    }
  });
}

export function removeFromRoadmap(doc: Y.Doc, noteIds: readonly string[]): void {
  transact(doc, () => {
    for (const id of noteIds) {
      const note = notesMap(doc).get(id);
      if (!(note instanceof Y.Map) || note.get(NoteKey.locked) === true) continue;
      const current = note.get(NoteKey.cell) as Partial<RoadmapCell> | undefined;
      if (note.has(NoteKey.cell) && !cellLocked(doc, current)) note.delete(NoteKey.cell);
    }
  });
}

function readAxis(doc: Y.Doc, axis: Axis, invalid: InvalidEntry[]): AxisItemView[] {
  const result: AxisItemView[] = [];
  for (const [id, item] of axisMap(doc, axis).entries()) {
    const view = readAxisItem(id, item);
    if (typeof view === 'string') invalid.push({ kind: axis, id, reason: view });
    else result.push(view);
  }
  return result.sort((a, b) =>
    compareKeyed({ id: a.id, key: a.order }, { id: b.id, key: b.order }),
  );
}

export function readRoadmap(doc: Y.Doc, invalid: InvalidEntry[] = []): RoadmapView {
  return { lanes: readAxis(doc, 'lane', invalid), periods: readAxis(doc, 'period', invalid) };
}
