import { CLUSTER_HEADER, type ClusterView } from '@paja/shared';
import { useLayoutEffect, useRef, useState } from 'react';
import {
  type HeaderHit,
  headerBounds,
  PERIOD_HEADER_H,
  type RoadmapLayout,
} from '../canvas/roadmapLayout';
import type { Bounds, Viewport } from '../canvas/viewport';

/** What is being named: a cluster, or a roadmap lane or period. */
export type TitleTarget = { kind: 'cluster' | HeaderHit['axis']; id: string };

/** Where the title being edited is drawn, what it says, and how big its letters are. */
export function titleBoxOf(
  target: TitleTarget,
  clusters: readonly ClusterView[],
  roadmap: RoadmapLayout,
): { box: Bounds; title: string; fontSize: number } | null {
  if (target.kind === 'cluster') {
    const cluster = clusters.find((c) => c.id === target.id);
    if (!cluster) return null;
    const w = cluster.collapsed ? Math.min(cluster.w, 260) : cluster.w;
    return {
      box: {
        x: cluster.x + 8,
        y: cluster.y + 8,
        w: Math.max(120, w - 150),
        h: CLUSTER_HEADER - 16,
      },
      title: cluster.title,
      fontSize: 22,
    };
  }
  const geometry = roadmap.geometry;
  const bounds = geometry && headerBounds(geometry, { axis: target.kind, id: target.id });
  if (!geometry || !bounds) return null;
  const items = target.kind === 'lane' ? geometry.lanes : geometry.periods;
  const item = items.find((i) => i.id === target.id);
  return {
    box: {
      x: bounds.x + 8,
      y: bounds.y + 8,
      w: bounds.w - 16,
      h: Math.min(bounds.h, PERIOD_HEADER_H) - 16,
    },
    title: item?.title ?? '',
    fontSize: 20,
  };
}

interface TitleEditorProps {
  /** Where the title is drawn, in board units. */
  box: Bounds;
  viewport: Viewport;
  initial: string;
  label: string;
  /** Shown while the title is empty (a new topic). */
  placeholder: string;
  fontSize: number;
  onCommit(title: string): void;
  onClose(): void;
}

/**
 * Names a cluster, lane or period in place: an input over the title on the canvas. Written
 * once, on Enter or when focus leaves (titles are trimmed, so writing per keystroke would eat
 * the space between two words); Escape leaves the title as it was.
 */
export function TitleEditor({
  box,
  viewport,
  initial,
  label,
  placeholder,
  fontSize,
  onCommit,
  onClose,
}: TitleEditorProps) {
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  useLayoutEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && value.trim() !== initial) onCommit(value);
    onClose();
  };
  return (
    <input
      ref={ref}
      data-testid="title-editor"
      className="title-editor"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      maxLength={200}
      style={{
        left: box.x * viewport.scale + viewport.x,
        top: box.y * viewport.scale + viewport.y,
        width: box.w,
        height: box.h,
        fontSize,
        transform: `scale(${viewport.scale})`,
      }}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(true);
        if (event.key === 'Escape') {
          event.stopPropagation();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}
