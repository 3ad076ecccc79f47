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
  /** A private brainstorm's note: drawn with a dashed edge and this label above it. */
  privateLabel?: string | null;
  /** Shown in its original for lack of a translation: this label on a tab below the note. */
  untranslatedLabel?: string | null;
}

const TEXT_COLOR = '#1F2328';
const AUTHOR_COLOR = 'rgba(0,0,0,0.6)';
const SHADOW_COLOR = 'rgba(0,0,0,0.13)';
/** Private notes: a dashed edge and a label in the same colour (contrast 8:1 on white). */
const PRIVATE_COLOR = '#4B2E83';
const PRIVATE_LABEL_FONT = 12;

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
export const NoteShape = memo(function NoteShape({
  note,
  size,
  editing,
  privateLabel = null,
  untranslatedLabel = null,
}: NoteShapeProps) {
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
        // A locked note's padlock (LockMarks.tsx) sits in the bottom-right corner.
        const width = layout.textWidth - (note.locked ? 20 : 0);
        ctx.fillText(byline, NOTE_PADDING, h - NOTE_PADDING - AUTHOR_LINE + 4, width);
      }
      if (privateLabel !== null) drawPrivate(ctx, w, h, privateLabel);
      if (untranslatedLabel !== null) drawUntranslated(ctx, w, h, untranslatedLabel);
    },
    [note, w, h, layout, editing, privateLabel, untranslatedLabel],
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

/**
 * The mark of a private note: a dashed edge, and above the note a label on a white tab with an
 * eye crossed out ("only you see this"), so it is not mistaken for a note everyone sees.
 */
function drawPrivate(ctx: CanvasRenderingContext2D, w: number, h: number, label: string): void {
  ctx.save();
  ctx.strokeStyle = PRIVATE_COLOR;
  ctx.lineWidth = 2;
  ctx.setLineDash([7, 5]);
  ctx.beginPath();
  ctx.roundRect(-1, -1, w + 2, h + 2, NOTE_CORNER_RADIUS + 1);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = `600 ${PRIVATE_LABEL_FONT}px ${NOTE_FONT_FAMILY}`;
  const tabH = PRIVATE_LABEL_FONT + 8;
  // The tab may be wider than the note (a label in Finnish is long); past twice its width the
  // label is cut with an ellipsis rather than squeezed.
  const text = fitLabel(ctx, label, w * 2 - 32);
  const textW = ctx.measureText(text).width;
  const tabW = textW + 32;
  ctx.fillStyle = PRIVATE_COLOR;
  ctx.beginPath();
  ctx.roundRect(0, -tabH - 4, tabW, tabH, 4);
  ctx.fill();
  ctx.fillStyle = '#FFFFFF';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 24, -tabH / 2 - 3);
  // An eye with a stroke through it.
  ctx.strokeStyle = '#FFFFFF';
  ctx.lineWidth = 1.4;
  const cx = 13;
  const cy = -tabH / 2 - 4;
  ctx.beginPath();
  ctx.ellipse(cx, cy, 6, 3.6, 0, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(cx - 6, cy + 5);
  ctx.lineTo(cx + 6, cy - 5);
  ctx.stroke();
  ctx.restore();
}

const UNTRANSLATED_COLOR = '#3D4148';

/**
 * The mark of a note shown in its original language (no translation into the reader's yet): a
 * white tab with a dashed edge hanging under the note's bottom edge, with the label in dark grey
 * (10:1 on white), so it never covers the text and is not mistaken for the author line.
 */
function drawUntranslated(ctx: CanvasRenderingContext2D, w: number, h: number, label: string) {
  ctx.save();
  ctx.font = `600 ${PRIVATE_LABEL_FONT}px ${NOTE_FONT_FAMILY}`;
  const text = fitLabel(ctx, label, Math.max(w, 140) - 16);
  const tabW = ctx.measureText(text).width + 16;
  const tabH = PRIVATE_LABEL_FONT + 8;
  ctx.fillStyle = '#FFFFFF';
  ctx.strokeStyle = UNTRANSLATED_COLOR;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.roundRect(0, h + 4, tabW, tabH, 4);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = UNTRANSLATED_COLOR;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 8, h + 4 + tabH / 2);
  ctx.restore();
}

function fitLabel(ctx: CanvasRenderingContext2D, label: string, maxWidth: number): string {
  if (ctx.measureText(label).width <= maxWidth) return label;
  let cut = label;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
