import type { ClusterView } from './records/cluster';
import type { CommentView } from './records/comment';
import type { MetaView } from './records/meta';
import type { NoteView } from './records/note';
import type { RoadmapView } from './records/roadmap';
import type { VoteSessionView } from './records/vote';
import type { DanglingRef, InvalidEntry } from './schema';

/** The whole board as readBoard returns it: every record validated, everything sorted. */
export interface BoardView {
  meta: MetaView;
  /** Sorted by z-order, back to front. */
  notes: NoteView[];
  /** In creation order (createdAt, then id). */
  clusters: ClusterView[];
  roadmap: RoadmapView;
  /** In creation order (createdAt, then id); replies follow the same order. */
  comments: CommentView[];
  /** In creation order (createdAt, then id). */
  voteSessions: VoteSessionView[];
  /** Entries that failed validation, with the reason; shown to the user, never dropped. */
  invalid: InvalidEntry[];
  /**
   * References that name something that no longer exists (a note's cluster deleted by
   * someone else at the same moment, a vote candidate deleted since).
   * The views above already treat them as absent; this list says what was left out.
   */
  dangling: DanglingRef[];
}
