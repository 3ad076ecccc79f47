import type { BoardView, ClusterView, NoteView } from '@paja/shared';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nContext';
import type { DiffMark } from '../canvas/diffMarks';
import {
  boundsOf,
  fitBounds,
  IDENTITY,
  panBy,
  type Size,
  type Viewport,
  ZOOM_STEP,
  zoomBy,
} from '../canvas/viewport';
import { BoardStage } from '../stage/BoardStage';
import { useScene } from '../stage/useScene';
import { DiffMarks } from './DiffMarks';
import './snapshot.css';

export interface SnapshotCanvasProps {
  /** What is shown, e.g. "End of workshop 1 · 5.12.2026 14.02". */
  title: string;
  /** The notes and topics to draw (a snapshot's, or a comparison's later board plus removals). */
  notes: NoteView[];
  clusters: ClusterView[];
  roadmap: BoardView['roadmap'];
  noteMarks?: ReadonlyMap<string, readonly DiffMark[]>;
  clusterMarks?: ReadonlyMap<string, readonly DiffMark[]>;
  /** Beside the canvas: the list of changes, or the snapshot's outline. */
  aside?: ReactNode;
  onBack(): void;
}

const NO_MARKS = new Map<string, readonly DiffMark[]>();
const NO_PEERS: never[] = [];
const PAN_STEP = 80;

/**
 * A board as it was, on the canvas and read only: a snapshot, or a comparison with its changes
 * marked. A modal over the live board (which stays connected underneath and takes no input
 * meanwhile), with its name and time in a bar that says it is read only, and a way back.
 * It draws with the live canvas's stage and scene, and pans and zooms on its own: nothing here
 * can write to the board, because nothing here has the board's document.
 */
export function SnapshotCanvas(props: SnapshotCanvasProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const [viewport, setViewport] = useState<Viewport>(IDENTITY);
  const [awareness] = useState(() => new Awareness(new Y.Doc()));
  useEffect(() => () => awareness.destroy(), [awareness]);
  const extras = useMemo(
    () => ({ clusters: props.clusters, roadmap: props.roadmap }),
    [props.clusters, props.roadmap],
  );
  const scene = useScene(props.notes, extras, NO_PEERS, viewport, size);

  useLayoutEffect(() => {
    dialog.current?.showModal();
    const element = area.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      setSize({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const showAll = () => {
    moved.current = false;
    const geometry = scene.roadmapLayout.geometry;
    const items = [...scene.shown, ...scene.clusters, ...(geometry ? [geometry] : [])];
    const bounds = boundsOf(items);
    setViewport(bounds ? fitBounds(bounds, size) : IDENTITY);
  };
  // Everything in view until the person pans or zooms, also when the window changes size.
  const moved = useRef(false);
  const move = (change: (v: Viewport) => Viewport) => {
    moved.current = true;
    setViewport(change);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: showAll reads the scene of this render
  useLayoutEffect(() => {
    if (!moved.current && size.width > 0) showAll();
  }, [size]);

  const center = { x: size.width / 2, y: size.height / 2 };
  const drag = useRef<{ x: number; y: number } | null>(null);
  const labels = useMemo(
    () => ({
      untitled: t('cluster.untitled'),
      count: (n: number) => t('cluster.count', { count: n }),
      privateMine: '',
      privateOthers: () => '',
    }),
    [t],
  );

  return (
    <dialog
      ref={dialog}
      className="snapshot-canvas"
      data-testid="snapshot-canvas"
      aria-labelledby="snapshot-canvas-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onBack();
      }}
      // The live board's shortcuts and paste listen on the window: nothing typed here reaches it.
      onKeyDown={(event) => event.stopPropagation()}
      onPaste={(event) => event.stopPropagation()}
      onCopy={(event) => event.stopPropagation()}
      onCut={(event) => event.stopPropagation()}
    >
      <header className="snapshot-bar">
        <p className="snapshot-readonly">{t('snapshot.readOnly')}</p>
        <h2 id="snapshot-canvas-title" data-testid="snapshot-title">
          {props.title}
        </h2>
        <div className="snapshot-zoom">
          <button type="button" onClick={() => move((v) => zoomBy(v, center, 1 / ZOOM_STEP))}>
            <span aria-hidden="true">−</span>
            <span className="visually-hidden">{t('snapshot.zoomOut')}</span>
          </button>
          <button type="button" onClick={() => move((v) => zoomBy(v, center, ZOOM_STEP))}>
            <span aria-hidden="true">+</span>
            <span className="visually-hidden">{t('snapshot.zoomIn')}</span>
          </button>
          <button type="button" onClick={showAll}>
            {t('snapshot.fit')}
          </button>
        </div>
        <button
          type="button"
          className="primary"
          data-testid="snapshot-back"
          onClick={props.onBack}
        >
          {t('snapshot.back')}
        </button>
      </header>
      <div className="snapshot-body">
        <div
          ref={area}
          className="snapshot-area"
          role="application"
          aria-label={t('snapshot.canvasLabel', { name: props.title })}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the drawing pans with the arrow keys
          tabIndex={0}
          data-testid="snapshot-area"
          data-drawn={scene.culled.length}
          onWheel={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            const anchor = { x: event.clientX - box.left, y: event.clientY - box.top };
            const factor = event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP;
            move((v) => zoomBy(v, anchor, factor));
          }}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            drag.current = { x: event.clientX, y: event.clientY };
          }}
          onPointerMove={(event) => {
            const from = drag.current;
            if (!from) return;
            drag.current = { x: event.clientX, y: event.clientY };
            move((v) => panBy(v, event.clientX - from.x, event.clientY - from.y));
          }}
          onPointerUp={() => {
            drag.current = null;
          }}
          onKeyDown={(event) => {
            const step: Record<string, [number, number]> = {
              ArrowLeft: [PAN_STEP, 0],
              ArrowRight: [-PAN_STEP, 0],
              ArrowUp: [0, PAN_STEP],
              ArrowDown: [0, -PAN_STEP],
            };
            const pan = step[event.key];
            if (pan) move((v) => panBy(v, pan[0], pan[1]));
            else if (event.key === '+') move((v) => zoomBy(v, center, ZOOM_STEP));
            else if (event.key === '-') move((v) => zoomBy(v, center, 1 / ZOOM_STEP));
            else return;
            event.preventDefault();
          }}
        >
          {size.width > 0 && (
            <BoardStage
              size={size}
              viewport={viewport}
              detail={scene.detail}
              boardNotes={scene.culled}
              movingNotes={[]}
              movingCluster={null}
              move={null}
              clusters={scene.clusters}
              roadmap={scene.roadmapLayout.geometry}
              dropCell={null}
              dropCluster={null}
              lockedHeaders={[]}
              selectedNotes={[]}
              selectedCluster={null}
              resizeHandle={null}
              marquee={null}
              peers={NO_PEERS}
              peerSelected={new Map()}
              resizing={null}
              editingId={null}
              editingTitle={null}
              focusRing={null}
              awareness={awareness}
              labels={labels}
            />
          )}
          <DiffMarks
            notes={scene.byId}
            clusters={scene.clusters}
            noteMarks={props.noteMarks ?? NO_MARKS}
            clusterMarks={props.clusterMarks ?? NO_MARKS}
            viewport={viewport}
          />
        </div>
        {props.aside && <aside className="snapshot-aside">{props.aside}</aside>}
      </div>
    </dialog>
  );
}
