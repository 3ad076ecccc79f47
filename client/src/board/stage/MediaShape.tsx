import { NOTE_COLORS, type NoteView } from '@paja/shared';
import type Konva from 'konva';
import { memo, useCallback } from 'react';
import { Shape } from 'react-konva';
import { imageFor, useImagesLoaded } from '../media/imageCache';
import {
  NOTE_CORNER_RADIUS,
  NOTE_FONT_FAMILY,
  NOTE_LINE_HEIGHT,
  NOTE_PADDING,
  noteLayout,
} from './noteLayout';

interface MediaShapeProps {
  note: NoteView;
  size: { w: number; h: number } | null;
  /** Large on screen: draw the full image, not the thumbnail. */
  sharp: boolean;
  /** While its editor is open the title or description is drawn by the editor. */
  editing: boolean;
}

const SHADOW_COLOR = 'rgba(0,0,0,0.13)';
const TEXT_COLOR = '#1F2328';
const MUTED = '#57606a';
const LINK_COLOR = '#0B57D0';
const LINK_BAR = 28;

/**
 * An image or a link item (a note with `media`, see shared/records/media.ts), drawn like
 * NoteShape: one Konva shape, no events (hitTest.ts finds it like any note). An image is drawn
 * whole inside the item's box (never cropped) from the thumbnail until the item is large on
 * screen; until it has loaded, a grey box with its description. A link is a card: the
 * address's host on a bar, the title, the address. Opening a link is an HTML link (NoteLinks),
 * not a canvas gesture, so keyboards and screen readers reach it.
 */
export const MediaShape = memo(function MediaShape({
  note,
  size,
  sharp,
  editing,
}: MediaShapeProps) {
  useImagesLoaded();
  const w = size?.w ?? note.w;
  const h = size?.h ?? note.h;
  const media = note.media;
  const image =
    media?.kind === 'image' ? (imageFor(media.blob, !sharp) ?? imageFor(media.blob, true)) : null;
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      ctx.fillStyle = SHADOW_COLOR;
      ctx.beginPath();
      ctx.roundRect(0, 2, w, h, NOTE_CORNER_RADIUS);
      ctx.fill();
      if (media?.kind === 'image') drawImage(ctx, image, note.text, w, h);
      else if (media?.kind === 'link') drawLink(ctx, note, media.url, w, h, editing);
    },
    [media, image, note, w, h, editing],
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

function drawImage(
  ctx: CanvasRenderingContext2D,
  image: HTMLImageElement | null,
  alt: string,
  w: number,
  h: number,
): void {
  ctx.fillStyle = '#FFFFFF';
  ctx.beginPath();
  ctx.roundRect(0, 0, w, h, 4);
  ctx.fill();
  if (image && image.naturalWidth > 0) {
    const scale = Math.min(w / image.naturalWidth, h / image.naturalHeight);
    const iw = image.naturalWidth * scale;
    const ih = image.naturalHeight * scale;
    ctx.drawImage(image, (w - iw) / 2, (h - ih) / 2, iw, ih);
    return;
  }
  ctx.fillStyle = '#E6E9ED';
  ctx.fillRect(4, 4, w - 8, h - 8);
  ctx.fillStyle = MUTED;
  ctx.font = `14px ${NOTE_FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  const layout = noteLayout(alt || '…', w, h);
  layout.lines.slice(0, 3).forEach((line, i) => {
    ctx.fillText(line, NOTE_PADDING, NOTE_PADDING + i * 18, layout.textWidth);
  });
}

function drawLink(
  ctx: CanvasRenderingContext2D,
  note: NoteView,
  url: string,
  w: number,
  h: number,
  editing: boolean,
): void {
  ctx.fillStyle = NOTE_COLORS[note.color];
  ctx.beginPath();
  ctx.roundRect(0, 0, w, h, NOTE_CORNER_RADIUS);
  ctx.fill();
  ctx.fillStyle = 'rgba(255,255,255,0.7)';
  ctx.beginPath();
  ctx.roundRect(0, 0, w, LINK_BAR, [NOTE_CORNER_RADIUS, NOTE_CORNER_RADIUS, 0, 0]);
  ctx.fill();
  ctx.textBaseline = 'middle';
  ctx.fillStyle = MUTED;
  ctx.font = `12px ${NOTE_FONT_FAMILY}`;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {}
  ctx.fillText(`↗ ${host}`, NOTE_PADDING, LINK_BAR / 2, w - 2 * NOTE_PADDING);
  ctx.textBaseline = 'top';
  const bodyH = h - LINK_BAR - (note.text === '' ? 8 : 22);
  if (!editing && bodyH > 16) {
    const layout = noteLayout(note.text || url, w, bodyH);
    ctx.fillStyle = TEXT_COLOR;
    ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
    const step = layout.fontSize * NOTE_LINE_HEIGHT;
    layout.lines.forEach((line, i) => {
      ctx.fillText(line, NOTE_PADDING, LINK_BAR + 6 + i * step, layout.textWidth);
    });
  }
  // Without a title the address is the body; with one, it goes under it.
  if (note.text === '') return;
  ctx.fillStyle = LINK_COLOR;
  ctx.font = `12px ${NOTE_FONT_FAMILY}`;
  ctx.fillText(url, NOTE_PADDING, h - 18, w - 2 * NOTE_PADDING);
}
