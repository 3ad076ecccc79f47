import type { RoadmapView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import {
  CELL_PAD,
  cellAt,
  flowInCell,
  headerAt,
  LANE_HEADER_W,
  layoutRoadmap,
  MIN_LANE_H,
  PERIOD_HEADER_H,
  PERIOD_W,
  ROADMAP_ORIGIN,
  withPlacement,
} from './roadmapLayout';
import { note } from './testNotes';

const roadmap: RoadmapView = {
  lanes: [
    { id: 'L1', title: 'Liikenne', order: 'a0', locked: false, lang: null, translations: {} },
    { id: 'L2', title: 'Energia', order: 'a1', locked: false, lang: null, translations: {} },
  ],
  periods: [
    { id: 'P1', title: '2026', order: 'a0', locked: false, lang: null, translations: {} },
    { id: 'P2', title: '2030', order: 'a1', locked: false, lang: null, translations: {} },
  ],
};
const O = ROADMAP_ORIGIN;

describe('layoutRoadmap', () => {
  it('has no geometry without lanes or periods', () => {
    expect(layoutRoadmap({ lanes: [], periods: [] }, []).geometry).toBeNull();
  });

  it('lays lanes as rows and periods as columns after the headers', () => {
    const { geometry } = layoutRoadmap(roadmap, []);
    expect(geometry?.periods.map((p) => p.x)).toEqual([
      O.x + LANE_HEADER_W,
      O.x + LANE_HEADER_W + PERIOD_W,
    ]);
    expect(geometry?.lanes.map((l) => l.y)).toEqual([
      O.y + PERIOD_HEADER_H,
      O.y + PERIOD_HEADER_H + MIN_LANE_H,
    ]);
    expect(geometry?.w).toBe(LANE_HEADER_W + 2 * PERIOD_W);
  });

  it('lines the notes of a cell up in reading order of where they were dropped', () => {
    const cell = { lane: 'L1', period: 'P2' };
    const notes = [
      note('late', { x: 5000, y: 0, w: 160, h: 160, cell }),
      note('first', { x: -5000, y: 0, w: 160, h: 160, cell }),
      note('below', { x: -9000, y: 900, w: 160, h: 160, cell }),
      note('elsewhere', { x: 1, y: 1 }),
    ];
    const { placed, geometry } = layoutRoadmap(roadmap, notes);
    const left = O.x + LANE_HEADER_W + PERIOD_W + CELL_PAD;
    const top = O.y + PERIOD_HEADER_H + CELL_PAD;
    expect(placed.get('first')).toEqual({ x: left, y: top });
    expect(placed.get('late')).toEqual({ x: left + 176, y: top });
    expect(placed.get('below')).toEqual({ x: left + 352, y: top });
    expect(placed.has('elsewhere')).toBe(false);
    expect(geometry?.lanes[0]?.h).toBe(MIN_LANE_H);
  });

  it('grows a lane to hold a full cell, and moves the lanes below', () => {
    const cell = { lane: 'L1', period: 'P1' };
    const notes = Array.from({ length: 7 }, (_, i) =>
      note(`n${i}`, { x: i, y: 0, w: 160, h: 160, cell }),
    );
    const { geometry, placed } = layoutRoadmap(roadmap, notes);
    // Three notes fit a row: rows of 3, 3, 1.
    expect(placed.get('n3')?.y).toBe(O.y + PERIOD_HEADER_H + CELL_PAD + 176);
    const laneH = 3 * 160 + 2 * 16 + 2 * CELL_PAD;
    expect(geometry?.lanes[0]?.h).toBe(laneH);
    expect(geometry?.lanes[1]?.y).toBe(O.y + PERIOD_HEADER_H + laneH);
  });
});

describe('cellAt and headerAt', () => {
  const { geometry } = layoutRoadmap(roadmap, []);
  it('finds the cell under a point', () => {
    const x = O.x + LANE_HEADER_W + PERIOD_W + 10;
    const y = O.y + PERIOD_HEADER_H + MIN_LANE_H + 10;
    expect(cellAt(geometry, { x, y })).toEqual({ lane: 'L2', period: 'P2' });
    expect(cellAt(geometry, { x: O.x + 10, y })).toBeNull();
    expect(cellAt(geometry, { x, y: O.y + 10 })).toBeNull();
  });
  it('finds lane and period headers', () => {
    expect(headerAt(geometry, { x: O.x + LANE_HEADER_W + 10, y: O.y + 10 })).toEqual({
      axis: 'period',
      id: 'P1',
    });
    expect(headerAt(geometry, { x: O.x + 10, y: O.y + PERIOD_HEADER_H + 10 })).toEqual({
      axis: 'lane',
      id: 'L1',
    });
    expect(headerAt(geometry, { x: -100, y: -100 })).toBeNull();
  });
});

describe('flowInCell', () => {
  it('wraps to a new row when a note does not fit', () => {
    expect(
      flowInCell(
        [
          { w: 100, h: 50 },
          { w: 100, h: 80 },
          { w: 100, h: 50 },
        ],
        250,
      ),
    ).toEqual({
      offsets: [
        { x: 0, y: 0 },
        { x: 116, y: 0 },
        { x: 0, y: 96 },
      ],
      height: 146,
    });
  });
});

describe('withPlacement', () => {
  it('moves placed notes and keeps the others (and unchanged results) the same objects', () => {
    const a = note('a', { x: 1, y: 1 });
    const b = note('b', { x: 2, y: 2 });
    const placed = new Map([['b', { x: 50, y: 60 }]]);
    const first = withPlacement([a, b], placed);
    expect(first[0]).toBe(a);
    expect(first[1]).toMatchObject({ id: 'b', x: 50, y: 60 });
    expect(withPlacement([a, b], placed)[1]).toBe(first[1]);
  });
});
