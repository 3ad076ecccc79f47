import { NOTE_COLORS, NOTE_MAX_SIZE, NOTE_MIN_SIZE, type NoteView } from '@paja/shared';
import type Konva from 'konva';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
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

export interface NoteHandlers {
  onSelect(id: string): void;
  onEdit(id: string): void;
  /** Every frame of a move or resize: shown to others through presence, not written. */
  onPreview(id: string, geometry: Geometry, kind: 'move' | 'resize'): void;
  onMoveEnd(id: string, x: number, y: number): void;
  onResizeEnd(id: string, w: number, h: number): void;
}

interface NoteShapeProps {
  note: NoteView;
  /** Someone's drag or resize in progress; overrides the stored geometry while it lasts. */
  preview: Geometry | null;
  selected: boolean;
  editing: boolean;
  draggable: boolean;
  resizable: boolean;
  /** Only the selected note needs the zoom (for its screen-sized handle and outline). */
  scale: number;
  handlers: NoteHandlers;
}

const HANDLE_PX = 14;
const SELECTION_COLOR = '#1A56DB';

/**
 * One sticky note. Memoised: with NoteView objects reused when unchanged (noteViews.ts), a
 * change to one note re-renders that note only.
 */
export const NoteShape = memo(function NoteShape({
  note,
  preview,
  selected,
  editing,
  draggable,
  resizable,
  scale,
  handlers,
}: NoteShapeProps) {
  const x = preview?.x ?? note.x;
  const y = preview?.y ?? note.y;
  const w = preview?.w ?? note.w;
  const h = preview?.h ?? note.h;
  const layout = noteLayout(note.text, w, h);
  const handle = HANDLE_PX / scale;

  const isSelf = (event: Konva.KonvaEventObject<unknown>) => event.target === event.currentTarget;

  return (
    <Group
      x={x}
      y={y}
      draggable={draggable}
      onPointerDown={(event) => {
        if (event.evt.button === 0) handlers.onSelect(note.id);
      }}
      onDblClick={() => handlers.onEdit(note.id)}
      onDblTap={() => handlers.onEdit(note.id)}
      onDragStart={(event) => {
        if (isSelf(event)) handlers.onSelect(note.id);
      }}
      onDragMove={(event) => {
        if (isSelf(event))
          handlers.onPreview(note.id, { x: event.target.x(), y: event.target.y(), w, h }, 'move');
      }}
      onDragEnd={(event) => {
        if (isSelf(event)) handlers.onMoveEnd(note.id, event.target.x(), event.target.y());
      }}
    >
      <Rect
        width={w}
        height={h}
        fill={NOTE_COLORS[note.color]}
        cornerRadius={NOTE_CORNER_RADIUS}
        shadowColor="#000"
        shadowOpacity={0.18}
        shadowBlur={6}
        shadowOffsetY={2}
        shadowForStrokeEnabled={false}
        stroke={selected ? SELECTION_COLOR : undefined}
        strokeWidth={selected ? 2 / scale : 0}
        perfectDrawEnabled={false}
      />
      {!editing && (
        <Text
          x={NOTE_PADDING}
          y={NOTE_PADDING}
          width={layout.textWidth}
          height={layout.textHeight}
          text={note.text}
          fontSize={layout.fontSize}
          fontFamily={NOTE_FONT_FAMILY}
          lineHeight={NOTE_LINE_HEIGHT}
          fill="#1F2328"
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {layout.showAuthor && note.authorName !== '' && (
        <Text
          x={NOTE_PADDING}
          y={h - NOTE_PADDING - AUTHOR_LINE + 4}
          width={layout.textWidth}
          text={note.authorName}
          fontSize={11}
          fontFamily={NOTE_FONT_FAMILY}
          fill="rgba(0,0,0,0.55)"
          wrap="none"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {selected && !editing && resizable && (
        <Rect
          name="resize-handle"
          x={w - handle}
          y={h - handle}
          width={handle}
          height={handle}
          fill={SELECTION_COLOR}
          cornerRadius={2 / scale}
          draggable
          onMouseEnter={(event) => setCursor(event, 'nwse-resize')}
          onMouseLeave={(event) => setCursor(event, '')}
          dragBoundFunc={function (this: Konva.Node, pos) {
            // Keep the handle where the size stays within the schema's limits.
            const parent = this.getParent();
            if (!parent) return pos;
            const origin = parent.getAbsolutePosition();
            const s = parent.getAbsoluteScale().x;
            const min = (NOTE_MIN_SIZE - handle) * s;
            const max = (NOTE_MAX_SIZE - handle) * s;
            return {
              x: origin.x + clamp(pos.x - origin.x, min, max),
              y: origin.y + clamp(pos.y - origin.y, min, max),
            };
          }}
          onDragMove={(event) => {
            event.cancelBubble = true;
            const size = handleToSize(event.target, handle);
            handlers.onPreview(note.id, { x, y, ...size }, 'resize');
          }}
          onDragEnd={(event) => {
            event.cancelBubble = true;
            const size = handleToSize(event.target, handle);
            handlers.onResizeEnd(note.id, size.w, size.h);
          }}
        />
      )}
    </Group>
  );
});

function handleToSize(node: Konva.Node, handle: number): { w: number; h: number } {
  return {
    w: clamp(node.x() + handle, NOTE_MIN_SIZE, NOTE_MAX_SIZE),
    h: clamp(node.y() + handle, NOTE_MIN_SIZE, NOTE_MAX_SIZE),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function setCursor(event: Konva.KonvaEventObject<MouseEvent>, cursor: string) {
  const container = event.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}
