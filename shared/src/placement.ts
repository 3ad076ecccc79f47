/*
 * Where new things go: free space near a point, never on top of what is already there. A new
 * note, a paste of copied notes or of 500 lines is placed as one block; the block goes to the
 * free spot nearest the point (the view's centre, or where the person double-clicked), so
 * nothing new buries the roadmap, a cluster or other people's notes.
 *
 * Pure and deterministic: the client passes what is on the board as boxes (notes, cluster
 * frames, the roadmap's grid) and gets a top-left corner.
 */

/** An axis-aligned box in board units: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Space kept free around existing content, so a new block never touches it. */
export const PLACEMENT_GAP = 20;

/** How many rings around the point are searched before giving up on "near". */
const MAX_RINGS = 120;

/** Buckets of the spatial index: about three notes wide. */
const CELL = 512;
const LARGE = 16 * CELL;

/**
 * A bucket grid over the boxes, so that testing one candidate looks at the few boxes near it,
 * not at every note on the board.
 */
class BoxIndex {
  readonly #cells = new Map<string, Box[]>();
  /** Boxes too large to file in buckets (a whole roadmap), tested every time. */
  readonly #large: Box[] = [];

  constructor(boxes: readonly Box[]) {
    for (const box of boxes) {
      if (box.w > LARGE || box.h > LARGE) {
        this.#large.push(box);
        continue;
      }
      for (const key of cellsOf(box)) {
        const list = this.#cells.get(key);
        if (list) list.push(box);
        else this.#cells.set(key, [box]);
      }
    }
  }

  /** True when `box`, grown by `gap` on every side, touches no box of the index. */
  isFree(box: Box, gap: number): boolean {
    const grown = { x: box.x - gap, y: box.y - gap, w: box.w + 2 * gap, h: box.h + 2 * gap };
    if (this.#large.some((other) => overlaps(grown, other))) return false;
    for (const key of cellsOf(grown)) {
      for (const other of this.#cells.get(key) ?? []) {
        if (overlaps(grown, other)) return false;
      }
    }
    return true;
  }
}

function* cellsOf(box: Box): Generator<string> {
  const left = Math.floor(box.x / CELL);
  const right = Math.floor((box.x + box.w) / CELL);
  const top = Math.floor(box.y / CELL);
  const bottom = Math.floor((box.y + box.h) / CELL);
  for (let cx = left; cx <= right; cx++) {
    for (let cy = top; cy <= bottom; cy++) yield `${cx},${cy}`;
  }
}

/** Open intervals: boxes that only share an edge do not overlap. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The top-left corner of a free spot for a block of `size`, as near `near` as the board allows:
 * the block centred on `near` when that is free, else the nearest free position on rings of
 * growing distance (a step of a quarter of the block, at least 20 and at most 400 units).
 * Nothing within `gap` of a box counts as free. When the rings find nothing, the block goes
 * below everything, which is always free.
 */
export function findFreeSpot(
  occupied: readonly Box[],
  size: { w: number; h: number },
  near: { x: number; y: number },
  gap = PLACEMENT_GAP,
): { x: number; y: number } {
  const index = new BoxIndex(occupied);
  const origin = { x: Math.round(near.x - size.w / 2), y: Math.round(near.y - size.h / 2) };
  const at = (dx: number, dy: number) => ({ x: origin.x + dx, y: origin.y + dy, ...size });
  if (index.isFree(at(0, 0), gap)) return origin;
  const step = Math.min(400, Math.max(20, Math.round(Math.min(size.w, size.h) / 4)));
  // Ring r holds the positions r steps away along the farther axis, so none of them is nearer
  // than r: once a free position at most r away is known, no later ring can beat it.
  let best: { x: number; y: number; distance: number } | null = null;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    if (best && best.distance <= ring) break;
    for (const [i, j] of ringCells(ring)) {
      const distance = Math.hypot(i, j);
      if (best && distance >= best.distance) continue;
      const box = at(i * step, j * step);
      if (index.isFree(box, gap)) best = { x: box.x, y: box.y, distance };
    }
  }
  if (best) return { x: best.x, y: best.y };
  let bottom = near.y;
  for (const box of occupied) bottom = Math.max(bottom, box.y + box.h);
  return { x: origin.x, y: Math.round(bottom + gap * 2) };
}

/** The grid offsets of the square ring at Chebyshev distance `ring`. */
function* ringCells(ring: number): Generator<[number, number]> {
  for (let i = -ring; i <= ring; i++) {
    yield [i, -ring];
    yield [i, ring];
  }
  for (let j = -ring + 1; j <= ring - 1; j++) {
    yield [-ring, j];
    yield [ring, j];
  }
}

/** A note as the unstacking reads it: where it is, how big, and when it was added. */
export interface PlacedNote extends Box {
  id: string;
  createdAt: number;
}

/**
 * Notes added within this long of each other count as added at the same moment: each person
 * placed theirs on the board as it was before the others' arrived.
 */
export const SAME_MOMENT_MS = 10_000;

/**
 * Where `own`, a note just added here, goes when notes others added at the same moment landed
 * on it (everyone clicked "add note" with the same view: each found the same free spot), or
 * null when it may stay.
 *
 * Every person's client runs this for its own new note, on the same board, so they agree
 * without talking: the notes in the stack are ordered by id, the first stays, and each next
 * one takes the free spot nearest the first among what is on the board and the ones before it.
 * Each client moves only its own note. If two clients saw the board differently (one note had
 * not reached one of them yet), the next run, once it has, sorts out what is left.
 *
 * `others`: what else a note must not cover (cluster frames, the roadmap; placement's
 * `occupied`, without the notes).
 */
export function unstackedSpot(
  own: PlacedNote,
  notes: readonly PlacedNote[],
  others: readonly Box[] = [],
): { x: number; y: number } | null {
  const stack = notes
    .filter(
      (note) =>
        note.id === own.id ||
        (overlaps(note, own) && Math.abs(note.createdAt - own.createdAt) <= SAME_MOMENT_MS),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [first] = stack;
  if (!first || first.id === own.id) return null;
  const stacked = new Set(stack.map((note) => note.id));
  const taken: Box[] = [...others, ...notes.filter((note) => !stacked.has(note.id)), first];
  const near = { x: first.x + first.w / 2, y: first.y + first.h / 2 };
  for (const note of stack.slice(1)) {
    const spot = findFreeSpot(taken, { w: note.w, h: note.h }, near);
    if (note.id === own.id) return spot;
    taken.push({ ...spot, w: note.w, h: note.h });
  }
  return null;
}
