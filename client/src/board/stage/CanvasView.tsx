import type { ContentLang, NoteView, RoadmapView } from '@paja/shared';
import { type ReactNode, type RefObject, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { HANDLE_PX } from '../canvas/hitTest';
import {
  headerBounds,
  LANE_HEADER_W,
  PERIOD_HEADER_H,
  type RoadmapGeometry,
} from '../canvas/roadmapLayout';
import type { Bounds } from '../canvas/viewport';
import type { ViewState } from '../input/CanvasCamera';
import type { CanvasState } from '../input/canvasState';
import { moveTarget } from '../input/moves';
import { useReadingLang } from '../language/ReadingLang';
import { isUntranslated } from '../language/readingLang';
import { NoteLinks } from '../media/NoteLinks';
import type { DragPreview, PeerActivity } from '../presence/presence';
import type { BoardSession } from '../session/BoardSession';
import type { Store } from '../session/store';
import { BoardStage } from './BoardStage';
import { NoteEditor } from './NoteEditor';
import { TitleEditor, type TitleTarget, titleBoxOf } from './TitleEditor';
import type { Scene } from './useScene';

interface CanvasViewProps {
  containerRef: RefObject<HTMLElement | null>;
  session: BoardSession;
  scene: Scene;
  canvas: CanvasState;
  view: ViewState;
  /** The view as it moves, ahead of `view` during a gesture (liveView.ts). */
  liveView: Store<ViewState>;
  peers: readonly PeerActivity[];
  /** Notes other people are resizing right now. */
  peerResizes: ReadonlyMap<string, DragPreview>;
  readOnly: boolean;
  /** Lanes and periods with their locks, and whether the whole roadmap is locked. */
  roadmap: RoadmapView;
  roadmapLocked: boolean;
  /** The board is known (synced or restored) and has no notes: say how to start. */
  showHint: boolean;
  /** `byEscape`: closed with Escape, so the keyboard goes back to the note. */
  onCloseEditor(byEscape: boolean): void;
  onCommitTitle(target: TitleTarget, title: string): void;
  onCloseTitle(): void;
  /** HTML laid over the notes (the vote's dot controls and result badges). */
  overlay?: ReactNode;
}

/**
 * The canvas as it is drawn: the scene, my selection, a move or resize in progress and other
 * people's, the note and title editors laid over it. It renders what it is given and handles no
 * input: pointer gestures are attached to its container by the board view (input/), and edits
 * leave through the callbacks.
 */
export function CanvasView(props: CanvasViewProps) {
  const { t } = useI18n();
  const readingLang = useReadingLang();
  const { scene, canvas, view, peers } = props;
  const { viewport, size } = view;
  const { clusters, roadmapLayout, shown, byId, culled, detail } = scene;
  const { move, selection, resizing, editingId, titleEditing } = canvas;

  const movingIds = move?.ids;
  const boardNotes = useMemo(
    () => (movingIds && movingIds.size > 0 ? culled.filter((n) => !movingIds.has(n.id)) : culled),
    [culled, movingIds],
  );
  const movingNotes = useMemo(
    () => (movingIds ? shown.filter((n) => movingIds.has(n.id)) : []),
    [shown, movingIds],
  );
  const boardClusters = useMemo(
    () => (move?.cluster ? clusters.filter((c) => c.id !== move.cluster) : clusters),
    [clusters, move?.cluster],
  );
  const selectedShown = useMemo(
    () => (selection.size === 0 ? [] : culled.filter((n) => selection.has(n.id))),
    [culled, selection],
  );
  const peerSelected = useMemo(() => {
    const map = new Map<number, NoteView[]>();
    for (const peer of peers) {
      map.set(
        peer.clientId,
        peer.selection.flatMap((id) => byId.get(id) ?? []),
      );
    }
    return map;
  }, [peers, byId]);
  const labels = useMemo(
    () => ({
      untitled: t('cluster.untitled'),
      count: (n: number) => t('cluster.count', { count: n }),
      privateMine: t('private.label.mine'),
      privateOthers: (name: string) => t('private.label.others', { name }),
      untranslated: (text: string, lang: ContentLang | null) =>
        lang !== null && isUntranslated(text, lang, readingLang)
          ? t('lang.untranslated', { language: t(`lang.name.${lang}`) })
          : null,
    }),
    [t, readingLang],
  );

  const cluster = clusters.find((c) => c.id === canvas.selectedCluster) ?? null;
  const single = selection.size === 1 ? byId.get([...selection][0] ?? '') : undefined;
  const handle =
    single && !single.locked && !props.readOnly
      ? (() => {
          const side = HANDLE_PX / viewport.scale;
          const w = resizing?.id === single.id ? resizing.w : single.w;
          const h = resizing?.id === single.id ? resizing.h : single.h;
          return { x: single.x + w - side, y: single.y + h - side, w: side, h: side };
        })()
      : null;
  const remoteResize =
    resizing ??
    [...props.peerResizes.values()].map((d) => ({ id: d.noteId, w: d.w, h: d.h }))[0] ??
    null;
  // Where the dragged notes would be filed: under the pointer (drop.ts), shown while dragging.
  const target = move && movingNotes.length > 0 ? moveTarget(scene, move) : null;
  const dropCell = target?.kind === 'cell' ? target.cell : null;
  const dropCluster =
    target?.kind === 'cluster' ? (clusters.find((c) => c.id === target.id) ?? null) : null;
  const lockedHeaders = useMemo(
    () => lockedHeaderBoxes(roadmapLayout.geometry, props.roadmap, props.roadmapLocked),
    [roadmapLayout.geometry, props.roadmap, props.roadmapLocked],
  );
  const editing = editingId ? byId.get(editingId) : undefined;
  const titleBox = titleEditing ? titleBoxOf(titleEditing, clusters, roadmapLayout) : null;
  const panning = canvas.tool === 'pan' || canvas.spaceHeld;
  // The keyboard's focus ring, drawn while the canvas's keys have the focus (and moving with
  // the notes in move mode).
  const focused = canvas.keyFocus && canvas.focusedId ? byId.get(canvas.focusedId) : undefined;
  const carried = focused && move?.ids.has(focused.id) ? move : null;
  const focusRing = focused
    ? { ...focused, x: focused.x + (carried?.dx ?? 0), y: focused.y + (carried?.dy ?? 0) }
    : null;

  return (
    <section
      ref={props.containerRef as RefObject<HTMLElement>}
      className={`canvas${panning ? ' panning' : ''}`}
      aria-label={t(props.readOnly ? 'board.canvasLabelRead' : 'board.canvasLabel')}
      data-testid="canvas"
      data-viewport={`${viewport.x},${viewport.y},${viewport.scale}`}
      data-detail={detail}
      data-drawn={culled.length}
      data-focused={focusRing ? (canvas.focusedId ?? undefined) : undefined}
    >
      {size.width > 0 && (
        <BoardStage
          size={size}
          viewport={viewport}
          liveView={props.liveView}
          detail={detail}
          boardNotes={boardNotes}
          movingNotes={movingNotes}
          movingCluster={move?.cluster ? cluster : null}
          move={move}
          clusters={boardClusters}
          roadmap={roadmapLayout.geometry}
          dropCell={dropCell}
          dropCluster={dropCluster}
          lockedHeaders={lockedHeaders}
          selectedNotes={selectedShown}
          selectedCluster={cluster}
          resizeHandle={handle}
          marquee={canvas.marquee}
          focusRing={focusRing}
          peers={peers}
          peerSelected={peerSelected}
          resizing={remoteResize}
          editingId={editingId}
          editingTitle={titleEditing}
          awareness={props.session.awareness}
          labels={labels}
        />
      )}
      {editing && (
        <NoteEditor
          key={editing.id}
          doc={
            props.session.brainstorm.isPrivate(editing.id)
              ? props.session.brainstorm.doc
              : props.session.doc
          }
          noteId={editing.id}
          geometry={editorBox(resizing?.id === editing.id ? { ...editing, ...resizing } : editing)}
          placeholder={editing.media?.kind === 'image' ? t('media.alt.placeholder') : undefined}
          color={editing.color}
          text={editing.text}
          lang={props.session.brainstorm.isPrivate(editing.id) ? null : readingLang}
          viewport={viewport}
          onClose={props.onCloseEditor}
        />
      )}
      {titleEditing && titleBox && (
        <TitleEditor
          key={`${titleEditing.kind}:${titleEditing.id}`}
          box={titleBox.box}
          viewport={viewport}
          initial={titleBox.title}
          fontSize={titleBox.fontSize}
          label={t('title.label')}
          placeholder={t('title.placeholder')}
          onCommit={(title) => props.onCommitTitle(titleEditing, title)}
          onClose={props.onCloseTitle}
        />
      )}
      {single && !editing && !move && <NoteLinks note={single} viewport={viewport} />}
      {props.overlay}
      {props.showHint && <p className="canvas-hint">{t('board.hint')}</p>}
    </section>
  );
}

/**
 * Where a note's editor goes: over the note; for an image or a link item, a strip just below
 * it, so the picture stays in sight while its description (or the link's title) is written.
 */
function editorBox(note: NoteView): Bounds {
  if (!note.media) return note;
  return { x: note.x, y: note.y + note.h + 8, w: Math.max(note.w, 240), h: 96 };
}

/** Header boxes of locked lanes and periods; the grid's corner when the whole roadmap is. */
function lockedHeaderBoxes(
  geometry: RoadmapGeometry | null,
  roadmap: RoadmapView,
  all: boolean,
): Bounds[] {
  if (!geometry) return [];
  const boxes: Bounds[] = [];
  if (all) boxes.push({ x: geometry.x, y: geometry.y, w: LANE_HEADER_W, h: PERIOD_HEADER_H });
  for (const lane of roadmap.lanes) {
    const box = lane.locked && headerBounds(geometry, { axis: 'lane', id: lane.id });
    if (box) boxes.push(box);
  }
  for (const period of roadmap.periods) {
    const box = period.locked && headerBounds(geometry, { axis: 'period', id: period.id });
    if (box) boxes.push(box);
  }
  return boxes;
}
