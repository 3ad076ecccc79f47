import type { ClusterView, NoteView } from '@paja/shared';
import type Konva from 'konva';
import { memo, useCallback } from 'react';
import { Shape } from 'react-konva';
import { clusterBounds } from '../canvas/clusterGeometry';
import type { Bounds } from '../canvas/viewport';

interface LockMarksProps {
  notes: readonly NoteView[];
  clusters: readonly ClusterView[];
  /** Locked lanes' and periods' header boxes, and the whole grid when the roadmap is locked. */
  headers: readonly Bounds[];
  scale: number;
}

/** A padlock is this many screen pixels tall at any zoom. */
const MARK_PX = 16;
const INK = '#1F2328';
const PAPER = 'rgba(255,255,255,0.92)';

/**
 * Padlocks on everything locked (notes, clusters, lanes and periods), drawn at the same size
 * on screen at every zoom: at 10 % a locked note is still seen to be locked, at 300 % the
 * lock does not cover its text. One shape for all of them, drawn over the board layer.
 */
export const LockMarks = memo(function LockMarks({
  notes,
  clusters,
  headers,
  scale,
}: LockMarksProps) {
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      const size = MARK_PX / scale;
      const inset = 4 / scale;
      for (const note of notes) {
        if (note.locked)
          padlock(ctx, note.x + note.w - size - inset, note.y + note.h - size - inset, size);
      }
      for (const cluster of clusters) {
        if (!cluster.locked) continue;
        const box = clusterBounds(cluster);
        padlock(ctx, box.x + box.w - size - inset * 2, box.y + inset * 2, size);
      }
      for (const box of headers)
        padlock(ctx, box.x + box.w - size - inset * 2, box.y + inset * 2, size);
    },
    [notes, clusters, headers, scale],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
});

/** A small padlock in a white disc, in a box of `size` (drawn: no emoji font needed). */
function padlock(ctx: CanvasRenderingContext2D, x: number, y: number, size: number): void {
  const u = size / 16;
  ctx.fillStyle = PAPER;
  ctx.beginPath();
  ctx.arc(x + 8 * u, y + 8 * u, 9 * u, 0, Math.PI * 2);
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = 1.8 * u;
  ctx.beginPath();
  ctx.arc(x + 8 * u, y + 6.5 * u, 3.4 * u, Math.PI, 0);
  ctx.stroke();
  ctx.beginPath();
  ctx.roundRect(x + 3.5 * u, y + 6.5 * u, 9 * u, 7 * u, 1.2 * u);
  ctx.fill();
}
