import {
  arrangeCluster,
  createCluster,
  createNote,
  deleteCluster,
  deleteNotes,
  type NoteColor,
  type NoteView,
  type Role,
  recolorNotes,
  renameAxisItem,
  renameCluster,
  resizeNote,
  setClusterCollapsed,
  setNotesLocked,
} from '@paja/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import type { PresenceUser } from '../presence';
import { BoardStage, type LocalMove } from './BoardStage';
import { useBoardKeys } from './boardKeys';
import type { BoardPresence } from './boardPresence';
import { ConfirmDialog } from './ConfirmDialog';
import { centerOf } from './canvas/geometry';
import type { Hit } from './canvas/hitTest';
import { HANDLE_PX } from './canvas/hitTest';
import { centerOn } from './canvas/minimap';
import { cellAt, withPlacement } from './canvas/roadmapLayout';
import {
  clickSelect,
  EMPTY_SELECTION,
  marqueeSelect,
  pruneSelection,
  type Selection,
  selectAll,
  selectionBounds,
} from './canvas/selection';
import { useCanvasProbe } from './canvasProbe';
import { Minimap } from './Minimap';
import { NoteEditor } from './NoteEditor';
import { NoteList } from './NoteList';
import { Notice, type NoticeMessage } from './Notice';
import { placeNewNote } from './placement';
import { RoadmapPanel } from './RoadmapPanel';
import { SearchBox } from './SearchBox';
import { TitleEditor, type TitleTarget, titleBoxOf } from './TitleEditor';
import { type SelectionSummary, Toolbar } from './Toolbar';
import type { BoardSession } from './useBoard';
import { useBoardExtras } from './useBoardExtras';
import { useCanvasGestures } from './useCanvasGestures';
import { useClipboard } from './useClipboard';
import { useMoves } from './useMoves';
import { usePaste } from './usePaste';
import { usePeerActivity } from './usePeerActivity';
import { usePeerDrags } from './usePresence';
import { useScene } from './useScene';
import { useUndo } from './useUndo';
import { useViewport } from './useViewport';
import { type Bounds, boundsOf, fitBounds, type Point, viewCenter } from './viewport';

interface BoardViewProps {
  session: BoardSession;
  notes: NoteView[];
  synced: boolean;
  user: PresenceUser;
  /** The link's role may not change the board (viewer, commenter): no editing tools. */
  readOnly: boolean;
  role: Role | null;
  presence: BoardPresence;
}

type Resizing = { id: string; w: number; h: number };

/**
 * The board canvas and everything over it. State that is mine alone lives here (selection,
 * what I am dragging, the editor); everything shared is a transaction on the Y.Doc through
 * shared/'s operations, and comes back to be drawn through useBoard and useBoardExtras.
 * Pointer input: useCanvasGestures; keys: boardKeys; drawing: BoardStage.
 */
