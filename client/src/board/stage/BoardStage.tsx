import type { ClusterView, ContentLang, NoteView } from '@paja/shared';
import type Konva from 'konva';
import { memo, useMemo, useRef } from 'react';
import { Group, Layer, Rect, Stage } from 'react-konva';
import type { Awareness } from 'y-protocols/awareness';
import type { Detail } from '../canvas/culling';
import { privacyOf } from '../canvas/privacy';
import type { HeaderHit, RoadmapGeometry } from '../canvas/roadmapLayout';
import type { Bounds, Size, Viewport } from '../canvas/viewport';
import type { ViewState } from '../input/CanvasCamera';
import type { LocalMove } from '../input/moves';
import type { PeerActivity } from '../presence/presence';
import type { Store } from '../session/store';
import { ClusterShapes } from './ClusterShapes';
import { CursorLayer } from './CursorLayer';
import { stageMargin, useFrozenStage } from './frozenStage';
import { LockMarks } from './LockMarks';
import { MediaShape } from './MediaShape';
import { NoteShape } from './NoteShape';
import { RectsShape } from './RectsShape';
import { RoadmapGrid } from './RoadmapGrid';
import type { TitleTarget } from './TitleEditor';

export interface StageLabels {
  untitled: string;
  count(n: number): string;
  /** Over a private note of mine, and of someone else's (facilitators). */
  privateMine: string;
  privateOthers(name: string): string;
  /** "Not translated · Finnish" for a text shown in its original (`lang`), or null. */
  untranslated(text: string, lang: ContentLang | null): string | null;
}

export interface StageProps {
  size: Size;
  viewport: Viewport;
  /** The view as it moves: the stage follows it ahead of React during a gesture (not in a
   * snapshot, which does not move). */
  liveView?: Store<ViewState>;
  detail: Detail;
  /** Notes to draw on the board layer: culled, without the ones being moved. */
  boardNotes: readonly NoteView[];
  /** Notes being moved by me, drawn on the overlay layer at their offset. */
  movingNotes: readonly NoteView[];
  movingCluster: ClusterView | null;
  move: LocalMove | null;
  clusters: readonly ClusterView[];
  roadmap: RoadmapGeometry | null;
  dropCell: { lane: string; period: string } | null;
  /** The cluster under the pointer of a drag: the notes would join it. */
  dropCluster: ClusterView | null;
  /** Header boxes of locked lanes and periods (and the roadmap's corner when all is locked). */
  lockedHeaders: readonly Bounds[];
  /** Selected notes that are drawn (for outlines). */
  selectedNotes: readonly NoteView[];
  selectedCluster: ClusterView | null;
  resizeHandle: Bounds | null;
  marquee: Bounds | null;
  /** The note the keyboard is on, while the canvas's keys have the focus. */
  focusRing: Bounds | null;
  peers: readonly PeerActivity[];
  peerSelected: ReadonlyMap<number, NoteView[]>;
  resizing: { id: string; w: number; h: number } | null;
  editingId: string | null;
  editingTitle: TitleTarget | null;
  awareness: Awareness;
  labels: StageLabels;
}

const SELECTION = '#1A56DB';

/**
 * The stage's element reaches `margin` past the screen's edges, and is moved by a CSS transform
 * during a gesture (frozenStage.ts): a compositor layer of its own (`will-change`), so that
 * moving it repaints nothing and its canvases are not copied again at every frame.
 */
function STAGE_STYLE(margin: { x: number; y: number }) {
  return {
    position: 'absolute',
    left: -margin.x,
    top: -margin.y,
    transformOrigin: '0 0',
    willChange: 'transform',
  } as const;
}

