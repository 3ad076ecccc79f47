import type { CommentAnchor } from '@paja/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { type Feedback, QueueView } from '../../moderation/ModerationQueue';
import { type AnchorLabels, describeAnchor } from '../chrome/commentText';
import type { ModerationClient } from '../session/ModerationClient';
import { useStore } from '../session/store';
import { useOutline } from './outlineContext';

/**
 * The moderation queue in the outline (moderators and facilitators): the same queue, decisions
 * and blocks as the moderation panel beside the canvas, each judged by the server; its answer
 * is said in the status line in the person's language.
 */
export function OutlineModeration({
  moderation,
  name,
}: {
  moderation: ModerationClient;
  name: string;
}) {
  const { t } = useI18n();
  const { queue } = useStore(moderation.state);
  // Queued comments name their note, topic or cell as the outline's readers know them.
  const { session } = useOutline();
  const board = useStore(session.board);
  const names = useMemo<AnchorLabels>(
    () => ({
      notes: new Map(board.notes.map((note) => [note.id, note])),
      clusters: board.clusters,
      roadmap: board.roadmap,
    }),
    [board.notes, board.clusters, board.roadmap],
  );
  const describe = useCallback(
    (anchor: CommentAnchor) => describeAnchor(anchor, names, t),
    [names, t],
  );
  const [feedback, setFeedback] = useState<Feedback>(null);
  useEffect(() => {
    moderation.name = name;
  }, [moderation, name]);
  return (
    <section
      aria-labelledby="outline-moderation"
      className="outline-moderation"
      data-testid="outline-moderation"
    >
      <h3 id="outline-moderation">{t('outline.moderation')}</h3>
      <p
        className={`moderation-feedback ${feedback?.kind ?? ''}`}
        role="status"
        data-testid="moderation-feedback"
      >
        {feedback?.text ?? ''}
      </p>
      <QueueView
        items={queue?.items ?? []}
        total={queue?.total ?? 0}
        moderation={moderation}
        setFeedback={setFeedback}
        describe={describe}
      />
    </section>
  );
}
