import { NOTE_COLORS, type NoteColor } from '@paja/shared';
import type Konva from 'konva';
import { memo, useCallback } from 'react';
import { Shape } from 'react-konva';
import type { Bounds } from '../canvas/viewport';

type Item = Bounds & { color?: NoteColor; text?: string };

interface RectsShapeProps {
  items: readonly Item[];
  /** 'notes': filled in each note's colour; 'outline': stroked in `stroke`. */
  mode: 'notes' | 'outline';
  stroke?: string;
  /** Line width on screen (divided by the zoom). */
  lineWidth?: number;
  scale: number;
  /** Draw grey bars where text is, so a zoomed-out note still reads as written on. */
  greek?: boolean;
}

/**
 * Many rectangles as one Konva shape with one draw function: the zoomed-out board (level of
 * detail) and the outlines of large selections. One node instead of thousands keeps both
 * React and Konva out of the way; rectangles of one colour go into one path and one fill.
 */
export const RectsShape = memo(function RectsShape({
  items,
  mode,
  stroke = '#1A56DB',
  lineWidth = 2,
  scale,
  greek = false,
}: RectsShapeProps) {
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      if (mode === 'outline') {
        ctx.beginPath();
        for (const r of items) ctx.rect(r.x, r.y, r.w, r.h);
        ctx.lineWidth = lineWidth / scale;
        ctx.strokeStyle = stroke;
        ctx.stroke();
        return;
      }
      const byColor = new Map<string, Item[]>();
      for (const r of items) {
        const color = NOTE_COLORS[r.color ?? 'yellow'];
        const list = byColor.get(color);
        if (list) list.push(r);
        else byColor.set(color, [r]);
      }
      for (const [color, list] of byColor) {
        ctx.beginPath();
        for (const r of list) ctx.rect(r.x, r.y, r.w, r.h);
        ctx.fillStyle = color;
        ctx.fill();
      }
      if (greek) {
        ctx.beginPath();
        for (const r of items) {
          const lines = Math.min(4, Math.ceil((r.text?.length ?? 0) / 24));
          for (let i = 0; i < lines; i++) {
            const width = i === lines - 1 ? r.w * 0.45 : r.w * 0.76;
            ctx.rect(r.x + r.w * 0.12, r.y + r.h * (0.18 + i * 0.16), width, r.h * 0.07);
          }
        }
        ctx.fillStyle = 'rgba(31,35,40,0.28)';
        ctx.fill();
      }
    },
    [items, mode, stroke, lineWidth, scale, greek],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
});