/**
 * The canvas, in three layers (each a <canvas>; few layers, because each costs memory and a
 * composite):
 *   board    roadmap, clusters, notes: redrawn when they change or React renders a new view
 *   overlay  what I am doing: selection outlines, the notes I drag, the marquee; and others'
 *            selections. A drag redraws this layer only, not the thousands of notes below
 *   cursors  other people's pointers (CursorLayer), animated on their own
 * The stage is drawn at React's view on canvases reaching past the screen, and during a pan or
 * zoom its drawing is moved as a picture, not redrawn (frozenStage.ts).
 * No layer listens to events (see hitTest.ts).
 */
export const BoardStage = memo(function BoardStage(props: StageProps) {
  const { size, viewport, detail, move, labels } = props;
  const scale = viewport.scale;
  const editingCluster = props.editingTitle?.kind === 'cluster' ? props.editingTitle.id : null;
  const title = props.editingTitle;
  const editingHeader: HeaderHit | null =
    title && title.kind !== 'cluster' ? { axis: title.kind, id: title.id } : null;
  const stage = useRef<Konva.Stage>(null);
  const boardLayer = useRef<Konva.Layer>(null);
  const { width, height } = size;
  const margin = useMemo(() => stageMargin({ width, height }), [width, height]);
  useFrozenStage(stage, boardLayer, props.liveView, margin);
  return (
    <Stage
      ref={stage}
      width={size.width + 2 * margin.x}
      height={size.height + 2 * margin.y}
      x={viewport.x + margin.x}
      y={viewport.y + margin.y}
      scaleX={scale}
      scaleY={scale}
      listening={false}
      style={STAGE_STYLE(margin)}
    >
      <Layer ref={boardLayer} listening={false}>
        {props.roadmap && (
          <RoadmapGrid
            geometry={props.roadmap}
            editing={editingHeader}
            untitled={labels.untitled}
            target={props.dropCell}
          />
        )}
        <ClusterShapes
          clusters={props.clusters}
          editingId={editingCluster}
          untitled={labels.untitled}
          countLabel={labels.count}
          untranslated={labels.untranslated}
        />
        <Notes
          notes={props.boardNotes}
          detail={detail}
          scale={scale}
          resizing={props.resizing}
          editingId={props.editingId}
          labels={labels}
        />
        <LockMarks
          notes={props.boardNotes}
          clusters={props.clusters}
          headers={props.lockedHeaders}
          scale={scale}
        />
      </Layer>
      <Layer listening={false} visible={overlayShown(props)}>
        {props.peers.map((peer) => {
          const notes = props.peerSelected.get(peer.clientId);
          return notes && notes.length > 0 ? (
            <RectsShape
              key={peer.clientId}
              items={notes}
              mode="outline"
              stroke={peer.color}
              lineWidth={3}
              scale={scale}
            />
          ) : null;
        })}
        {move && (
          <Group x={move.dx} y={move.dy} opacity={0.92}>
            {props.movingCluster && (
              <ClusterShapes
                clusters={[props.movingCluster]}
                editingId={null}
                untitled={labels.untitled}
                countLabel={labels.count}
              />
            )}
            <Notes
              notes={props.movingNotes}
              detail={detail}
              scale={scale}
              resizing={null}
              editingId={props.editingId}
              labels={labels}
            />
            <RectsShape items={props.movingNotes} mode="outline" scale={scale} />
          </Group>
        )}
        {!move && props.selectedNotes.length > 0 && (
          <RectsShape items={props.selectedNotes} mode="outline" stroke={SELECTION} scale={scale} />
        )}
        {props.dropCluster && (
          <Rect
            x={props.dropCluster.x}
            y={props.dropCluster.y}
            width={props.dropCluster.w}
            height={props.dropCluster.h}
            fill="rgba(26,86,219,0.10)"
            stroke={SELECTION}
            strokeWidth={4 / scale}
            cornerRadius={14}
          />
        )}
        {props.selectedCluster && !move && (
          <Rect
            x={props.selectedCluster.x}
            y={props.selectedCluster.y}
            width={props.selectedCluster.collapsed ? 260 : props.selectedCluster.w}
            height={props.selectedCluster.collapsed ? 100 : props.selectedCluster.h}
            stroke={SELECTION}
            strokeWidth={3 / scale}
            cornerRadius={14}
          />
        )}
        {props.resizeHandle && !move && (
          <Rect
            x={props.resizeHandle.x}
            y={props.resizeHandle.y}
            width={props.resizeHandle.w}
            height={props.resizeHandle.h}
            fill={SELECTION}
            cornerRadius={2 / scale}
          />
        )}
        {props.focusRing && <FocusRing bounds={props.focusRing} scale={scale} />}
        {props.marquee && (
          <Rect
            x={props.marquee.x}
            y={props.marquee.y}
            width={props.marquee.w}
            height={props.marquee.h}
            fill="rgba(26,86,219,0.08)"
            stroke={SELECTION}
            strokeWidth={1 / scale}
            dash={[6 / scale, 4 / scale]}
          />
        )}
      </Layer>
      <CursorLayer awareness={props.awareness} scale={scale} />
    </Stage>
  );
});

