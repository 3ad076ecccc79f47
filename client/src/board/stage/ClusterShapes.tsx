import { CLUSTER_HEADER, type ClusterView, NOTE_COLORS } from '@paja/shared';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { collapsedCard } from '../canvas/clusterGeometry';
import { COUNT_FONT, clusterTitleLayout, TITLE_X, TITLE_Y } from './clusterTitle';
import { NOTE_FONT_FAMILY } from './noteLayout';

interface ClusterShapesProps {
  clusters: readonly ClusterView[];
  /** Being renamed: its title is drawn by the HTML editor. */
  editingId: string | null;
  /** Words for "untitled" and "{count} notes", in the viewer's language. */
  untitled: string;
  countLabel(count: number): string;
  /** "Not translated · Finnish" for a title shown in its original, or null. */
  untranslated?(text: string, lang: ClusterView['lang']): string | null;
}

/**
 * Cluster frames (a tinted area with a title band) and collapsed clusters (a card with the
 * title and the number of notes in it). Drawn under the notes; listens to nothing.
 */
export const ClusterShapes = memo(function ClusterShapes({
  clusters,
  editingId,
  untitled,
  countLabel,
  untranslated,
}: ClusterShapesProps) {
  return (
    <>
      {clusters.map((cluster) => (
        <ClusterShape
          key={cluster.id}
          cluster={cluster}
          editing={cluster.id === editingId}
          untitled={untitled}
          count={countLabel(cluster.members.length)}
          mark={untranslated?.(cluster.title, cluster.lang) ?? null}
        />
      ))}
    </>
  );
});

function ClusterShape({
  cluster,
  editing,
  untitled,
  count,
  mark,
}: {
  cluster: ClusterView;
  editing: boolean;
  untitled: string;
  count: string;
  /** Under the title: it is shown in its original language (no translation yet). */
  mark: string | null;
}) {
  const color = NOTE_COLORS[cluster.color];
  const title = cluster.title || untitled;
  if (cluster.collapsed) {
    const card = collapsedCard(cluster);
    return (
      <Group x={card.x} y={card.y} listening={false}>
        <Rect y={3} width={card.w} height={card.h} fill="rgba(0,0,0,0.15)" cornerRadius={12} />
        <Rect width={card.w} height={card.h} fill={color} stroke="#57606a" cornerRadius={12} />
        {!editing && (
          <Text
            x={16}
            y={16}
            width={card.w - 32}
            text={title}
            fontSize={20}
            fontStyle="bold"
            fontFamily={NOTE_FONT_FAMILY}
            fill="#1F2328"
            wrap="none"
            ellipsis
          />
        )}
        {!editing && mark && <MarkText x={16} y={42} width={card.w - 32} text={mark} />}
        <Text
          x={16}
          y={card.h - 34}
          text={count}
          fontSize={15}
          fontFamily={NOTE_FONT_FAMILY}
          fill="#1F2328"
        />
      </Group>
    );
  }
  const band = Math.min(CLUSTER_HEADER, cluster.h);
  const showMark = mark !== null && band >= CLUSTER_HEADER;
  const fitted = clusterTitleLayout(title, cluster.w, count, showMark || band < CLUSTER_HEADER);
  return (
    <Group x={cluster.x} y={cluster.y} listening={false}>
      <Rect
        width={cluster.w}
        height={cluster.h}
        fill={color}
        opacity={0.35}
        cornerRadius={14}
        perfectDrawEnabled={false}
      />
      <Rect
        width={cluster.w}
        height={cluster.h}
        stroke="#6e7781"
        strokeWidth={2}
        dash={[10, 6]}
        cornerRadius={14}
        perfectDrawEnabled={false}
      />
      {!editing && (
        <Text
          x={TITLE_X}
          y={TITLE_Y}
          width={fitted.width}
          height={band - TITLE_Y}
          text={fitted.text}
          fontSize={fitted.fontSize}
          lineHeight={fitted.lineHeight}
          fontStyle="bold"
          fontFamily={NOTE_FONT_FAMILY}
          fill={cluster.title ? '#1F2328' : '#57606a'}
          wrap="none"
          ellipsis
        />
      )}
      {!editing && mark && showMark && (
        <MarkText x={16} y={41} width={Math.max(10, cluster.w - 32)} text={mark} />
      )}
      <Text
        x={cluster.w - 130}
        y={20}
        width={114}
        align="right"
        text={count}
        fontSize={COUNT_FONT}
        fontFamily={NOTE_FONT_FAMILY}
        fill="#57606a"
      />
    </Group>
  );
}

/** The "not translated" line under a title, in dark grey (10:1 on white, 7:1 on the tint). */
function MarkText(props: { x: number; y: number; width: number; text: string }) {
  return (
    <Text
      {...props}
      fontSize={13}
      fontStyle="600"
      fontFamily={NOTE_FONT_FAMILY}
      fill="#3D4148"
      wrap="none"
      ellipsis
    />
  );
}
