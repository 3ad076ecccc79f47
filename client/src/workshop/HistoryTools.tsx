import { useMemo, useState } from 'react';
import { diffScene } from '../board/canvas/diffMarks';
import { SnapshotCanvas } from '../board/snapshot/SnapshotCanvas';
import type { BoardDialogProps } from './DialogHead';
import { DiffList } from './DiffList';
import { type CanvasRequest, HistoryDialog } from './HistoryDialog';
import { SnapshotOutline } from './SnapshotOutline';

/**
 * The history, in the dialog or on the canvas: a snapshot or a comparison asked for on the
 * canvas replaces the dialog with the read-only canvas; its way back returns to the live board.
 */
export function HistoryTools(props: BoardDialogProps) {
  const [canvas, setCanvas] = useState<CanvasRequest | null>(null);
  if (!canvas) return <HistoryDialog {...props} onShowCanvas={setCanvas} />;
  return <HistoryCanvas request={canvas} onBack={props.onClose} />;
}

function HistoryCanvas({ request, onBack }: { request: CanvasRequest; onBack(): void }) {
  const drawn = useMemo(() => {
    if (request.kind === 'snapshot') {
      const { board } = request;
      return { notes: board.notes, clusters: board.clusters, roadmap: board.roadmap };
    }
    const { diff, before, after } = request.comparison;
    return { ...diffScene(diff, before, after), roadmap: after.roadmap };
  }, [request]);
  return (
    <SnapshotCanvas
      title={request.title}
      {...drawn}
      aside={
        request.kind === 'compare' ? (
          <DiffList diff={request.comparison.diff} heading={request.title} />
        ) : (
          <SnapshotOutline board={request.board} heading={request.title} />
        )
      }
      onBack={onBack}
    />
  );
}
