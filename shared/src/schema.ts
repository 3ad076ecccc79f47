/**
 * The board document, version 2. This file is the single source of truth for what a Paja
 * board holds; every reader and writer goes through the functions in this package. The prose
 * around it (which field means what, how concurrent changes resolve) is in shared/README.md.
 *
 * One Y.Doc per board. Top-level shared types (names are part of the stored format; never
 * rename one without a migration):
 *
 *   meta          Y.Map<unknown>   board-wide settings, see MetaKey and PhaseKey
 *   notes         Y.Map<Y.Map>     sticky notes keyed by note id, see NoteKey
 *   clusters      Y.Map<Y.Map>     discussion topics keyed by cluster id, see ClusterKey
 *   lanes         Y.Map<Y.Map>     roadmap themes (rows), see AxisKey
 *   periods       Y.Map<Y.Map>     roadmap periods (columns), see AxisKey
 *   comments      Y.Map<Y.Map>     comments and replies keyed by comment id, see CommentKey
 *   voteSessions  Y.Map<Y.Map>     dot-voting sessions, see VoteSessionKey
 *   votes         Y.Map<number>    dots cast, keyed by voteKey(session, participant, note)
 *
 * Every collection is a top-level type rather than a map nested inside another map: a
 * top-level type exists on every replica from the start, so two replicas can never both
 * create "the" lanes map and have one of them (and everything written into it) lose.
 *
 * References between objects are single last-writer-wins values stored on the referring
 * object (a note names its cluster and its roadmap cell), never lists kept in two places.
 * That makes "a note is in at most one cluster" and "a note is in at most one roadmap cell"
 * true by construction under any interleaving. A reference can still name an object that
 * a concurrent action deleted; readers treat it as absent and report it in
 * BoardView.dangling, and the functions that delete objects clear the references they can
 * see in the same transaction.
 */

export const SCHEMA_VERSION = 2;

export const ROOT = {
  meta: 'meta',
  notes: 'notes',
  clusters: 'clusters',
  lanes: 'lanes',
  periods: 'periods',
  comments: 'comments',
  voteSessions: 'voteSessions',
  votes: 'votes',
} as const;

export const MetaKey = {
  /** number: the schema version the document was last written or migrated to. */
  schemaVersion: 'schemaVersion',
  /** string: the board's title, shown in the header and the browser tab. LWW. */
  title: 'title',
  /** Locale: the board's default language for people who have not chosen one. LWW. */
  locale: 'locale',
  /** number: ms since epoch when the board was created. Set once. */
  createdAt: 'createdAt',
  /** string: id of the template the board was created from (informational). Set once. */
  template: 'template',
} as const;

/**
 * Phase settings: what participants may do right now. Each is its own meta key
 * (`phase.<name>`, boolean, LWW) so that a facilitator closing "add notes" and another
 * opening "vote" at the same moment both take effect. Absent means the default (true).
 * They steer the UI and the server's checks; the document itself cannot enforce them.
 */
export const PHASE_SETTINGS = ['addNotes', 'moveNotes', 'editNotes', 'comment', 'vote'] as const;
export type PhaseSetting = (typeof PHASE_SETTINGS)[number];
export type PhaseSettings = Record<PhaseSetting, boolean>;
export const DEFAULT_PHASE: Readonly<PhaseSettings> = {
  addNotes: true,
  moveNotes: true,
  editNotes: true,
  comment: true,
  vote: true,
};
export function phaseKey(setting: PhaseSetting): string {
  return `phase.${setting}`;
}

export const NoteKey = {
  /**
   * [x, y]: top-left corner in board units (1 unit = 1 CSS px at zoom 1), clamped to
   * ±BOARD_EXTENT. One LWW value, not two keys (v2; v1 had `x` and `y`): two people moving one
   * note concurrently end at one of their positions, never x of one and y of the other, and
   * successive moves of a note leave deleted values that Yjs merges into one struct, where two
   * interleaved keys leave one struct per move (20x the size after 100 moves; bench/).
   */
  pos: 'pos',
  /** [w, h]: size in board units, each clamped to NOTE_MIN_SIZE..NOTE_MAX_SIZE. One LWW value. */
  size: 'size',
  /** NoteColor: a palette name, never a raw CSS colour, so themes can change. LWW. */
  color: 'color',
  /** Y.Text: the note's text; characters merge, nobody's typing is lost. */
  text: 'text',
  /**
   * string: fractional-index z-order key; notes are drawn in ascending key order (ties broken
   * by id). Bringing a note to the front writes a key after the current maximum, touching
   * no other note. LWW.
   */
  z: 'z',
  /** string: the participant id of whoever created the note. Set once. */
  authorId: 'authorId',
  /** string: that participant's display name at the time of creation. Set once. */
  authorName: 'authorName',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /**
   * number: ms since epoch of the last change of text, colour, size or lock (v2), at
   * EDITED_AT_RESOLUTION: stamping every keystroke would put a map write between each two
   * typed characters, so that Yjs could no longer merge them into one struct. LWW.
   */
  editedAt: 'editedAt',
  /** boolean: settled by a facilitator; operations leave a locked note alone (v2). LWW. */
  locked: 'locked',
  /**
   * string | absent: id of the cluster the note belongs to (v2). LWW, so a note is in at most
   * one cluster whatever happens concurrently. A missing cluster reads as none.
   */
  cluster: 'cluster',
  /** string | absent: fractional key ordering the note among its cluster's members (v2). LWW. */
  clusterOrder: 'clusterOrder',
  /**
   * RoadmapCell | absent: `{ lane, period }` ids, one LWW value (v2). Lane and period are one
   * value, not two keys, so two people placing one note in different cells concurrently end
   * with one of the cells they chose, never a mix of the two.
   */
  cell: 'cell',
} as const;

