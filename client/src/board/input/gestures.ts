import { clickSelect, EMPTY_SELECTION, marqueeSelect } from '../canvas/selection';
import { may } from './authority';
import type { BoardController } from './BoardController';
import type { GestureHandlers } from './useCanvasGestures';

/**
 * What each pointer gesture on the canvas means (useCanvasGestures.ts recognises them): a press
 * selects, a double press edits or adds (commands), a drag moves (moves.ts, written by the
 * `move` command), resizes (the `resize` command) or sweeps a marquee. `element` is the canvas
 * container, whose mouse cursor shows what a press would do.
 */
export function canvasGestures(c: BoardController, element: HTMLElement): GestureHandlers {
  let pressedGroup = false;
  const readOnly = () => !c.enabled('move');
  return {
    scene: () => {
      const scene = c.scene();
      return {
        notes: scene.shown,
        clusters: scene.clusters,
        roadmap: scene.roadmapLayout.geometry,
      };
    },
    viewport: () => c.viewport(),
    selection: () => c.state.get().selection,
    readOnly,
    panning: () => c.state.get().tool === 'pan' || c.state.get().spaceHeld,
    updateViewport: (update) => c.updateViewport(update),
    onPointer(board) {
      c.pointer = board;
      c.presence?.setCursor(board);
    },
    onPress(hit, additive, board) {
      if (c.state.get().tool === 'comment') {
        c.run('commentAt', board);
        return;
      }
      c.moves.endNudge();
      c.edit(null);
      const current = c.state.get().selection;
      if (hit.kind === 'note') {
        pressedGroup = !additive && current.has(hit.id) && current.size > 1;
        c.setSelection(clickSelect(current, hit.id, additive));
        c.state.patch({ selectedCluster: null });
      } else if (hit.kind === 'cluster') {
        c.selectCluster(hit.id);
      } else if (hit.kind === 'empty' || hit.kind === 'header') {
        if (!additive) c.setSelection(EMPTY_SELECTION);
        c.state.patch({ selectedCluster: null });
      }
    },
    onTap(hit, additive) {
      // A click on one note of a selected group (without dragging) selects just that note.
      if (hit.kind === 'note' && !additive && pressedGroup) c.select([hit.id]);
      pressedGroup = false;
    },
    onDoublePress(hit, board) {
      if (hit.kind === 'note' || hit.kind === 'resize') c.run('editNote', hit.id);
      else if (hit.kind === 'cluster') c.run('editTitle', { kind: 'cluster', id: hit.id });
      else if (hit.kind === 'header') {
        c.run('editTitle', { kind: hit.header.axis, id: hit.header.id });
      } else c.run('addNote', board);
    },
    onMoveStart(hit, grab) {
      if (hit.kind === 'cluster') {
        if (!may(c.session, c.session.role, 'changeCluster')) return false;
        const cluster = c.scene().clusters.find((x) => x.id === hit.id);
        if (!cluster) return false;
        const { refusal } = c.movable(cluster.members, cluster);
        if (refusal) {
          c.explain(refusal);
          return false;
        }
        return c.moves.start(cluster.members, cluster.id, grab);
      }
      if (hit.kind !== 'note') return false;
      const selection = c.state.get().selection;
      // Notes that may not move now stay (a locked one, another's with moving them closed);
      // when none may, the person is told why instead of nothing happening.
      const { ids, refusal } = c.movable(selection.has(hit.id) ? selection : [hit.id], null);
      if (ids.length === 0) {
        if (refusal) c.explain(refusal);
        return false;
      }
      return c.moves.start(ids, null, grab);
    },
    onMove: (dx, dy) => c.moves.update(dx, dy),
    onMoveEnd: (dx, dy, cancelled) => c.moves.end(dx, dy, cancelled),
    onResize(id, dx, dy, phase) {
      const note = c.scene().byId.get(id);
      if (!note) return;
      const w = Math.round(note.w + dx);
      const h = Math.round(note.h + dy);
      if (phase === 'move') {
        const next = { id, w: Math.max(60, w), h: Math.max(60, h) };
        c.state.patch({ resizing: next });
        c.presence?.setDragging({ noteId: id, x: note.x, y: note.y, w: next.w, h: next.h });
        return;
      }
      if (phase === 'end') c.run('resize', { id, w, h });
      c.state.patch({ resizing: null });
      c.presence?.setDragging(null);
    },
    onMarquee(rect, additive, phase) {
      c.state.patch({ marquee: phase === 'move' ? rect : null });
      if (!rect) return;
      const base = additive ? c.state.get().selection : EMPTY_SELECTION;
      c.setSelection(marqueeSelect(c.scene().shown, rect, base, additive));
    },
    onHover(hit) {
      const cursor =
        hit.kind === 'resize'
          ? 'nwse-resize'
          : hit.kind === 'note' || hit.kind === 'cluster'
            ? 'move'
            : '';
      if (element.style.cursor !== cursor) element.style.cursor = cursor;
    },
  };
}
