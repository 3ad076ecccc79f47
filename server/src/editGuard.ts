import { NoteKey, type PhaseSettings, ROOT, type Role, readMeta } from '@paja/shared';
import * as Y from 'yjs';

/**
 * What a participant's update may change, checked on the server before the update is applied
 * (a CRDT update cannot be taken back once merged). Facilitators may change anything.
 *
 * A participant may not:
 * - touch the board's meta (title, language, phase settings), its comments (comments go
 *   through the server's comment message) or its vote sessions;
 * - change, delete or replace a locked note, or lock or unlock any note;
 * - add notes while the phase forbids adding, move them while it forbids moving, or edit them
 *   while it forbids editing;
 * - cast or withdraw votes in another participant's name.
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

/** Where a struct lands: an existing shared type and key, or inside a type this update makes. */
type Target =
  | { kind: 'existing'; type: Y.AbstractType<unknown>; key: string | null }
  | { kind: 'new'; parent: Target }
  /** Into content already deleted and collected (an edit racing a delete): no effect. */
  | { kind: 'collected' }
  /** Refers to data the server lacks: Yjs keeps it pending and the room refuses it. */
  | { kind: 'unknown' };

const FORBIDDEN_ROOTS: ReadonlySet<string> = new Set([ROOT.meta, ROOT.comments, ROOT.voteSessions]);

export function refusalOf(doc: Y.Doc, update: Uint8Array, editor: Editor): string | null {
  if (editor.role === 'facilitator') return null;
  const { structs, ds } = Y.decodeUpdate(update);
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) inUpdate.set(idKey(struct.id), struct);
  }
  const context = { doc, phase: readMeta(doc).phase, editor, inUpdate };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const refusal = checkWrite(context, targetOf(context, struct, 0));
    if (refusal) return refusal;
  }
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
  // Deleting a note also removes everyone's dots on it (shared's deleteNotes does).
  const notes = doc.getMap(ROOT.notes);
  const deletedNotes = new Set(
    deleted.filter((item) => item.parent === notes).map((item) => item.parentSub),
  );
  for (const item of deleted) {
    const refusal = checkDelete(context, item, deletedNotes);
    if (refusal) return refusal;
  }
  return null;
}

interface Context {
  doc: Y.Doc;
  phase: PhaseSettings;
  editor: Editor;
  inUpdate: Map<string, Y.Item>;
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
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
    return { kind: 'existing', type: context.doc.get(parent), key: item.parentSub };
  }
  if (parent instanceof Y.ID) {
    const holder = itemAt(context, parent);
    if (holder === 'collected') return { kind: 'collected' };
    if (holder === 'new') {
      const made = context.inUpdate.get(idKey(parent));
      return made
        ? { kind: 'new', parent: targetOf(context, made, depth + 1) }
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

function isLockedNote(type: Y.AbstractType<unknown> | undefined): boolean {
  return type instanceof Y.Map && type.get(NoteKey.locked) === true;
}

function checkWrite(context: Context, target: Target): string | null {
  if (target.kind === 'unknown' || target.kind === 'collected') return null;
  if (target.kind === 'new') {
    // Content of a type this update creates is judged by where that type goes: a new note's
    // fields and text are part of adding the note, not moving or editing one.
    return checkWrite(context, target.parent);
  }
  const { root, chain } = pathOf(target.type);
  if (root === null) return 'the update writes outside the board';
  if (FORBIDDEN_ROOTS.has(root)) return `only a facilitator can change ${root}`;
  if (root === ROOT.votes && chain.length === 0) return checkVoteKey(context, target.key);
  if (root !== ROOT.notes) return null;
  const notes = context.doc.getMap(ROOT.notes);
  if (chain.length === 0) {
    // A key of the notes map itself: a new note, or one replaced wholesale.
    const existing = target.key === null ? undefined : notes.get(target.key);
    if (existing === undefined) {
      return context.phase.addNotes ? null : 'adding notes is closed right now';
    }
    return isLockedNote(existing as Y.AbstractType<unknown>) ? 'the note is locked' : null;
  }
  const note = chain[0];
  if (isLockedNote(note)) return 'the note is locked';
  if (chain.length === 1 && target.key === NoteKey.locked) {
    return 'only a facilitator can lock or unlock notes';
  }
  if (chain.length === 1 && target.key === NoteKey.pos) {
    return context.phase.moveNotes ? null : 'moving notes is closed right now';
  }
  return context.phase.editNotes ? null : 'editing notes is closed right now';
}

function checkDelete(
  context: Context,
  item: Y.Item,
  deletedNotes: ReadonlySet<string | null>,
): string | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return null;
  const { root, chain } = pathOf(parent);
  if (root === null) return null;
  // Deleting a note takes it off every vote session's candidates (voteSessions/<id>/candidates).
  if (root === ROOT.voteSessions && chain.length === 2 && deletedNotes.has(item.parentSub)) {
    return null;
  }
  if (FORBIDDEN_ROOTS.has(root)) return `only a facilitator can change ${root}`;
  if (root === ROOT.votes && chain.length === 0) {
    const note = item.parentSub?.split(':')[2];
    const noteGone =
      note !== undefined && (deletedNotes.has(note) || !context.doc.getMap(ROOT.notes).has(note));
    return noteGone ? null : checkVoteKey(context, item.parentSub);
  }
  if (root !== ROOT.notes) return null;
  if (chain.length === 0) {
    // Deleting a note: its map is this item's content.
    const note = item.content instanceof Y.ContentType ? item.content.type : undefined;
    if (isLockedNote(note)) return 'the note is locked';
    return context.phase.editNotes ? null : 'editing notes is closed right now';
  }
  if (isLockedNote(chain[0])) return 'the note is locked';
  return context.phase.editNotes ? null : 'editing notes is closed right now';
}

/** Vote keys are `session:participant:note`; a participant writes only its own. */
function checkVoteKey(context: Context, key: string | null): string | null {
  const participant = key?.split(':')[1];
  return participant === context.editor.participantId
    ? null
    : 'a participant can only cast their own votes';
}
