import type { ClusterView, NoteView } from '@paja/shared';
import { memo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import type { DiffMark } from '../canvas/diffMarks';
import { boardToScreen, type Viewport } from '../canvas/viewport';

interface DiffMarksProps {
  notes: ReadonlyMap<string, NoteView>;
  clusters: readonly ClusterView[];
  noteMarks: ReadonlyMap<string, readonly DiffMark[]>;
  clusterMarks: ReadonlyMap<string, readonly DiffMark[]>;
  viewport: Viewport;
}

/**
 * The changes of a comparison drawn over the canvas: an outline around each changed note or
 * topic in the colour of its change, and a label saying it in words (colour is never the only
 * sign). HTML, placed from the view like the vote badges; it takes no pointer events.
 */
export const DiffMarks = memo(function DiffMarks(props: DiffMarksProps) {
  const { t } = useI18n();
  const { viewport } = props;
  const boxes: Array<{
    id: string;
    kind: 'note' | 'cluster';
    box: Box;
    marks: readonly DiffMark[];
  }> = [];
  for (const [id, marks] of props.noteMarks) {
    const note = props.notes.get(id);
    if (note) boxes.push({ id, kind: 'note', box: note, marks });
  }
  for (const cluster of props.clusters) {
    const marks = props.clusterMarks.get(cluster.id);
    if (marks) boxes.push({ id: cluster.id, kind: 'cluster', box: cluster, marks });
  }
  return (
    <div className="diff-marks" aria-hidden="true">
      {boxes.map(({ id, kind, box, marks }) => {
        const at = boardToScreen(viewport, box);
        return (
          <div
            key={`${kind}:${id}`}
            className={`diff-mark diff-${marks[0]}`}
            data-testid="diff-mark"
            data-mark={marks.join(' ')}
            data-item={id}
            style={{
              left: at.x,
              top: at.y,
              width: box.w * viewport.scale,
              height: box.h * viewport.scale,
            }}
          >
            <span className="diff-mark-label">
              {marks.map((m) => t(`snapshot.mark.${m}` as MessageKey)).join(' · ')}
            </span>
          </div>
        );
      })}
    </div>
  );
});

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