export function BoardView({
  session,
  notes,
  synced,
  user,
  readOnly,
  role,
  presence,
}: BoardViewProps) {
  const { t } = useI18n();
  const { doc, provider } = session;
  const containerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { viewport, size, setViewport, updateViewport, zoomStep, resetZoom } =
    useViewport(containerRef);
  const undo = useUndo(doc);
  const extras = useBoardExtras(doc);
  const peerActivity = usePeerActivity(provider.awareness);
  const peerResizes = usePeerDrags(provider.awareness);

  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [selectedCluster, setSelectedCluster] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [titleEditing, setTitleEditing] = useState<TitleTarget | null>(null);
  const [tool, setTool] = useState<'select' | 'pan'>('select');
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [_move, _setMove] = useState<LocalMove | null>(null);
  const [resizing, setResizing] = useState<Resizing | null>(null);
  const [marquee, setMarquee] = useState<Bounds | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [confirm, setConfirm] = useState<{ message: string; run(): void } | null>(null);
  const [roadmapOpen, setRoadmapOpen] = useState(false);

  const scene = useScene(notes, extras, peerActivity, viewport, size);
  const { clusters, roadmapLayout, placed, shown, byId, culled, detail } = scene;

  // Selection follows the document: notes deleted here or elsewhere leave it.
  useEffect(() => {
    setSelection((current) => pruneSelection(current, (id) => byId.has(id)));
    if (editingId !== null && !byId.has(editingId)) setEditingId(null);
    if (selectedCluster !== null && !clusters.some((c) => c.id === selectedCluster)) {
      setSelectedCluster(null);
    }
  }, [byId, clusters, editingId, selectedCluster]);

  useEffect(() => presence.setSelection([...selection]), [presence, selection]);

  // Joining a board that already has notes: show them all once, after the first sync. Set
  // during render (React re-renders at once, before committing) rather than in an effect:
  // otherwise the first frame would mount the notes at 100 % only to throw them away.
  const [fitted, setFitted] = useState(false);
  if (!fitted && synced && size.width > 0) {
    setFitted(true);
    const bounds = boundsOf(shown);
    if (bounds) setViewport(fitBounds(bounds, size, 90));
  }

  // Handlers read the latest values through a ref so that they never change identity.
  const pointer = useRef<Point | null>(null);
  const state = {
    scene,
    notes,
    shown,
    byId,
    clusters,
    roadmapLayout,
    viewport,
    size,
    selection,
    selectedCluster,
    readOnly,
    resizing,
    user,
  };
  const latest = useRef(state);
  latest.current = state;
  const current = useCallback(
    () => ({
      scene: latest.current.scene,
      selection: latest.current.selection,
      readOnly: latest.current.readOnly,
      viewport: latest.current.viewport,
    }),
    [],
  );
  const author = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name]);

  const selectedNotes = useCallback(
    () => [...latest.current.selection].flatMap((id) => latest.current.byId.get(id) ?? []),
    [],
  );
  const selectOnly = useCallback((ids: Iterable<string>) => {
    setSelection(new Set(ids));
    setSelectedCluster(null);
  }, []);

  // --- Notes: create, delete, recolour ------------------------------------------------------
  const addNoteAt = useCallback(
    (center: Point) => {
      if (latest.current.readOnly) return;
      const at = placeNewNote(center, latest.current.notes);
      let id = '';
      undo.act(() => {
        id = createNote(doc, { ...at, authorId: author.id, authorName: author.name });
      });
      selectOnly([id]);
      setEditingId(id);
    },
    [doc, author, undo, selectOnly],
  );
  const addNoteAtCenter = useCallback(() => {
    addNoteAt(viewCenter(latest.current.viewport, latest.current.size));
  }, [addNoteAt]);

  const deleteSelected = useCallback(() => {
    if (latest.current.readOnly) return;
    const ids = [...latest.current.selection];
    if (ids.length === 0) return;
    undo.act(() => deleteNotes(doc, ids));
    setEditingId(null);
  }, [doc, undo]);

  // --- Moving: a drag, a cluster drag or a nudge ends here, written once --------------------
  const moves = useMoves(doc, undo.act, presence, current);
  const { move } = moves;

  // --- Pointer gestures ---------------------------------------------------------------------
  const pressedGroup = useRef(false);
  const openTitleEditor = useCallback((target: TitleTarget) => {
    if (!latest.current.readOnly) setTitleEditing(target);
  }, []);
  useCanvasGestures(containerRef, {
    scene: () => ({
      notes: latest.current.shown,
      clusters: latest.current.clusters,
      roadmap: latest.current.roadmapLayout.geometry,
    }),
    viewport: () => latest.current.viewport,
    selection: () => latest.current.selection,
    readOnly: () => latest.current.readOnly,
    panning: () => tool === 'pan' || spaceHeld,
    updateViewport,
    onPointer(board) {
      pointer.current = board;
      presence.setCursor(board);
    },
    onPress(hit, additive) {
      moves.endNudge();
      setEditingId(null);
      const current = latest.current.selection;
      if (hit.kind === 'note') {
        pressedGroup.current = !additive && current.has(hit.id) && current.size > 1;
        setSelection(clickSelect(current, hit.id, additive));
        setSelectedCluster(null);
      } else if (hit.kind === 'cluster') {
        setSelection(EMPTY_SELECTION);
        setSelectedCluster(hit.id);
      } else if (hit.kind === 'empty' || hit.kind === 'header') {
        if (!additive) setSelection(EMPTY_SELECTION);
        setSelectedCluster(null);
      }
    },
    onTap(hit, additive) {
      // A click on one note of a selected group (without dragging) selects just that note.
      if (hit.kind === 'note' && !additive && pressedGroup.current) selectOnly([hit.id]);
      pressedGroup.current = false;
    },
    onDoublePress(hit: Hit, board: Point) {
      if (latest.current.readOnly) return;
      if (hit.kind === 'note' || hit.kind === 'resize') {
        const note = latest.current.byId.get(hit.id);
        if (note && !note.locked) {
          selectOnly([hit.id]);
          setEditingId(hit.id);
        }
      } else if (hit.kind === 'cluster') {
        openTitleEditor({ kind: 'cluster', id: hit.id });
      } else if (hit.kind === 'header') {
        openTitleEditor({ kind: hit.header.axis, id: hit.header.id });
      } else {
        addNoteAt(board);
      }
    },
    onMoveStart(hit) {
      const s = latest.current;
      if (hit.kind === 'cluster') {
        const cluster = s.clusters.find((c) => c.id === hit.id);
        return cluster ? moves.start(cluster.members, cluster.id) : false;
      }
      if (hit.kind !== 'note') return false;
      return moves.start(s.selection.has(hit.id) ? s.selection : [hit.id], null);
    },
    onMove: moves.update,
    onMoveEnd: moves.end,
    onResize(id, dx, dy, phase) {
      const note = latest.current.byId.get(id);
      if (!note) return;
      const w = Math.round(note.w + dx);
      const h = Math.round(note.h + dy);
      if (phase === 'move') {
        const next = { id, w: Math.max(60, w), h: Math.max(60, h) };
        setResizing(next);
        presence.setDragging({ noteId: id, x: note.x, y: note.y, w: next.w, h: next.h });
        return;
      }
      if (phase === 'end') undo.act(() => resizeNote(doc, id, w, h));
      setResizing(null);
      presence.setDragging(null);
    },
    onMarquee(rect, additive, phase) {
      setMarquee(phase === 'move' ? rect : null);
      if (!rect) return;
      const base = additive ? latest.current.selection : EMPTY_SELECTION;
      setSelection(marqueeSelect(latest.current.shown, rect, base, additive));
    },
    onHover(hit) {
      const element = containerRef.current;
      if (!element) return;
      const cursor =
        hit.kind === 'resize'
          ? 'nwse-resize'
          : hit.kind === 'note' || hit.kind === 'cluster'
            ? 'move'
            : '';
      if (element.style.cursor !== cursor) element.style.cursor = cursor;
    },
  });

  // --- View -------------------------------------------------------------------------------
  const zoomToFit = useCallback(() => {
    const s = latest.current;
    const bounds = boundsOf(
      s.roadmapLayout.geometry ? [...s.shown, s.roadmapLayout.geometry] : s.shown,
    );
    if (bounds) setViewport(fitBounds(bounds, s.size, 90));
  }, [setViewport]);
  const zoomToBounds = useCallback(
    (bounds: Bounds | null) => {
      if (bounds) setViewport(fitBounds(bounds, latest.current.size, 80, 2));
    },
    [setViewport],
  );
  const zoomToSelection = useCallback(() => {
    const s = latest.current;
    const cluster = s.clusters.find((c) => c.id === s.selectedCluster);
    zoomToBounds(cluster ?? selectionBounds(s.shown, s.selection));
  }, [zoomToBounds]);
  const jumpTo = useCallback(
    (id: string) => {
      const s = latest.current;
      const note =
        s.byId.get(id) ?? withPlacement(s.notes, s.roadmapLayout.placed).find((n) => n.id === id);
      if (!note) return;
      const scale = Math.max(s.viewport.scale, 0.8);
      setViewport(centerOn({ ...s.viewport, scale }, s.size, centerOf(note)));
      selectOnly([id]);
    },
    [setViewport, selectOnly],
  );
  const showRoadmap = useCallback(() => {
    // The layout updates after the roadmap is created; wait a frame for it.
    requestAnimationFrame(() => zoomToBounds(latest.current.roadmapLayout.geometry));
  }, [zoomToBounds]);

  // --- Clipboard ----------------------------------------------------------------------------
  const { paste, duplicate } = usePaste({
    doc,
    author,
    act: undo.act,
    t,
    target: useCallback(
      () => pointer.current ?? viewCenter(latest.current.viewport, latest.current.size),
      [],
    ),
    selected: selectedNotes,
    readOnly: useCallback(() => latest.current.readOnly, []),
    select: selectOnly,
    notify: setNotice,
    confirm: useCallback((message: string, run: () => void) => setConfirm({ message, run }), []),
  });
  useClipboard({
    selected: selectedNotes,
    onCut: deleteSelected,
    onPaste: paste,
    readOnly: () => latest.current.readOnly,
  });

  useBoardKeys({
    onSpace: setSpaceHeld,
    onAddNote: addNoteAtCenter,
    onDelete: deleteSelected,
    onEscape: () => {
      setSelection(EMPTY_SELECTION);
      setSelectedCluster(null);
    },
    onZoom: zoomStep,
    onResetZoom: resetZoom,
    onZoomToFit: zoomToFit,
    onZoomToSelection: zoomToSelection,
    onSelectAll: () => selectOnly(selectAll(latest.current.shown)),
    onDuplicate: duplicate,
    onUndo: undo.undo,
    onRedo: undo.redo,
    onNudge: moves.nudge,
    onNudgeEnd: moves.endNudge,
    onSearch: () => searchRef.current?.focus(),
    onTool: setTool,
  });

  // --- Clusters -----------------------------------------------------------------------------
  const cluster = clusters.find((c) => c.id === selectedCluster) ?? null;
  const makeCluster = () => {
    const ids = selectedNotes()
      .filter((n) => !n.locked)
      .map((n) => n.id);
    if (ids.length === 0) return;
    let id = '';
    undo.act(() => {
      id = createCluster(doc, { noteIds: ids, authorId: user.id, title: '' });
    });
    setSelection(EMPTY_SELECTION);
    setSelectedCluster(id);
    setTitleEditing({ kind: 'cluster', id });
  };

  useCanvasProbe(containerRef, current);

  // --- Drawing ------------------------------------------------------------------------------
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
    for (const peer of peerActivity) {
      map.set(
        peer.clientId,
        peer.selection.flatMap((id) => byId.get(id) ?? []),
      );
    }
    return map;
  }, [peerActivity, byId]);
  const single = selection.size === 1 ? byId.get([...selection][0] ?? '') : undefined;
  const handle =
    single && !single.locked && !readOnly
      ? (() => {
          const side = HANDLE_PX / viewport.scale;
          const w = resizing?.id === single.id ? resizing.w : single.w;
          const h = resizing?.id === single.id ? resizing.h : single.h;
          return { x: single.x + w - side, y: single.y + h - side, w: side, h: side };
        })()
      : null;
  const remoteResize =
    resizing ?? [...peerResizes.values()].map((d) => ({ id: d.noteId, w: d.w, h: d.h }))[0] ?? null;
  const dropCell =
    move && move.cluster === null && movingNotes.length > 0
      ? cellAt(roadmapLayout.geometry, {
          x: centerOf(movingNotes[0] as NoteView).x + move.dx,
          y: centerOf(movingNotes[0] as NoteView).y + move.dy,
        })
      : null;
  const labels = useMemo(
    () => ({
      untitled: t('cluster.untitled'),
      count: (n: number) => t('cluster.count', { count: n }),
    }),
    [t],
  );

  const editing = editingId ? byId.get(editingId) : undefined;
  const summary: SelectionSummary = useMemo(() => {
    const chosen = [...selection].flatMap((id) => byId.get(id) ?? []);
    const first = chosen[0]?.color ?? null;
    return {
      count: chosen.length,
      color: chosen.every((n) => n.color === first) ? first : null,
      allLocked: chosen.length > 0 && chosen.every((n) => n.locked),
    };
  }, [selection, byId]);
  const titleBox = titleEditing ? titleBoxOf(titleEditing, clusters, roadmapLayout) : null;

  return (
    <div className="board-view">
      <section
        ref={containerRef}
        className={`canvas${tool === 'pan' || spaceHeld ? ' panning' : ''}`}
        aria-label={t('board.canvasLabel')}
        data-testid="canvas"
        data-viewport={`${viewport.x},${viewport.y},${viewport.scale}`}
        data-detail={detail}
        data-drawn={culled.length}
      >
        {size.width > 0 && (
          <BoardStage
            size={size}
            viewport={viewport}
            detail={detail}
            boardNotes={boardNotes}
            movingNotes={movingNotes}
            movingCluster={move?.cluster ? (cluster ?? null) : null}
            move={move}
            clusters={boardClusters}
            roadmap={roadmapLayout.geometry}
            dropCell={dropCell}
            selectedNotes={selectedShown}
            selectedCluster={cluster}
            resizeHandle={handle}
            marquee={marquee}
            peers={peerActivity}
            peerSelected={peerSelected}
            resizing={remoteResize}
            editingId={editingId}
            editingTitle={titleEditing}
            awareness={provider.awareness}
            labels={labels}
          />
        )}
        {editing && (
          <NoteEditor
            key={editing.id}
            doc={doc}
            noteId={editing.id}
            geometry={resizing?.id === editing.id ? { ...editing, ...resizing } : editing}
            color={editing.color}
            text={editing.text}
            viewport={viewport}
            onClose={() => setEditingId(null)}
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
            onCommit={(title) =>
              undo.act(() => {
                if (titleEditing.kind === 'cluster') renameCluster(doc, titleEditing.id, title);
                else renameAxisItem(doc, titleEditing.kind, titleEditing.id, title);
              })
            }
            onClose={() => setTitleEditing(null)}
          />
        )}
        {synced && notes.length === 0 && <p className="canvas-hint">{t('board.hint')}</p>}
      </section>
      <div className="board-top">
        <SearchBox ref={searchRef} notes={placed} onJump={jumpTo} />
      </div>
      <Minimap
        notes={shown}
        extra={roadmapLayout.geometry}
        viewport={viewport}
        size={size}
        onNavigate={(center) => setViewport(centerOn(viewport, size, center))}
      />
      {roadmapOpen && (
        <RoadmapPanel
          doc={doc}
          roadmap={extras.roadmap}
          readOnly={readOnly}
          act={undo.act}
          onShow={showRoadmap}
          onClose={() => setRoadmapOpen(false)}
        />
      )}
      <Toolbar
        readOnly={readOnly}
        facilitator={role === 'facilitator'}
        tool={tool}
        selection={summary}
        cluster={cluster && { id: cluster.id, collapsed: cluster.collapsed }}
        scale={viewport.scale}
        canUndo={undo.canUndo}
        canRedo={undo.canRedo}
        roadmapOpen={roadmapOpen}
        onTool={setTool}
        onAddNote={addNoteAtCenter}
        onDelete={deleteSelected}
        onRecolor={(color: NoteColor) =>
          undo.act(() => recolorNotes(doc, [...latest.current.selection], color))
        }
        onDuplicate={duplicate}
        onMakeCluster={makeCluster}
        onLock={(locked) => undo.act(() => setNotesLocked(doc, [...selection], locked))}
        onRenameCluster={() => cluster && openTitleEditor({ kind: 'cluster', id: cluster.id })}
        onArrangeCluster={() => cluster && undo.act(() => arrangeCluster(doc, cluster.id))}
        onCollapseCluster={(collapsed) =>
          cluster && undo.act(() => setClusterCollapsed(doc, cluster.id, collapsed))
        }
        onDeleteCluster={() => cluster && undo.act(() => deleteCluster(doc, cluster.id))}
        onUndo={undo.undo}
        onRedo={undo.redo}
        onZoom={zoomStep}
        onResetZoom={resetZoom}
        onZoomToFit={zoomToFit}
        onZoomToSelection={zoomToSelection}
        onRoadmap={() => setRoadmapOpen((open) => !open)}
      />
      {notice && <Notice notice={notice} onDone={() => setNotice(null)} />}
      {confirm && (
        <ConfirmDialog
          message={confirm.message}
          confirmLabel={t('paste.confirmOk')}
          onConfirm={() => {
            confirm.run();
            setConfirm(null);
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
      <NoteList notes={notes} />
    </div>
  );
}
