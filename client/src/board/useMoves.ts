import { dropNotes, moveCluster } from '@paja/shared';
import { useCallback, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { LocalMove } from './BoardStage';
import type { BoardPresence } from './boardPresence';
import { planDrop } from './canvas/drop';
import type { Selection } from './canvas/selection';
import type { Scene } from './useScene';

/** A nudge with the arrow keys is written this long after the last key press: once. */
export const NUDGE_WRITE_DELAY_MS = 400;
/** Up to this many dragged notes come to the front; a large group keeps its stacking order. */
const TO_FRONT_MAX = 20;

export interface Moves {
  /** What I am moving right now (a drag or a nudge), drawn at its offset; null when idle. */
  move: LocalMove | null;
  start(ids: Iterable<string>, cluster: string | null): boolean;
  update(dx: number, dy: number): void;
  end(dx: number, dy: number, cancelled: boolean): void;
  nudge(dx: number, dy: number): void;
  endNudge(): void;
}

/**
 * Moving notes and clusters. While a move lasts it is local state, shown to others through
 * awareness (an id list and an offset); the document gets the drop once, in one transaction
 * and one undo step (every overwrite of a position stays in the document: bench/RESULTS.md,
 * "Board size and load time"). A drop also decides cluster membership and roadmap placement
 * (drop.ts).
 */
export function useMoves(
  doc: Y.Doc,
  act: (fn: () => void) => void,
  presence: BoardPresence,
  current: () => { scene: Scene; selection: Selection; readOnly: boolean },
): Moves {
  const [move, setMove] = useState<LocalMove | null>(null);
  const moveRef = useRef<LocalMove | null>(null);
  const set = useCallback(
    (next: LocalMove | null) => {
      moveRef.current = next;
      setMove(next);
      presence.setMoving(next && { ids: [...next.ids], dx: next.dx, dy: next.dy });
    },
    [presence],
  );

  const commit = useCallback(
    (done: LocalMove, dx: number, dy: number) => {
      const { scene } = current();
      const rx = Math.round(dx);
      const ry = Math.round(dy);
      if (rx === 0 && ry === 0) return;
      const moved = [...done.ids].flatMap((id) => scene.byId.get(id) ?? []);
      act(() => {
        if (done.cluster !== null) {
          const cluster = scene.clusters.find((c) => c.id === done.cluster);
          if (cluster) moveCluster(doc, cluster.id, cluster.x + rx, cluster.y + ry);
          return;
        }
        const dropped = moved.map((n) => ({ ...n, x: n.x + rx, y: n.y + ry }));
        const plan = planDrop(dropped, scene.clusters, scene.roadmapLayout.geometry);
        const toFront = moved.length <= TO_FRONT_MAX ? moved.map((n) => n.id) : [];
        dropNotes(doc, { ...plan, toFront });
      });
    },
    [doc, act, current],
  );

  const start = useCallback(
    (ids: Iterable<string>, cluster: string | null) => {
      const { scene } = current();
      // Locked notes stay where they are (the operations skip them too).
      const movable = [...ids].filter((id) => scene.byId.get(id)?.locked === false);
      if (movable.length === 0 && cluster === null) return false;
      set({ ids: new Set(movable), dx: 0, dy: 0, cluster });
      return true;
    },
    [current, set],
  );

  const update = useCallback(
    (dx: number, dy: number) => {
      const now = moveRef.current;
      if (now) set({ ...now, dx, dy });
    },
    [set],
  );

  const end = useCallback(
    (dx: number, dy: number, cancelled: boolean) => {
      const now = moveRef.current;
      if (now && !cancelled) commit(now, dx, dy);
      set(null);
    },
    [commit, set],
  );

  // Arrow keys: the offset grows while keys are pressed and is written once they stop.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const nudging = useRef(false);
  const endNudge = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (!nudging.current) return;
    nudging.current = false;
    const now = moveRef.current;
    if (now) end(now.dx, now.dy, false);
  }, [end]);
  const nudge = useCallback(
    (dx: number, dy: number) => {
      const state = current();
      if (state.readOnly) return;
      if (!nudging.current) {
        if (moveRef.current || !start(state.selection, null)) return;
        nudging.current = true;
      }
      const now = moveRef.current;
      if (now) set({ ...now, dx: now.dx + dx, dy: now.dy + dy });
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(endNudge, NUDGE_WRITE_DELAY_MS);
    },
    [current, start, set, endNudge],
  );

  return { move, start, update, end, nudge, endNudge };
}
