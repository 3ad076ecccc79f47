import * as Y from 'yjs';
import {
  mayPerson,
  type ParticipantAction,
  type PermissionContext,
  REFUSAL_MESSAGES,
  type RefusalReason,
} from './permissions';
import { ClusterKey } from './records/cluster';
import { isLanguageKey } from './records/language';
import { type LockArea, type MetaView, readMeta } from './records/meta';
import { NOTE_SET_ONCE, NoteKey } from './records/note';
import { AxisKey } from './records/roadmap';
import { VoteSessionKey } from './records/vote';
import type { Role } from './roles';
import { ROOT } from './schema';

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
 * - nothing is written outside the board's top-level types.
 *
 * How an update is read: Y.decodeUpdate gives its structs and its delete set. A new struct
 * names its parent only when it has no neighbours; otherwise the parent is the parent of its
 * left (origin) or right neighbour, which is either already in the document or earlier in the
 * same update. Deletions name id ranges of structs already in the document.
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

/** Where a struct lands: an existing shared type and key, or inside a type this update makes. */
type Target =
  | { kind: 'existing'; type: Y.AbstractType<unknown>; key: string | null }
  | { kind: 'new'; made: Y.Item; parent: Target }
  /** Into content already deleted and collected (an edit racing a delete): no effect. */
  | { kind: 'collected' }
  /** A top-level type that is not part of the board. */
  | { kind: 'foreign'; name: string }
  /** Refers to data the server lacks: Yjs keeps it pending and the room refuses it. */
  | { kind: 'unknown' };

const BOARD_ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT));

interface Context {
  doc: Y.Doc;
  meta: MetaView;
  editor: Editor;
  inUpdate: Map<string, Y.Item>;
  /** Ids of top-level entries (notes, clusters, lanes, periods) this update deletes. */
  deleted: Record<'notes' | 'clusters' | 'lanes' | 'periods', Set<string>>;
}

/** The refusal message for a participant's update, or null when it may be applied. */
export function refusalOf(doc: Y.Doc, update: Uint8Array, editor: Editor): string | null {
  return judgeUpdate(doc, update, editor)?.message ?? null;
}

/** Judges a participant's update before it is applied: null, or why it is refused. */
export function judgeUpdate(doc: Y.Doc, update: Uint8Array, editor: Editor): Refusal | null {
  if (editor.role === 'facilitator') return null;
  const { structs, ds } = Y.decodeUpdate(update);
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) inUpdate.set(idKey(struct.id), struct);
  }
  const removed = deletedItems(doc, ds);
  const context: Context = {
    doc,
    meta: readMeta(doc),
    editor,
    inUpdate,
    deleted: { notes: new Set(), clusters: new Set(), lanes: new Set(), periods: new Set() },
  };
  for (const item of removed) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || parent._item !== null) continue;
    const root = Y.findRootTypeKey(parent);
    if (root in context.deleted && item.parentSub !== null) {
      context.deleted[root as keyof Context['deleted']].add(item.parentSub);
    }
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const refusal = checkWrite(context, struct, targetOf(context, struct, 0));
    if (refusal) return refusal;
  }
  for (const item of removed) {
    const refusal = checkDelete(context, item);
    if (refusal) return refusal;
  }
  return null;
}

/** The live items of the document that a delete set removes. */
function deletedItems(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): Y.Item[] {
  const deleted: Y.Item[] = [];
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client);
    if (!stored) continue; // deletes of structs the server never had are refused elsewhere
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (clock >= Y.getState(doc.store, client)) continue;
      let index = Y.findIndexSS(stored, clock);
      for (let struct = stored[index]; struct && struct.id.clock < end; struct = stored[++index]) {
        if (struct instanceof Y.Item && !struct.deleted) deleted.push(struct);
      }
    }
  }
  return deleted;
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

function refusal(reason: RefusalReason, detail?: string): Refusal {
  const base = REFUSAL_MESSAGES[reason];
  return { reason, message: detail ? `${base}: ${detail}` : base };
}