/**
 * The keyboard's focus ring: a dark band with a white band inside, a few pixels outside the
 * note, the same thickness on screen at every zoom, so it shows on every note colour and on
 * the board's background (WCAG 2.4.7), and is unlike the selection's thin blue outline.
 */
function FocusRing({ bounds, scale }: { bounds: Bounds; scale: number }) {
  const px = 1 / scale;
  const ring = (gap: number, color: string) => (
    <Rect
      x={bounds.x - gap * px}
      y={bounds.y - gap * px}
      width={bounds.w + 2 * gap * px}
      height={bounds.h + 2 * gap * px}
      stroke={color}
      strokeWidth={3 * px}
      cornerRadius={8 * px}
    />
  );
  return (
    <>
      {ring(8, '#111827')}
      {ring(5, '#ffffff')}
    </>
  );
}

/**
 * Whether the overlay has anything to draw. An empty layer is hidden (Konva: `display: none`):
 * Chromium copies every shown canvas to the compositor at each frame, drawn or not, which was
 * about a fifth of a pan's frame here (bench/RESULTS.md).
 */
function overlayShown(props: StageProps): boolean {
  return (
    props.peers.length > 0 ||
    props.move !== null ||
    props.selectedNotes.length > 0 ||
    props.dropCluster !== null ||
    props.selectedCluster !== null ||
    props.resizeHandle !== null ||
    props.focusRing !== null ||
    props.marquee !== null
  );
}

function privateLabel(note: NoteView, labels: StageLabels): string | null {
  const privacy = privacyOf(note);
  if (privacy === undefined) return null;
  return privacy === 'mine' ? labels.privateMine : labels.privateOthers(note.authorName);
}

/**
 * The notes, at the level of detail the zoom allows: each note with its text, or all of them
 * as coloured rectangles in one shape (with grey bars for text while they are big enough).
 */
function Notes({
  notes,
  detail,
  scale,
  resizing,
  editingId,
  labels,
}: {
  notes: readonly NoteView[];
  detail: Detail;
  scale: number;
  resizing: { id: string; w: number; h: number } | null;
  editingId: string | null;
  labels: StageLabels;
}) {
  if (detail === 'overview') {
    return <RectsShape items={notes} mode="notes" scale={scale} greek={scale > 0.12} />;
  }
  return (
    <>
      {notes.map((note) =>
        note.media ? (
          <MediaShape
            key={note.id}
            note={note}
            size={resizing?.id === note.id ? resizing : null}
            // The thumbnail is 320 px on its longer side: past that on screen, the full image.
            sharp={Math.max(note.w, note.h) * scale > 360}
            editing={note.id === editingId}
          />
        ) : (
          <NoteShape
            key={note.id}
            note={note}
            size={resizing?.id === note.id ? resizing : null}
            editing={note.id === editingId}
            privateLabel={privateLabel(note, labels)}
            untranslatedLabel={labels.untranslated(note.text, note.lang)}
          />
        ),
      )}
    </>
  );
}
