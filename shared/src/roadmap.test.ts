import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { checkInvariants } from './invariants';
import { readNotes, setNotesLocked } from './notes';
import { AxisKey } from './records/roadmap';
import {
  addLane,
  addPeriod,
  deleteLane,
  deletePeriod,
  laneTitle,
  moveLane,
  movePeriod,
  periodTitle,
  placeOnRoadmap,
  readRoadmap,
  removeFromRoadmap,
  renameLane,
  renamePeriod,
  setAxisLocked,
} from './roadmap';
import { lanesMap } from './roots';
import { fork, newDoc, note, syncAll } from './testkit';

const titles = (doc: Y.Doc) => {
  const roadmap = readRoadmap(doc);
  return { lanes: roadmap.lanes.map((l) => l.title), periods: roadmap.periods.map((p) => p.title) };
};

describe('lanes and periods', () => {
  it('adds at the end or at an index', () => {
    const doc = newDoc();
    addLane(doc, { title: 'Energy' });
    addLane(doc, { title: 'Housing' });
    addLane(doc, { title: 'Mobility', index: 1 });
    addPeriod(doc, { title: '2030' });
    addPeriod(doc, { title: '2023', index: 0 });
    addPeriod(doc, { title: '2025', index: 1 });
    expect(titles(doc)).toEqual({
      lanes: ['Energy', 'Mobility', 'Housing'],
      periods: ['2023', '2025', '2030'],
    });
  });

  it('reorders', () => {
    const doc = newDoc();
    const a = addLane(doc, { title: 'A' });
    addLane(doc, { title: 'B' });
    addLane(doc, { title: 'C' });
    moveLane(doc, a, 2);
    expect(titles(doc).lanes).toEqual(['B', 'C', 'A']);
    moveLane(doc, a, 0);
    expect(titles(doc).lanes).toEqual(['A', 'B', 'C']);
    const before = Y.encodeStateVector(doc);
    moveLane(doc, a, 0);
    moveLane(doc, 'gone', 1);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const p = addPeriod(doc, { title: '2030' });
    addPeriod(doc, { title: '2023' });
    movePeriod(doc, p, 1);
    expect(titles(doc).periods).toEqual(['2023', '2030']);
  });

  it('renames by text diff', () => {
    const doc = newDoc();
    const lane = addLane(doc, { title: 'Energia' });
    const period = addPeriod(doc, { title: '2030' });
    renameLane(doc, lane, 'Energiamurros');
    renamePeriod(doc, period, '2030+');
    expect(laneTitle(doc, lane)?.toString()).toBe('Energiamurros');
    expect(periodTitle(doc, period)?.toString()).toBe('2030+');
  });

  it('orders lanes identically on every replica after concurrent inserts', () => {
    const one = newDoc(1);
    addLane(one, { title: 'A' });
    addLane(one, { title: 'B' });
    const two = fork(one, 2);
    addLane(one, { title: 'X', index: 1, id: 'x' });
    addLane(two, { title: 'Y', index: 1, id: 'y' });
    syncAll(one, two);
    expect(titles(one)).toEqual(titles(two));
    expect(titles(one).lanes).toEqual(['A', 'X', 'Y', 'B']);
    const z = addLane(one, { title: 'Z', index: 2 });
    expect(titles(one).lanes).toEqual(['A', 'X', 'Z', 'Y', 'B']);
    moveLane(one, z, 4);
    expect(titles(one).lanes).toEqual(['A', 'X', 'Y', 'B', 'Z']);
  });
});

