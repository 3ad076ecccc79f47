import * as Y from 'yjs';
import { guardMeta } from './guardMeta';
import {
  mayPerson,
  type ParticipantAction,
  type PermissionContext,
  REFUSAL_MESSAGES,
  type RefusalReason,
} from './permissions';
import { ClusterKey } from './records/cluster';
import { isLanguageKey } from './records/language';
import type { LockArea, MetaView } from './records/meta';
import { NOTE_SET_ONCE, NoteKey } from './records/note';
import { AxisKey } from './records/roadmap';
import { VoteSessionKey } from './records/vote';
import type { Role } from './roles';
import { ROOT } from './schema';
import {
  type Change,
  changeAt,
  type DecodedUpdate,
  readUpdateEffect,
  type Target,
  targetOf,
  type UpdateEffect,
  written,
} from './updateEffect';
import { TextTally, valueProblem } from './updateValues';

/**
 * What a participant's update may change, checked on the server before the update is applied
 * (a CRDT update cannot be taken back once merged). Facilitators may change anything. It lives
 * in shared because the client runs the same judge on the update an undo would send
 * (undoGuard.ts), so an undo the server would refuse is dropped before it is applied.
 *
 * The guard reads the update's effect (every struct it writes, every struct it deletes),
 * names each as an action on a note, cluster, lane, period, dot or setting, and asks shared's
 * permission table (permissions.ts) whether this person may do it now: phase settings,
 * ownership (a note's authorId), item locks and area locks. The client asks the same table,
 * so what the UI offers and what the server accepts cannot drift apart. Besides the table:
 * - a note is added only in one's own name, and a dot never in the document (votes.ts);
 * - who wrote a note and when (NOTE_SET_ONCE) is never rewritten;
 * - nothing is written outside the board's top-level types;
 * - every value written is one a board holds (updateValues.ts: a note's fields as its record
 *   reads them, texts within NOTE_MAX_TEXT, nothing binary or oversized).
 *
 * How an update is read as changes (which struct lands where) is updateEffect.ts.
 */
export interface Editor {
  role: Role;
  participantId: string;
}

export interface Refusal {
  reason: RefusalReason;
  /** The English sentence sent as the close reason: REFUSAL_MESSAGES[reason], with detail. */
  message: string;
}

/** The update being judged, who sent it, and the board's settings before it. */
interface Context extends UpdateEffect {
  meta: Readonly<MetaView>;
  editor: Editor;
}

/** The refusal message for a participant's update, or null when it may be applied. */
export function refusalOf(
  doc: Y.Doc,
  update: Uint8Array | DecodedUpdate,
  editor: Editor,
): string | null {
  return judgeUpdate(doc, update, editor)?.message ?? null;
}

/** Judges a participant's update before it is applied: null, or why it is refused. */
export function judgeUpdate(
  doc: Y.Doc,
  update: Uint8Array | DecodedUpdate,
  editor: Editor,
): Refusal | null {
  if (editor.role === 'facilitator') return null;
  const effect = readUpdateEffect(doc, update);
  // Fields named, not spread: a spread copies through a slow generic path on every update.
  const context: Context = {
    doc: effect.doc,
    items: effect.items,
    inUpdate: effect.inUpdate,
    removed: effect.removed,
    deleted: effect.deleted,
    meta: guardMeta(doc),
    editor,
  };
  // What the update writes must be allowed to this person, and be a value a board holds.
  const texts = new TextTally();
  const notes = context.doc.getMap(ROOT.notes);
  for (const item of context.items) {
    const target = targetOf(context, item, 0);
    const refused = checkWrite(context, item, target);
    if (refused) return refused;
    const problem = valueProblem(context, item, target, texts, notes);
    if (problem) return refusal('invalid', problem);
  }
  for (const item of context.removed) {
    const refused = checkDelete(context, item);
    if (refused) return refused;
  }
  const tooLong = texts.problem(context);
  return tooLong ? refusal('invalid', tooLong) : null;
}

function refusal(reason: RefusalReason, detail?: string): Refusal {
  const base = REFUSAL_MESSAGES[reason];
  return { reason, message: detail ? `${base}: ${detail}` : base };
}

