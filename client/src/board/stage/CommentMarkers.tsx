import type { CommentAnchor } from '@paja/shared';
import { memo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import {
  type AnchorScene,
  anchorBox,
  anchorKey,
  markerSpot,
  type Thread,
} from '../canvas/commentAnchors';
import { boardToScreen, type Size, type Viewport } from '../canvas/viewport';
import { CommentIcon } from '../chrome/icons';

interface CommentMarkersProps {
  threads: readonly Thread[];
  scene: AnchorScene;
  viewport: Viewport;
  size: Size;
  /** Names the item for the marker's label ("3 comments on Note …"). */
  describe(anchor: CommentAnchor): string;
  /** The item whose comments are open: its marker is shown pressed. */
  open: string | null;
  onOpen(anchor: CommentAnchor): void;
}

/**
 * A marker with the number of comments on every commented note, topic, roadmap cell and spot:
 * HTML buttons over the canvas (focusable, named for screen readers, big enough to tap), placed
 * from the view like the vote controls. Pressing one opens that item's comments.
 */
export const CommentMarkers = memo(function CommentMarkers(props: CommentMarkersProps) {
  const { t, formatNumber } = useI18n();
  const { viewport, size } = props;
  const markers = new Map<string, { anchor: CommentAnchor; count: number }>();
  for (const thread of props.threads) {
    const key = anchorKey(thread.root.anchor);
    const entry = markers.get(key) ?? { anchor: thread.root.anchor, count: 0 };
    entry.count += 1 + thread.replies.length;
    markers.set(key, entry);
  }
  const placed = [...markers].flatMap(([key, { anchor, count }]) => {
    const box = anchorBox(anchor, props.scene);
    if (!box) return [];
    const corner = boardToScreen(viewport, box);
    const onScreen = { ...corner, w: box.w * viewport.scale, h: box.h * viewport.scale };
    const at = markerSpot(onScreen, size);
    return at ? [{ key, anchor, count, at }] : [];
  });
  if (placed.length === 0) return null;
  return (
    <div className="comment-markers">
      {placed.map(({ key, anchor, count, at }) => {
        // A number (not a formatted string): "1 comment" takes the singular (messages.ts).
        const label = t('comments.markerLabel', {
          count,
          what: props.describe(anchor),
        });
        return (
          <button
            key={key}
            type="button"
            className={anchor.kind === 'point' ? 'comment-marker point' : 'comment-marker'}
            style={{ left: at.x, top: at.y }}
            aria-label={label}
            aria-pressed={props.open === key}
            title={label}
            data-testid="comment-marker"
            data-anchor={key}
            data-count={count}
            onClick={() => props.onOpen(anchor)}
          >
            <CommentIcon />
            {formatNumber(count)}
          </button>
        );
      })}
    </div>
  );
});