describe('placement', () => {
  it('places notes in one cell and takes them off again', () => {
    const doc = newDoc();
    const lane = addLane(doc, { title: 'Energy' });
    const period = addPeriod(doc, { title: '2030' });
    const other = addPeriod(doc, { title: '2035' });
    const a = note(doc);
    const b = note(doc);
    placeOnRoadmap(doc, [a, b], { lane, period });
    placeOnRoadmap(doc, [b], { lane, period: other });
    expect(readNotes(doc).map((n) => n.cell)).toEqual([
      { lane, period },
      { lane, period: other },
    ]);
    removeFromRoadmap(doc, [a]);
    expect(readNotes(doc)[0]?.cell).toBeNull();
  });

  it('refuses a missing cell and skips locked notes', () => {
    const doc = newDoc();
    const lane = addLane(doc, { title: 'Energy' });
    const period = addPeriod(doc, { title: '2030' });
    const a = note(doc);
    placeOnRoadmap(doc, [a], { lane, period: 'gone' });
    expect(readNotes(doc)[0]?.cell).toBeNull();
    setNotesLocked(doc, [a], true);
    placeOnRoadmap(doc, [a], { lane, period });
    expect(readNotes(doc)[0]?.cell).toBeNull();
  });

  it('ends in one of the chosen cells when two people place a note concurrently', () => {
    const one = newDoc(1);
    const [l1, l2] = [addLane(one, { title: 'L1' }), addLane(one, { title: 'L2' })];
    const [p1, p2] = [addPeriod(one, { title: 'P1' }), addPeriod(one, { title: 'P2' })];
    const a = note(one);
    const two = fork(one, 2);
    placeOnRoadmap(one, [a], { lane: l1, period: p1 });
    placeOnRoadmap(two, [a], { lane: l2, period: p2 });
    syncAll(one, two);
    const cell = readNotes(one)[0]?.cell;
    expect([
      { lane: l1, period: p1 },
      { lane: l2, period: p2 },
    ]).toContainEqual(cell);
    expect(readNotes(two)[0]?.cell).toEqual(cell);
  });

  it('takes notes off the roadmap when their lane or period is deleted', () => {
    const doc = newDoc();
    const lane = addLane(doc, { title: 'Energy' });
    const period = addPeriod(doc, { title: '2030' });
    const period2 = addPeriod(doc, { title: '2035' });
    const a = note(doc);
    const b = note(doc);
    placeOnRoadmap(doc, [a], { lane, period });
    placeOnRoadmap(doc, [b], { lane, period: period2 });
    setNotesLocked(doc, [a], true);
    deletePeriod(doc, period);
    expect(readNotes(doc).map((n) => n.cell)).toEqual([null, { lane, period: period2 }]);
    deleteLane(doc, lane);
    const board = readBoard(doc);
    expect(board.notes.map((n) => n.cell)).toEqual([null, null]);
    expect(board.roadmap).toEqual({
      lanes: [],
      periods: [expect.objectContaining({ id: period2 })],
    });
    expect(board.dangling).toEqual([]);
  });

  it('shows a placement into a concurrently deleted lane as off the roadmap', () => {
    const one = newDoc(1);
    const lane = addLane(one, { title: 'Energy' });
    const period = addPeriod(one, { title: '2030' });
    const a = note(one);
    const two = fork(one, 2);
    deleteLane(one, lane);
    placeOnRoadmap(two, [a], { lane, period });
    syncAll(one, two);
    const board = readBoard(one);
    expect(board).toEqual(readBoard(two));
    expect(board.notes[0]?.cell).toBeNull();
    expect(board.dangling).toEqual([
      { kind: 'note', id: a, field: 'cell', target: `${lane}/${period}` },
    ]);
    expect(checkInvariants(board)).toEqual([]);
  });
});

describe('locked lanes and periods', () => {
  it('keep their title, place and cells until unlocked', () => {
    const doc = newDoc();
    const l1 = addLane(doc, { title: 'Liikenne' });
    const l2 = addLane(doc, { title: 'Energia' });
    const p1 = addPeriod(doc, { title: '2030' });
    const placed = note(doc);
    const free = note(doc);
    placeOnRoadmap(doc, [placed], { lane: l1, period: p1 });
    setAxisLocked(doc, 'lane', [l1], true);
    renameLane(doc, l1, 'Muu');
    moveLane(doc, l1, 1);
    deleteLane(doc, l1);
    removeFromRoadmap(doc, [placed]);
    placeOnRoadmap(doc, [placed], { lane: l2, period: p1 }); // out of a locked lane
    placeOnRoadmap(doc, [free], { lane: l1, period: p1 }); // into a locked lane
    const board = readBoard(doc);
    expect(board.roadmap.lanes.map((l) => [l.id, l.title, l.locked])).toEqual([
      [l1, 'Liikenne', true],
      [l2, 'Energia', false],
    ]);
    expect(board.notes.find((n) => n.id === placed)?.cell).toEqual({ lane: l1, period: p1 });
    expect(board.notes.find((n) => n.id === free)?.cell).toBeNull();
    setAxisLocked(doc, 'lane', [l1], false);
    deleteLane(doc, l1);
    expect(readRoadmap(doc).lanes.map((l) => l.id)).toEqual([l2]);
  });
});

describe('validation', () => {
  it('reports lanes without a title or with a malformed order key', () => {
    const doc = newDoc();
    const a = addLane(doc, { title: 'A', id: 'a' });
    const b = addLane(doc, { title: 'B', id: 'b' });
    (lanesMap(doc).get(a) as Y.Map<unknown>).set(AxisKey.title, 'plain');
    (lanesMap(doc).get(b) as Y.Map<unknown>).set(AxisKey.order, '!!');
    lanesMap(doc).set('c', 'not a map' as never);
    expect(readBoard(doc).invalid).toEqual([
      { kind: 'lane', id: a, reason: 'title is missing' },
      { kind: 'lane', id: b, reason: 'order key is missing or malformed' },
      { kind: 'lane', id: 'c', reason: 'not a map' },
    ]);
    // A malformed key next to the insertion point is repaired by re-keying.
    (lanesMap(doc).get(a) as Y.Map<unknown>).set(AxisKey.title, new Y.Text('A'));
    lanesMap(doc).delete('c');
    addLane(doc, { title: 'D', index: 0 });
    expect(readBoard(doc).invalid).toEqual([]);
  });
});
