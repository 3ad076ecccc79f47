import {
  bringToFront,
  createNote,
  deleteNotes,
  moveNotes,
  type NoteColor,
  type NoteView,
  recolorNotes,
  resizeNote,
} from '@paja/shared';
import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Layer, Stage } from 'react-konva';
import { useI18n } from '../i18n/I18nContext';
import type { PresencePublisher, PresenceUser } from '../presence';
import { CursorLayer } from './CursorLayer';
import { NoteEditor } from './NoteEditor';
import { NoteList } from './NoteList';
import { type Geometry, type NoteHandlers, NoteShape } from './NoteShape';
import { placeNewNote } from './placement';
import { Toolbar } from './Toolbar';
import type { BoardSession } from './useBoard';
import { usePeerDrags } from './usePresence';
import { useViewport } from './useViewport';
import { boundsOf, fitBounds, type Point, screenToBoard, viewCenter } from './viewport';

interface BoardViewProps {
  session: BoardSession;
  notes: NoteView[];
  synced: boolean;
  user: PresenceUser;
  /** The link's role may not change the board (viewer, commenter): no editing tools. */
  readOnly: boolean;
  presence: PresencePublisher;
}

/**
 * The canvas: notes on one Konva layer, other people's cursors on another, the text editor
 * as HTML over the canvas, and the toolbar. Every change is a shared operation on the Y.Doc;
 * what is drawn comes back from the document through useBoard.
 */
