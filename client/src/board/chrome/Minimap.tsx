import { type ClusterView, NOTE_COLORS, type NoteView } from '@paja/shared';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { clusterBounds } from '../canvas/clusterGeometry';
import { expand } from '../canvas/geometry';
import {
  boardOutsideView,
  fromMap,
  minimapTransform,
  minimapWorld,
  toMap,
  visibleBoard,
} from '../canvas/minimap';
import { type Bounds, boundsOf, type Point, type Size, type Viewport } from '../canvas/viewport';

const MAP: Size = { width: 200, height: 140 };
/** The minimap's border (styles.css), outside the map. */
const BORDER = 1;

interface MinimapProps {
  notes: readonly NoteView[];
  /** The topics' frames, drawn faintly under the notes as on the canvas. */
  clusters: readonly ClusterView[];
  extra: Bounds | null;
  viewport: Viewport;
  size: Size;
  onNavigate(center: Point): void;
}

/**
 * The whole board in a corner: notes as dots of their colour and the current view as a frame.
 * The notes are drawn on a small canvas when they change; the frame is an element moved on
 * top, so panning does not redraw thousands of dots. A click or drag centres the view there.
 * It shows only while part of the board is out of view.
 */
export const Minimap = memo(function Minimap({
  notes,
  clusters,
  extra,
  viewport,
  size,
  onNavigate,
}: MinimapProps) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frames = useMemo(() => clusters.map(clusterBounds), [clusters]);
  const drawn = useMemo(
    () => boundsOf([...notes, ...frames, ...(extra ? [extra] : [])]),
    [notes, frames, extra],
  );
  const content = useMemo(() => (drawn ? expand(drawn, 200) : null), [drawn]);
  const view = visibleBoard(viewport, size);
  // Hidden, not unmounted, while the whole board is in view: its canvas keeps its drawing.
  const hidden = !boardOutsideView(drawn, view);
  const world = minimapWorld(content, content ?? view);
  const transform = minimapTransform(world, MAP);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the notes or the mapping change, not on every pan (the frame element moves on its own)
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = MAP.width * ratio;
    canvas.height = MAP.height * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, MAP.width, MAP.height);
    if (extra) {
      const r = toMap(transform, extra);
      ctx.fillStyle = '#dfe6ee';
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    ctx.globalAlpha = 0.35;
    clusters.forEach((cluster, i) => {
      const r = toMap(transform, frames[i] as Bounds);
      ctx.fillStyle = NOTE_COLORS[cluster.color];
      ctx.fillRect(r.x, r.y, r.w, r.h);
    });
    ctx.globalAlpha = 1;
    const byColor = new Map<string, Bounds[]>();
    for (const note of notes) {
      const color = NOTE_COLORS[note.color];
      const list = byColor.get(color) ?? [];
      list.push(toMap(transform, note));
      byColor.set(color, list);
    }
    for (const [color, list] of byColor) {
      ctx.fillStyle = color;
      ctx.beginPath();
      for (const r of list) ctx.rect(r.x, r.y, Math.max(1.5, r.w), Math.max(1.5, r.h));
      ctx.fill();
    }
    // Only a change of what is drawn or of the world redraws; the view frame moves on its own.
  }, [notes, clusters, frames, extra, transform.scale, transform.ox, transform.oy]);

  const frame = toMap(transform, view);
  const clampedFrame = {
    left: Math.max(0, frame.x),
    top: Math.max(0, frame.y),
    width: Math.max(4, Math.min(MAP.width, frame.x + frame.w) - Math.max(0, frame.x)),
    height: Math.max(4, Math.min(MAP.height, frame.y + frame.h) - Math.max(0, frame.y)),
  };

  const navigate = (event: React.PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget;
    const rect = box.getBoundingClientRect();
    const x = event.clientX - rect.left - box.clientLeft;
    onNavigate(fromMap(transform, { x, y: event.clientY - rect.top - box.clientTop }));
  };

  return (
    <div
      className="minimap"
      data-testid="minimap"
      hidden={hidden}
      role="img"
      aria-label={t('minimap.label')}
      // The map inside the border: its canvas and view frame fill exactly that, so the frame's
      // right and lower edges, clamped to the map, are not cut off by the border.
      style={{ width: MAP.width + 2 * BORDER, height: MAP.height + 2 * BORDER }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        navigate(event);
      }}
      onPointerMove={(event) => {
        if (event.buttons & 1) navigate(event);
      }}
    >
      <canvas ref={canvasRef} style={{ width: MAP.width, height: MAP.height }} />
      <div className="minimap-view" style={clampedFrame} />
    </div>
  );
});