function checkWrite(context: Context, item: Y.Item, target: Target): Refusal | null {
  switch (target.kind) {
    case 'unknown':
    case 'collected':
      return null;
    case 'foreign':
      return refusal('facilitatorOnly', `write outside the board (${target.name.slice(0, 40)})`);
    case 'new': {
      // Content of a type this update creates: the creation itself is judged as its own
      // struct. What a participant may not choose is the author of a note they add.
      const parent = target.parent;
      const isNewNote =
        parent.kind === 'existing' && parent.type === context.doc.getMap(ROOT.notes);
      if (isNewNote && item.parentSub === NoteKey.authorId) {
        const author = written(item);
        if (author !== context.editor.participantId) return refusal('notOwnName', 'note author');
      }
      return null;
    }
    case 'existing': {
      const change = changeAt(target.type, target.key, true, written(item));
      return change
        ? judge(context, change)
        : refusal('facilitatorOnly', 'write outside the board');
    }
  }
}

function checkDelete(context: Context, item: Y.Item): Refusal | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return null;
  const change = changeAt(parent, item.parentSub, false, undefined);
  if (!change) return null;
  // Deleting an entry deletes everything in it: judged once, as the entry's deletion.
  if (change.entry && change.id !== null && change.field !== null) {
    const gone = context.deleted[change.root as keyof Context['deleted']];
    if (gone?.has(change.id)) return null;
  }
  return judge(context, change);
}

function judge(context: Context, change: Change): Refusal | null {
  switch (change.root) {
    case ROOT.meta: {
      const isLock = change.id?.startsWith('lock.') === true;
      const detail = isLock ? 'lock or unlock an area' : 'change the board settings';
      return ask(context, isLock ? 'lock' : 'changeSettings', {}, detail);
    }
    case ROOT.comments:
      return ask(context, 'moderate', {}, 'change comments');
    case ROOT.supports:
      // Supports come through the server's comment-action message, in the person's own name.
      return ask(context, 'moderate', {}, 'change supports');
    case ROOT.voteSessions:
      return judgeVoteSession(context, change);
    case ROOT.votes:
      return judgeDot();
    case ROOT.notes:
      return judgeNote(context, change);
    case ROOT.clusters:
      return judgeContainer(context, change, 'changeCluster', ClusterKey.locked, 'clusters');
    case ROOT.lanes:
    case ROOT.periods:
      return judgeContainer(context, change, 'changeRoadmap', AxisKey.locked, 'roadmap');
    default:
      return refusal('facilitatorOnly', 'write outside the board');
  }
}

function ask(
  context: Context,
  action: ParticipantAction,
  subject: Omit<PermissionContext, 'phase'>,
  detail?: string,
): Refusal | null {
  const decision = mayPerson(context.editor.role, action, {
    phase: context.meta.phase,
    ...subject,
  });
  return decision.allowed ? null : refusal(decision.reason, detail);
}

function isLocked(map: unknown, key: string): boolean {
  return map instanceof Y.Map && map.get(key) === true;
}

function judgeNote(context: Context, change: Change): Refusal | null {
  const notes = context.doc.getMap(ROOT.notes);
  if (change.field === null) {
    // A key of the notes map: a note added, deleted, or replaced wholesale.
    const existing = change.id === null ? undefined : notes.get(change.id);
    if (existing instanceof Y.Map) {
      const refused = ask(context, 'deleteNote', noteSubject(context, existing, true), 'note');
      if (refused || !change.write) return refused;
    }
    return change.write ? ask(context, 'addNote', {}, 'note') : null;
  }
  const note = change.entry;
  if (!note) return null;
  const field = change.field;
  if (field === NoteKey.locked) return ask(context, 'lock', {}, 'lock or unlock a note');
  if (NOTE_SET_ONCE.has(field)) return refusal('setOnce', field);
  const subject = noteSubject(context, note, false);
  if (field === NoteKey.pos || field === NoteKey.z)
    return ask(context, 'moveNote', subject, 'note');
  if (field === NoteKey.cluster || field === NoteKey.clusterOrder) {
    const from = note.get(NoteKey.cluster);
    // Clearing a reference to a cluster that is gone (or going in this update) is tidying.
    if (!change.write && !liveCluster(context, from)) return null;
    const to = field === NoteKey.cluster && change.write ? change.value : from;
    const areaLocked =
      context.meta.locks.clusters || clusterLocked(context, from) || clusterLocked(context, to);
    return ask(context, 'fileNote', { ...subject, areaLocked }, 'cluster membership');
  }
  if (field === NoteKey.cell) {
    const from = note.get(NoteKey.cell);
    if (!change.write && !liveCell(context, from)) return null;
    const areaLocked =
      context.meta.locks.roadmap ||
      cellLocked(context, from) ||
      (change.write && cellLocked(context, change.value));
    return ask(context, 'fileNote', { ...subject, areaLocked }, 'roadmap placement');
  }
  // A translation or the original's language (records/language.ts) is an edit of the note:
  // whoever may edit it may translate it. Titles of clusters, lanes and periods likewise
  // follow their structure rule (judgeContainer).
  if (isLanguageKey(field)) return ask(context, 'editNote', subject, 'translation');
  return ask(context, 'editNote', subject, 'note');
}

