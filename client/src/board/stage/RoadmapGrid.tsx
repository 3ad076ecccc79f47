import { memo } from 'react';
import { Group, Line, Rect, Text } from 'react-konva';
import type { HeaderHit, RoadmapGeometry } from '../canvas/roadmapLayout';
import { LANE_HEADER_W, PERIOD_HEADER_H } from '../canvas/roadmapLayout';
import { NOTE_FONT_FAMILY } from './noteLayout';

interface RoadmapGridProps {
  geometry: RoadmapGeometry;
  editing: HeaderHit | null;
  untitled: string;
  /** Cell under a note being dragged: highlighted as the drop target. */
  target: { lane: string; period: string } | null;
}

/** The roadmap: period headers along the top, lane (theme) headers down the left, cells. */
export const RoadmapGrid = memo(function RoadmapGrid({
  geometry,
  editing,
  untitled,
  target,
}: RoadmapGridProps) {
  const { x, y, w, h, lanes, periods } = geometry;
  const isEditing = (axis: HeaderHit['axis'], id: string) =>
    editing?.axis === axis && editing.id === id;
  const targetLane = lanes.find((l) => l.id === target?.lane);
  const targetPeriod = periods.find((p) => p.id === target?.period);
  return (
    <Group listening={false}>
      <Rect x={x} y={y} width={w} height={h} fill="#ffffff" stroke="#8c959f" strokeWidth={2} />
      <Rect x={x} y={y} width={w} height={PERIOD_HEADER_H} fill="#e8eef8" />
      <Rect x={x} y={y} width={LANE_HEADER_W} height={h} fill="#eef3ea" />
      {targetLane && targetPeriod && (
        <Rect
          x={targetPeriod.x}
          y={targetLane.y}
          width={targetPeriod.w}
          height={targetLane.h}
          fill="rgba(26,86,219,0.10)"
          stroke="#1A56DB"
          strokeWidth={3}
        />
      )}
      {periods.map((p) => (
        <Group key={p.id}>
          <Line points={[p.x, y, p.x, y + h]} stroke="#8c959f" strokeWidth={1} />
          {!isEditing('period', p.id) && (
            <Text
              x={p.x + 16}
              y={y + 14}
              width={p.w - 32}
              text={p.title || untitled}
              fontSize={24}
              fontStyle="bold"
              fontFamily={NOTE_FONT_FAMILY}
              fill="#1F2328"
              wrap="none"
              ellipsis
            />
          )}
        </Group>
      ))}
      {lanes.map((l) => (
        <Group key={l.id}>
          <Line points={[x, l.y, x + w, l.y]} stroke="#8c959f" strokeWidth={1} />
          {!isEditing('lane', l.id) && (
            <Text
              x={x + 16}
              y={l.y + 16}
              width={LANE_HEADER_W - 32}
              height={l.h - 32}
              text={l.title || untitled}
              fontSize={20}
              fontStyle="bold"
              fontFamily={NOTE_FONT_FAMILY}
              fill="#1F2328"
              ellipsis
            />
          )}
        </Group>
      ))}
    </Group>
  );
});