export const ClusterKey = {
  /** Y.Text: the topic's title; two facilitators typing both keep their characters. */
  title: 'title',
  /** NoteColor: palette name of the cluster's frame. LWW. */
  color: 'color',
  /** numbers: the cluster's frame in board units. LWW each. */
  x: 'x',
  y: 'y',
  w: 'w',
  h: 'h',
  /** boolean: members are hidden behind the title. LWW. */
  collapsed: 'collapsed',
  /** string: participant id of the creator. Set once. */
  authorId: 'authorId',
  /** number: ms since epoch at creation. Set once; clusters are listed in creation order. */
  createdAt: 'createdAt',
} as const;

/** Keys of a roadmap lane (theme, a row) or period (a column, e.g. "2025"). */
export const AxisKey = {
  /** Y.Text: the lane's or period's title. */
  title: 'title',
  /** string: fractional key; lanes (periods) are shown in ascending key order, ties by id. LWW. */
  order: 'order',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
} as const;

export const CommentKey = {
  /** CommentAnchor: what the comment is about. Set once; replies copy their thread's anchor. */
  anchor: 'anchor',
  /** string | absent: id of the thread's first comment, for replies. Set once. */
  parent: 'parent',
  /** string: the comment's text; one author, so a plain string, not a Y.Text. LWW. */
  text: 'text',
  /** string: participant id, if the commenter has one (public commenters may not). Set once. */
  authorId: 'authorId',
  /** string: the display name the commenter gave. Set once. */
  authorName: 'authorName',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /**
   * Moderation: 'visible' | 'pending' | 'hidden'. LWW. Kept apart from `resolved` so that a
   * moderator hiding a comment and a facilitator resolving its thread at the same time both
   * take effect: hidden is shown as hidden whatever `resolved` says.
   */
  moderation: 'moderation',
  /** boolean: the thread is resolved (only meaningful on a thread's first comment). LWW. */
  resolved: 'resolved',
} as const;

export const VoteSessionKey = {
  /** string: what is being voted on. LWW. */
  title: 'title',
  /** number: dots each participant may place in this session (1..MAX_DOTS). LWW. */
  dots: 'dots',
  /** Y.Map<true>: note ids that may receive dots; adds and removes of different notes merge. */
  candidates: 'candidates',
  /** boolean: dots may be placed. LWW. */
  open: 'open',
  /** boolean: results are shown to participants. LWW. */
  revealed: 'revealed',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
} as const;

/**
 * The key of one participant's dots on one note in one session; the value is a count >= 1.
 * Ids used here are checked to contain no ':' (newId never produces one).
 */
export function voteKey(session: string, participant: string, note: string): string {
  return `${session}:${participant}:${note}`;
}

export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Note colours. Chosen to stay distinguishable for the common forms of colour blindness
 * (after the Okabe-Ito palette, lightened for legibility of dark text); the UI also names
 * each colour so that colour is never the only cue.
 */
export const NOTE_COLORS = {
  yellow: '#FFE680',
  orange: '#FFC07A',
  vermilion: '#F59E8B',
  pink: '#F2B8D8',
  purple: '#D3B8F0',
  blue: '#9CC9F0',
  teal: '#8FD9C8',
  gray: '#D9D9D9',
} as const;
export type NoteColor = keyof typeof NOTE_COLORS;
export const NOTE_COLOR_NAMES = Object.keys(NOTE_COLORS) as NoteColor[];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';
export const DEFAULT_CLUSTER_COLOR: NoteColor = 'gray';