/**
 * Ownership and locks of a note. `leaving` is true when the note goes away (deleted): then
 * a locked cluster or cell it is in, or a locked area it is in, stops it too.
 */
function noteSubject(
  context: Context,
  note: Y.Map<unknown>,
  leaving: boolean,
): Omit<PermissionContext, 'phase'> {
  const own = note.get(NoteKey.authorId) === context.editor.participantId;
  const locked = note.get(NoteKey.locked) === true;
  if (!leaving) return { own, locked };
  const cluster = note.get(NoteKey.cluster);
  const cell = note.get(NoteKey.cell);
  const inCluster = liveCluster(context, cluster);
  const inCell = liveCell(context, cell);
  const areaLocked =
    (inCluster && (context.meta.locks.clusters || clusterLocked(context, cluster))) ||
    (inCell && (context.meta.locks.roadmap || cellLocked(context, cell)));
  return { own, locked, areaLocked };
}

function liveCluster(context: Context, id: unknown): boolean {
  return (
    typeof id === 'string' &&
    context.doc.getMap(ROOT.clusters).has(id) &&
    !context.deleted.clusters.has(id)
  );
}

function clusterLocked(context: Context, id: unknown): boolean {
  return (
    typeof id === 'string' && isLocked(context.doc.getMap(ROOT.clusters).get(id), ClusterKey.locked)
  );
}

function cellParts(cell: unknown): { lane: unknown; period: unknown } | null {
  if (typeof cell !== 'object' || cell === null) return null;
  const { lane, period } = cell as Record<string, unknown>;
  return { lane, period };
}

function liveCell(context: Context, cell: unknown): boolean {
  const parts = cellParts(cell);
  if (!parts || typeof parts.lane !== 'string' || typeof parts.period !== 'string') return false;
  return (
    context.doc.getMap(ROOT.lanes).has(parts.lane) &&
    context.doc.getMap(ROOT.periods).has(parts.period) &&
    !context.deleted.lanes.has(parts.lane) &&
    !context.deleted.periods.has(parts.period)
  );
}

function cellLocked(context: Context, cell: unknown): boolean {
  const parts = cellParts(cell);
  if (!parts) return false;
  const locked = (root: string, id: unknown) =>
    typeof id === 'string' && isLocked(context.doc.getMap(root).get(id), AxisKey.locked);
  return locked(ROOT.lanes, parts.lane) || locked(ROOT.periods, parts.period);
}

/** A cluster, lane or period: its structure is one action, its lock only facilitators'. */
function judgeContainer(
  context: Context,
  change: Change,
  action: 'changeCluster' | 'changeRoadmap',
  lockField: string,
  area: LockArea,
): Refusal | null {
  const what = change.root === ROOT.clusters ? 'cluster' : change.root.slice(0, -1);
  if (change.field === lockField) return ask(context, 'lock', {}, `lock or unlock a ${what}`);
  const collection = context.doc.getMap(change.root);
  const entry = change.entry ?? (change.id === null ? undefined : collection.get(change.id));
  return ask(
    context,
    action,
    { locked: isLocked(entry, lockField), areaLocked: context.meta.locks[area] },
    what,
  );
}

/**
 * The legacy `votes` map: no participant writes or deletes anything there. Dots go through the
 * vote messages (server/src/votes), which the server judges against the ballots it holds; a dot
 * in the document would be readable by everyone and counted by nobody.
 */
function judgeDot(): Refusal {
  return refusal('serverOnly', 'votes');
}

/**
 * Vote sessions are the facilitator's, but deleting a note takes it off every session's
 * candidates (voteSessions/<id>/candidates/<note>), and so may a participant who may delete it.
 */
function judgeVoteSession(context: Context, change: Change): Refusal | null {
  const candidate = change.field === VoteSessionKey.candidates && change.depth === 2;
  if (candidate && !change.write && change.key !== null) {
    const note = change.key;
    if (context.deleted.notes.has(note) || !context.doc.getMap(ROOT.notes).has(note)) return null;
  }
  return ask(context, 'runVotes', {}, 'change vote sessions');
}