/** The struct with this id: in the document (an item, or collected), earlier in the update. */
function itemAt(context: Context, id: Y.ID): Y.Item | 'new' | 'collected' | null {
  if (id.clock < Y.getState(context.doc.store, id.client)) {
    const item = Y.getItem(context.doc.store, id);
    return item instanceof Y.Item ? item : 'collected';
  }
  return context.inUpdate.has(idKey(id)) ? 'new' : null;
}

function targetOf(context: Context, item: Y.Item, depth: number): Target {
  if (depth > 64) return { kind: 'unknown' };
  const parent = item.parent as unknown;
  if (typeof parent === 'string') {
    // doc.get would create a missing top-level type: look before touching.
    if (!BOARD_ROOTS.has(parent)) return { kind: 'foreign', name: parent };
    return { kind: 'existing', type: context.doc.get(parent), key: item.parentSub };
  }
  if (parent instanceof Y.ID) {
    const holder = itemAt(context, parent);
    if (holder === 'collected') return { kind: 'collected' };
    if (holder === 'new') {
      const made = context.inUpdate.get(idKey(parent));
      return made
        ? { kind: 'new', made, parent: targetOf(context, made, depth + 1) }
        : { kind: 'unknown' };
    }
    if (holder?.content instanceof Y.ContentType) {
      return { kind: 'existing', type: holder.content.type, key: item.parentSub };
    }
    return { kind: 'unknown' };
  }
  // No parent written: it is the parent of a neighbour.
  const neighbourId = item.origin ?? item.rightOrigin;
  if (!neighbourId) return { kind: 'unknown' };
  const neighbour = itemAt(context, neighbourId);
  if (neighbour === 'collected') return { kind: 'collected' };
  if (neighbour === 'new') {
    const made = context.inUpdate.get(idKey(neighbourId));
    return made ? targetOf(context, made, depth + 1) : { kind: 'unknown' };
  }
  // Yjs writes the map key only together with the parent: otherwise it is the neighbour's.
  if (neighbour?.parent instanceof Y.AbstractType) {
    return { kind: 'existing', type: neighbour.parent, key: item.parentSub ?? neighbour.parentSub };
  }
  // A neighbour inside a deleted type has no parent any more.
  return neighbour ? { kind: 'collected' } : { kind: 'unknown' };
}

/** The root name a type hangs under, and the chain of types from the root down to it. */
function pathOf(type: Y.AbstractType<unknown>): {
  root: string | null;
  chain: Y.AbstractType<unknown>[];
} {
  const chain: Y.AbstractType<unknown>[] = [];
  let current: Y.AbstractType<unknown> | null = type;
  while (current?._item) {
    chain.unshift(current);
    const parent: unknown = current._item.parent;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  const root = current ? Y.findRootTypeKey(current) : null;
  return { root, chain };
}

/** The value a struct writes into a map key (a plain value, or the type it creates). */
function written(item: Y.Item): unknown {
  return item.content.getContent()[0];
}

/**
 * One change: `entry` is the top-level entry (note, cluster, lane, period) it is in or null
 * for a change of the collection itself; `field` the entry's key it touches; `value` what a
 * write puts there (undefined for a delete).
 */
interface Change {
  root: string;
  id: string | null;
  entry: Y.Map<unknown> | null;
  field: string | null;
  /** How deep below the entry: 0 for the collection's own keys, 1 for the entry's keys. */
  depth: number;
  /** The key written or deleted, at whatever depth. */
  key: string | null;
  write: boolean;
  value: unknown;
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

/** Describes a write or delete at `key` of `type`; null when it is outside the board. */
function changeAt(
  type: Y.AbstractType<unknown>,
  key: string | null,
  write: boolean,
  value: unknown,
): Change | null {
  const { root, chain } = pathOf(type);
  if (root === null) return null;
  const depth = chain.length;
  const top = chain[0];
  if (!top) return { root, id: key, entry: null, field: null, depth, key, write, value };
  const id = top._item?.parentSub ?? null;
  // A key of the entry itself, or something deeper (a character of its title or text).
  const field = depth === 1 ? key : (chain[1]?._item?.parentSub ?? null);
  const entry = top instanceof Y.Map ? top : null;
  // The value matters only where it is a field's value (a note's cluster or cell).
  const direct = depth === 1 ? value : undefined;
  return { root, id, entry, field: field ?? '', depth, key, write, value: direct };
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