export function BoardView({ session, notes, synced, user, readOnly, presence }: BoardViewProps) {
  const { t } = useI18n();
  const { doc, provider } = session;
  const containerRef = useRef<HTMLDivElement>(null);
  const { viewport, size, setViewport, startPan, zoomStep, resetZoom } = useViewport(containerRef);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [resizing, setResizing] = useState<(Geometry & { id: string }) | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const remoteDrags = usePeerDrags(provider.awareness);

  // Handlers read the latest values through refs so that their identity never changes and
  // memoised notes are not re-rendered by a new callback.
  const latest = useRef({ notes, viewport, size, user, selectedId, readOnly });
  latest.current = { notes, viewport, size, user, selectedId, readOnly };

  const selected = notes.find((note) => note.id === selectedId) ?? null;
  const editing = notes.find((note) => note.id === editingId) ?? null;

  // A note deleted by someone else (or by me) takes its selection and editor with it.
  useEffect(() => {
    if (selectedId !== null && !notes.some((n) => n.id === selectedId)) setSelectedId(null);
    if (editingId !== null && !notes.some((n) => n.id === editingId)) setEditingId(null);
  }, [notes, selectedId, editingId]);

  // Joining a board that already has notes: show them all once, after the first sync.
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || !synced || size.width === 0) return;
    fitted.current = true;
    const bounds = boundsOf(latest.current.notes);
    if (bounds) setViewport(fitBounds(bounds, size));
  }, [synced, size, setViewport]);

  const addNoteAt = useCallback(
    (center: Point) => {
      const { notes: current, user: me } = latest.current;
      if (latest.current.readOnly) return;
      const at = placeNewNote(center, current);
      const id = createNote(doc, { ...at, authorId: me.id, authorName: me.name });
      setSelectedId(id);
      setEditingId(id);
    },
    [doc],
  );

  const addNoteAtCenter = useCallback(() => {
    const { viewport: view, size: box } = latest.current;
    addNoteAt(viewCenter(view, box));
  }, [addNoteAt]);

  const deleteSelected = useCallback(() => {
    const id = latest.current.selectedId;
    if (id === null || latest.current.readOnly) return;
    deleteNotes(doc, [id]);
    setSelectedId(null);
    setEditingId(null);
  }, [doc]);

  const handlers = useMemo<NoteHandlers>(
    () => ({
      onSelect(id) {
        setSelectedId(id);
        if (!latest.current.readOnly) bringToFront(doc, id);
      },
      onEdit(id) {
        setSelectedId(id);
        // A locked note is settled: its text is not edited (the operations refuse it too).
        const note = latest.current.notes.find((n) => n.id === id);
        if (note && !note.locked && !latest.current.readOnly) setEditingId(id);
      },
      onPreview(id, geometry, kind) {
        presence.setDragging({ noteId: id, ...geometry });
        if (kind === 'resize') setResizing({ id, ...geometry });
      },
      onMoveEnd(id, x, y) {
        // The document gets the drop only: one write per drag, not one per frame.
        moveNotes(doc, [{ id, x, y }]);
        presence.setDragging(null);
      },
      onResizeEnd(id, w, h) {
        resizeNote(doc, id, w, h);
        setResizing(null);
        presence.setDragging(null);
      },
    }),
    [doc, presence],
  );

  useBoardKeys({
    onSpace: setSpaceHeld,
    onAddNote: addNoteAtCenter,
    onDelete: deleteSelected,
    onEscape: () => setSelectedId(null),
    onZoom: zoomStep,
    onResetZoom: resetZoom,
  });

  const onStagePointerDown = (event: Konva.KonvaEventObject<PointerEvent>) => {
    const { button } = event.evt;
    // The canvas cannot take focus; without this a focused control (the language menu, a
    // button) would keep swallowing the board's keys after a click on a note.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    const onEmpty = event.target === event.target.getStage();
    if (button === 1 || (button === 0 && (spaceHeld || onEmpty))) {
      if (button === 1) event.evt.preventDefault(); // no autoscroll
      startPan(event.evt);
    }
    if (button === 0 && onEmpty && !spaceHeld) {
      setSelectedId(null);
      setEditingId(null);
    }
  };

  // On the container, not the Konva stage: Konva does not report pointer moves while it drags
  // a note, and others should see the pointer move with the note.
  const onCanvasPointerMove = (event: React.PointerEvent<HTMLElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const point = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    presence.setCursor(screenToBoard(viewport, point));
  };

  const onStageDoubleClick = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    const stage = event.target.getStage();
    if (event.target !== stage) return;
    const pointer = stage?.getPointerPosition();
    if (pointer) addNoteAt(screenToBoard(viewport, pointer));
  };

  const previewOf = (note: NoteView): Geometry | null => {
    if (resizing?.id === note.id) return resizing;
    return remoteDrags.get(note.id) ?? null;
  };

  return (
    <div className="board-view">
      <section
        ref={containerRef}
        className={`canvas${spaceHeld ? ' panning' : ''}`}
        aria-label={t('board.canvasLabel')}
        onPointerMove={onCanvasPointerMove}
        onPointerLeave={() => presence.setCursor(null)}
      >
        {size.width > 0 && (
          <Stage
            width={size.width}
            height={size.height}
            x={viewport.x}
            y={viewport.y}
            scaleX={viewport.scale}
            scaleY={viewport.scale}
            onPointerDown={onStagePointerDown}
            onDblClick={onStageDoubleClick}
            onDblTap={onStageDoubleClick}
          >
            <Layer>
              {notes.map((note) => (
                <NoteShape
                  key={note.id}
                  note={note}
                  preview={previewOf(note)}
                  selected={note.id === selectedId}
                  editing={note.id === editingId}
                  draggable={!readOnly && !spaceHeld && !note.locked && note.id !== editingId}
                  resizable={!readOnly && !note.locked}
                  scale={note.id === selectedId ? viewport.scale : 1}
                  handlers={handlers}
                />
              ))}
            </Layer>
            <CursorLayer awareness={provider.awareness} scale={viewport.scale} />
          </Stage>
        )}
        {editing && (
          <NoteEditor
            key={editing.id}
            doc={doc}
            noteId={editing.id}
            geometry={previewOf(editing) ?? editing}
            color={editing.color}
            text={editing.text}
            viewport={viewport}
            onClose={() => setEditingId(null)}
          />
        )}
        {synced && notes.length === 0 && <p className="canvas-hint">{t('board.hint')}</p>}
      </section>
      <Toolbar
        readOnly={readOnly}
        selectedColor={selected?.color ?? null}
        scale={viewport.scale}
        onAddNote={addNoteAtCenter}
        onDelete={deleteSelected}
        onRecolor={(color: NoteColor) => {
          if (selectedId !== null) recolorNotes(doc, [selectedId], color);
        }}
        onZoom={zoomStep}
        onResetZoom={resetZoom}
      />
      <NoteList notes={notes} />
    </div>
  );
}

interface BoardKeys {
  onSpace(held: boolean): void;
  onAddNote(): void;
  onDelete(): void;
  onEscape(): void;
  onZoom(direction: 1 | -1): void;
  onResetZoom(): void;
}

/** Board shortcuts. Keys typed into a field (the note editor, the name dialog) are not ours. */
function useBoardKeys(keys: BoardKeys) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const k = latest.current;
      if (isTyping(event.target)) return;
      // A focused button handles Space and Enter itself; the board must not act on them too.
      if (isButton(event.target) && (event.key === ' ' || event.key === 'Enter')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      switch (event.key) {
        case ' ':
          event.preventDefault(); // no page scroll
          k.onSpace(true);
          return;
        case 'n':
        case 'N':
          // preventDefault: the editor gets focus during this keydown, and the "n" must not
          // be typed into it.
          event.preventDefault();
          k.onAddNote();
          return;
        case 'Delete':
        case 'Backspace':
          event.preventDefault();
          k.onDelete();
          return;
        case 'Escape':
          k.onEscape();
          return;
        case '+':
        case '=':
          k.onZoom(1);
          return;
        case '-':
          k.onZoom(-1);
          return;
        case '0':
          k.onResetZoom();
          return;
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') latest.current.onSpace(false);
    };
    const onBlur = () => latest.current.onSpace(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.tagName === 'BUTTON';
}
