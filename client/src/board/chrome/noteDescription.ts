import type { CommentView, NoteView, RankedResult } from '@paja/shared';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { privacyOf } from '../canvas/privacy';
import type { RoadmapGeometry } from '../canvas/roadmapLayout';
import { dotCount } from '../canvas/voteText';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** What a note's description needs to know of the board around it. */
export interface NoteContext {
  clusterTitles: ReadonlyMap<string, string>;
  roadmap: Pick<RoadmapGeometry, 'lanes' | 'periods'> | null;
  /** Revealed dots by note (the results the notes show now). */
  votes: ReadonlyMap<string, number>;
  /** Comments everyone may read, by note. */
  comments: ReadonlyMap<string, number>;
  /** This person's own dots on each candidate while they vote; empty otherwise. */
  ownDots: ReadonlyMap<string, number>;
}

/** The running vote as this person votes in it (chrome/useDotControls.ts), or null. */
type Ballot = { candidates: Iterable<string>; mine: Readonly<Record<string, number>> } | null;

export function noteContext(
  clusters: readonly { id: string; title: string }[],
  roadmap: NoteContext['roadmap'],
  results: readonly RankedResult[] | null,
  comments: readonly CommentView[],
  ballot: Ballot = null,
): NoteContext {
  const byNote = new Map<string, number>();
  for (const comment of comments) {
    if (comment.anchor.kind !== 'note') continue;
    if (comment.status !== 'visible' && comment.status !== 'resolved') continue;
    byNote.set(comment.anchor.note, (byNote.get(comment.anchor.note) ?? 0) + 1);
  }
  return {
    clusterTitles: new Map(clusters.map((c) => [c.id, c.title])),
    roadmap,
    votes: new Map((results ?? []).map((r) => [r.note, r.count])),
    comments: byNote,
    ownDots: new Map([...(ballot?.candidates ?? [])].map((id) => [id, ballot?.mine[id] ?? 0])),
  };
}

/**
 * What a screen reader says for a note the keyboard is on: "Note: Cycle paths, in topic
 * Mobility, by Aino, 3 dots, comments: 2, locked" ("your dots: 1" instead of the results while
 * this person votes). The canvas is a picture to a screen reader;
 * this sentence is the note's name on its stand-in (NoteList.tsx).
 */
export function describeNote(note: NoteView, context: NoteContext, t: Translate): string {
  const text = note.text.replace(/\s+/g, ' ').trim() || t('keys.noteEmpty');
  const parts = [t('keys.note', { text })];
  const privacy = privacyOf(note);
  if (privacy === 'mine') parts.push(t('private.label.mine'));
  if (privacy === 'others') parts.push(t('private.label.others', { name: note.authorName }));
  const untitled = t('cluster.untitled');
  if (note.cluster !== null && context.clusterTitles.has(note.cluster)) {
    parts.push(t('keys.inTopic', { title: context.clusterTitles.get(note.cluster) || untitled }));
  }
  const cell = note.cell;
  const lane = cell && context.roadmap?.lanes.find((l) => l.id === cell.lane);
  const period = cell && context.roadmap?.periods.find((p) => p.id === cell.period);
  if (lane && period) {
    parts.push(
      t('keys.inCell', { lane: lane.title || untitled, period: period.title || untitled }),
    );
  }
  if (privacy === undefined && note.authorName) parts.push(t('keys.by', { name: note.authorName }));
  const dots = context.votes.get(note.id);
  if (dots !== undefined) parts.push(dotCount(t, dots));
  // Every candidate, 0 too: it says the note is one to vote on.
  const own = context.ownDots.get(note.id);
  if (own !== undefined) parts.push(t('vote.yourDots', { count: own }));
  const comments = context.comments.get(note.id);
  if (comments) parts.push(t('keys.comments', { count: comments }));
  if (note.locked) parts.push(t('keys.locked'));
  return parts.join(', ');
}
