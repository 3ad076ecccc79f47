import type { ClusterView, CommentAnchor, NoteView, RoadmapView } from '@paja/shared';
import { isAnonymousName } from '@paja/shared';
import type { MessageKey, MessageParams } from '../../i18n/messages';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** What the comment panel and the markers need to name an anchor. */
export interface AnchorNames {
  notes: ReadonlyMap<string, NoteView>;
  clusters: readonly ClusterView[];
  roadmap: RoadmapView;
}

/** What describeAnchor reads of them (the outline's moderation queue has no ClusterViews). */
export interface AnchorLabels {
  notes: ReadonlyMap<string, Pick<NoteView, 'text'>>;
  clusters: readonly Pick<ClusterView, 'id' | 'title'>[];
  roadmap: RoadmapView;
}

const SNIPPET = 40;

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET ? `${line.slice(0, SNIPPET - 1)}…` : line;
}

/** A short name of what a comment is about, in the person's language. */
export function describeAnchor(anchor: CommentAnchor, names: AnchorLabels, t: Translate): string {
  switch (anchor.kind) {
    case 'board':
      return t('comments.on.board');
    case 'point':
      return t('comments.on.point');
    case 'note': {
      const note = names.notes.get(anchor.note);
      return note ? t('comments.on.note', { text: snippet(note.text) }) : t('comments.on.gone');
    }
    case 'cluster': {
      const cluster = names.clusters.find((c) => c.id === anchor.cluster);
      return cluster
        ? // An untitled topic is named as the canvas names it, not with empty quotes.
          t('comments.on.cluster', { title: snippet(cluster.title) || t('cluster.untitled') })
        : t('comments.on.gone');
    }
    case 'cell': {
      const lane = names.roadmap.lanes.find((l) => l.id === anchor.lane);
      const period = names.roadmap.periods.find((p) => p.id === anchor.period);
      return lane && period
        ? t('comments.on.cell', { lane: snippet(lane.title), period: snippet(period.title) })
        : t('comments.on.gone');
    }
  }
}

/**
 * A comment author's name as this reader reads it: anonymous comments are stored without a
 * name (and older ones with "Anonymous", "Nimetön" or "Anonym", whoever wrote them), and read
 * as `anonymous`, the word in the reader's language.
 */
export function authorLabel(name: string, anonymous: string): string {
  return isAnonymousName(name) ? anonymous : name;
}
