import type { BoardView } from '@paja/shared';
import { useI18n } from '../i18n/I18nContext';

/** A snapshot's board as text: its topics with their notes, then the notes without a topic. */
export function SnapshotOutline({ board, heading }: { board: BoardView; heading: string }) {
  const { t } = useI18n();
  const topics = [
    ...board.clusters.map((c) => ({ id: c.id, title: c.title, ids: new Set(c.members) })),
    {
      id: '',
      title: t('history.noTopic'),
      ids: new Set(board.notes.filter((n) => !n.cluster).map((n) => n.id)),
    },
  ].filter((topic) => topic.ids.size > 0);
  return (
    <section className="history-detail" data-testid="history-view" aria-label={heading}>
      <h3>{heading}</h3>
      {topics.map((topic) => (
        <div key={topic.id}>
          <h4>
            {topic.title} ({t('history.notesCount', { count: topic.ids.size })})
          </h4>
          <ul>
            {board.notes
              .filter((n) => topic.ids.has(n.id))
              .map((n) => (
                <li key={n.id}>{n.text}</li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