export const NOTE_DEFAULT_SIZE = 160;
export const NOTE_MIN_SIZE = 60;
export const NOTE_MAX_SIZE = 1200;
/** Longest note text accepted from the UI; more is refused, not silently cut. */
export const NOTE_MAX_TEXT = 4000;
/** Board coordinates are kept inside this square so that a bad value cannot lose a note. */
export const BOARD_EXTENT = 1_000_000;
export const TITLE_MAX = 200;
/** editedAt is rewritten only when it is at least this much older (ms) than the edit. */
export const EDITED_AT_RESOLUTION = 60_000;
/** Longest comment accepted; more is refused, not cut. */
export const COMMENT_MAX_TEXT = 4000;
export const NAME_MAX = 80;
/** Cluster frames may be much larger than notes: a topic can hold a hundred notes. */
export const CLUSTER_MAX_SIZE = 20_000;
/** Spacing used when a cluster is arranged into a grid: gap between notes, title band. */
export const CLUSTER_GAP = 20;
export const CLUSTER_HEADER = 60;
export const MAX_DOTS = 100;

export type Moderation = 'visible' | 'pending' | 'hidden';
export const MODERATIONS: readonly Moderation[] = ['visible', 'pending', 'hidden'];
/** What a reader shows: hidden beats pending beats resolved beats visible. */
export type CommentStatus = 'visible' | 'pending' | 'hidden' | 'resolved';

export interface RoadmapCell {
  lane: string;
  period: string;
}

export type CommentAnchor =
  | { kind: 'board' }
  | { kind: 'note'; note: string }
  | { kind: 'cluster'; cluster: string }
  | { kind: 'cell'; lane: string; period: string }
  | { kind: 'point'; x: number; y: number };

/** A note as the UI, exports and tests see it: plain, typed, JSON-serialisable. */
export interface NoteView {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  text: string;
  z: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  /** Equals createdAt until the note is first edited. */
  editedAt: number;
  locked: boolean;
  /** The cluster the note is in, or null (also when the stored cluster no longer exists). */
  cluster: string | null;
  /**
   * Order key among the cluster's members; null when not in a cluster, '' for a member whose
   * key was lost (a concurrent removal and re-add), which sorts first.
   */
  clusterOrder: string | null;
  /** The roadmap cell, or null (also when its lane or period no longer exists). */
  cell: RoadmapCell | null;
}

export interface ClusterView {
  id: string;
  title: string;
  color: NoteColor;
  x: number;
  y: number;
  w: number;
  h: number;
  collapsed: boolean;
  /** Ids of member notes in member order (clusterOrder, then id). */
  members: string[];
  authorId: string;
  createdAt: number;
}

export interface AxisItemView {
  id: string;
  title: string;
  order: string;
}

export interface RoadmapView {
  /** Themes, top to bottom. */
  lanes: AxisItemView[];
  /** Periods, left to right. */
  periods: AxisItemView[];
}

export interface CommentView {
  id: string;
  anchor: CommentAnchor;
  /** The thread's first comment for a reply; null for a thread's first comment. */
  parent: string | null;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  moderation: Moderation;
  /** The thread's resolved flag (a reply reports its thread's). */
  resolved: boolean;
  status: CommentStatus;
  /**
   * True when what the comment is about is gone: its note, cluster, lane or period was
   * deleted, or (for a reply) its thread's first comment was. Kept and shown, never dropped.
   */
  orphaned: boolean;
}

export interface BallotView {
  participant: string;
  note: string;
  /** Dots counted (after the per-person budget is applied). */
  count: number;
}

export interface VoteSessionView {
  id: string;
  title: string;
  dotsPerPerson: number;
  /** Candidate note ids that exist, sorted. */
  candidates: string[];
  open: boolean;
  revealed: boolean;
  createdAt: number;
  /**
   * Counted dots, sorted by participant then note. Present whatever `revealed` says: the
   * document holds them anyway; hiding them is the UI's and the server's job.
   */
  ballots: BallotView[];
  /** Dots per candidate (every candidate, zero included), most dots first, ties by note id. */
  results: Array<{ note: string; count: number }>;
  /** Participants with at least one counted dot. */
  voters: number;
}

export interface MetaView {
  schemaVersion: number;
  title: string;
  locale: Locale;
  createdAt: number;
  template: string | null;
  phase: PhaseSettings;
}

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
   * someone else at the same moment) or that the reader did not count (dots over budget).
   * The views above already treat them as absent; this list says what was left out.
   */
  dangling: DanglingRef[];
}

export type EntryKind =
  | 'note'
  | 'meta'
  | 'cluster'
  | 'lane'
  | 'period'
  | 'comment'
  | 'voteSession'
  | 'vote';

export interface InvalidEntry {
  kind: EntryKind;
  id: string;
  reason: string;
}

export interface DanglingRef {
  kind: EntryKind;
  id: string;
  /** The field holding the reference (e.g. 'cluster', 'cell', 'anchor', 'candidate'). */
  field: string;
  /** What it names, or why it was not counted. */
  target: string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && Object.hasOwn(NOTE_COLORS, value);
}

export function isModeration(value: unknown): value is Moderation {
  return typeof value === 'string' && (MODERATIONS as readonly string[]).includes(value);
}
