import { NOTE_COLORS, type NoteView } from '@paja/shared';
import type Konva from 'konva';
import { memo, useCallback } from 'react';
import { Shape } from 'react-konva';
import { authorLine } from '../../workshop/organisations';
import {
  AUTHOR_LINE,
  NOTE_CORNER_RADIUS,
  NOTE_FONT_FAMILY,
  NOTE_LINE_HEIGHT,
  NOTE_PADDING,
  noteLayout,
} from './noteLayout';

export interface Geometry {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface NoteShapeProps {
  note: NoteView;
  /** A resize in progress (mine or someone else's) overrides the stored size. */
  size: { w: number; h: number } | null;
  /** While its editor is open the text is drawn by the editor, not twice. */
  editing: boolean;
}

const TEXT_COLOR = '#1F2328';
const AUTHOR_COLOR = 'rgba(0,0,0,0.6)';
const SHADOW_COLOR = 'rgba(0,0,0,0.13)';

/**
 * One sticky note as one Konva shape with its own draw function: shadow, paper, text lines,
 * author. One node instead of five, and the text is wrapped once by noteLayout (cached), not
 * again by Konva on every mount: mounting is what costs when a pan or zoom brings new notes
 * into view. It listens to no events (hitTest.ts finds what is under the pointer), so Konva
 * draws no hit canvas for it. Memoised: NoteView objects are reused when unchanged
 * (noteViews.ts), and selection is drawn on the overlay layer, so selecting, panning or
 * someone typing in another note does not re-render it. The shadow is an offset rectangle: a
 * blurred shadow costs more than the rest of the note together under software rendering.
 */
export const NoteShape = memo(function NoteShape({ note, size, editing }: NoteShapeProps) {
  const w = size?.w ?? note.w;
  const h = size?.h ?? note.h;
  const layout = noteLayout(note.text, w, h);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      ctx.fillStyle = SHADOW_COLOR;
      ctx.beginPath();
      ctx.roundRect(0, 2, w, h, NOTE_CORNER_RADIUS);
      ctx.fill();
      ctx.fillStyle = NOTE_COLORS[note.color];
      ctx.beginPath();
      ctx.roundRect(0, 0, w, h, NOTE_CORNER_RADIUS);
      ctx.fill();
      ctx.textBaseline = 'top';
      if (!editing && layout.lines.length > 0) {
        ctx.fillStyle = TEXT_COLOR;
        ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
        const step = layout.fontSize * NOTE_LINE_HEIGHT;
        // Centre the glyphs in their line box, as CSS does in the editor over the note.
        const half = (step - layout.fontSize) / 2;
        layout.lines.forEach((line, i) => {
          ctx.fillText(line, NOTE_PADDING, NOTE_PADDING + half + i * step, layout.textWidth);
        });
      }
      const byline = authorLine(note);
      if (layout.showAuthor && byline !== '') {
        ctx.fillStyle = AUTHOR_COLOR;
        ctx.font = `11px ${NOTE_FONT_FAMILY}`;
        const width = layout.textWidth - (note.locked ? 16 : 0);
        ctx.fillText(byline, NOTE_PADDING, h - NOTE_PADDING - AUTHOR_LINE + 4, width);
      }
      if (note.locked) drawLock(ctx, w - NOTE_PADDING - 12, h - NOTE_PADDING - 12);
    },
    [note, w, h, layout, editing],
  );
  return (
    <Shape
      x={note.x}
      y={note.y}
      width={w}
      height={h}
      sceneFunc={sceneFunc}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
});

/** A small padlock (drawn, not an emoji: not every device has an emoji font). */
function drawLock(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = TEXT_COLOR;
  ctx.strokeStyle = TEXT_COLOR;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  ctx.arc(x + 6, y + 5, 3.2, Math.PI, 0);
  ctx.stroke();
  ctx.fillRect(x + 1.5, y + 5, 9, 7);
}
