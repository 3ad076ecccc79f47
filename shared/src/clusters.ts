import * as Y from 'yjs';
import { newId } from './ids';
import { deleteNotes, notePos, noteSize, readNotes, setPos } from './notes';
import { ClusterKey, type ClusterView, readClusterEntry } from './records/cluster';
import { type ContentLang, writeOriginalLang } from './records/language';
import { NoteKey, type NoteView } from './records/note';
import { clustersMap, notesMap, transact } from './roots';
import {
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_MAX_SIZE,
  DEFAULT_CLUSTER_COLOR,
  type InvalidEntry,
  isNoteColor,
  type NoteColor,
} from './schema';
import { applyTextDiff } from './text';
import {
  clampCoord,
  clampSize,
  cleanTitle,
  compareKeyed,
  isFiniteNumber,
  type Keyed,
  keysForInsert,
  sortByCreation,
  textOf,
} from './values';

/*
 * Membership lives on the note (NoteKey.cluster, NoteKey.clusterOrder), not in the cluster:
 * see records/cluster.ts. A cluster map holds only its own title, colour, frame, collapsed
 * and locked flags. A locked cluster is left alone by every operation here but
 * setClustersLocked: its title, colour, frame and members stay as they are.
 */

export interface NewCluster {
  /** The selection the cluster is formed from, in the order the members should have. */
  noteIds: readonly string[];
  title?: string;
  /** The language the title is written in; absent: the board's main language. */
  lang?: ContentLang;
  color?: NoteColor;
  authorId?: string;
  /** Frame; by default the selection's bounding box plus a margin and a title band. */
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  id?: string;
  now?: number;
}

function liveNote(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const note = notesMap(doc).get(id);
  return note instanceof Y.Map && note.get(NoteKey.locked) !== true ? note : null;
}

/** A cluster that operations may change: it exists and is not locked. */
function liveCluster(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const cluster = clustersMap(doc).get(id);
  return cluster instanceof Y.Map && cluster.get(ClusterKey.locked) !== true ? cluster : null;
}

/** A note that may join or leave a cluster: unlocked, and not in a locked cluster. */
function fileableNote(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const note = liveNote(doc, id);
  if (!note) return null;
  const current = note.get(NoteKey.cluster);
  if (typeof current !== 'string') return note;
  const cluster = clustersMap(doc).get(current);
  return cluster instanceof Y.Map && cluster.get(ClusterKey.locked) === true ? null : note;
}

/** Locks or unlocks clusters: a locked cluster is left alone by every other operation. */
export function setClustersLocked(doc: Y.Doc, ids: readonly string[], locked: boolean): void {
  transact(doc, () => {
    for (const id of ids) {
      const cluster = clustersMap(doc).get(id);
      if (cluster instanceof Y.Map && (cluster.get(ClusterKey.locked) === true) !== locked) {
        cluster.set(ClusterKey.locked, locked);
      }
    }
  });
}

function num(map: Y.Map<unknown>, key: string, fallback = 0): number {
  const value = map.get(key);
  return isFiniteNumber(value) ? value : fallback;
}

/** Forms a cluster from a selection of notes, in one transaction; returns its id. */
export function createCluster(doc: Y.Doc, input: NewCluster): string {
  if (input.color !== undefined && !isNoteColor(input.color)) {
    throw new Error(`Unknown cluster colour: ${String(input.color)}`);
  }
  const id = input.id ?? newId();
  transact(doc, () => {
    const members = input.noteIds
      .map((noteId) => fileableNote(doc, noteId))
      .filter((n): n is Y.Map<unknown> => n !== null);
    let frame = { x: input.x ?? 0, y: input.y ?? 0, w: input.w ?? 400, h: input.h ?? 300 };
    if (members.length > 0 && input.x === undefined && input.y === undefined) {
      const boxes = members.map((n) => [...notePos(n), ...noteSize(n)] as const);
      const left = Math.min(...boxes.map(([x]) => x));
      const top = Math.min(...boxes.map(([, y]) => y));
      const right = Math.max(...boxes.map(([x, , w]) => x + w));
      const bottom = Math.max(...boxes.map(([, y, , h]) => y + h));
      frame = {
        x: left - CLUSTER_GAP,
        y: top - CLUSTER_HEADER,
        w: input.w ?? right - left + 2 * CLUSTER_GAP,
        h: input.h ?? bottom - top + CLUSTER_HEADER + CLUSTER_GAP,
      };
    }
    const cluster = new Y.Map<unknown>();
    cluster.set(ClusterKey.title, new Y.Text(cleanTitle(input.title ?? '')));
    cluster.set(ClusterKey.color, input.color ?? DEFAULT_CLUSTER_COLOR);
    cluster.set(ClusterKey.x, clampCoord(frame.x));
    cluster.set(ClusterKey.y, clampCoord(frame.y));
    cluster.set(ClusterKey.w, clampSize(frame.w, CLUSTER_MAX_SIZE));
    cluster.set(ClusterKey.h, clampSize(frame.h, CLUSTER_MAX_SIZE));
    cluster.set(ClusterKey.collapsed, false);
    cluster.set(ClusterKey.authorId, input.authorId ?? '');
    cluster.set(ClusterKey.createdAt, input.now ?? Date.now());
    writeOriginalLang(cluster, input.lang);
    clustersMap(doc).set(id, cluster);
    addToCluster(doc, id, input.noteIds);
  });
  return id;
}

/** Member notes of a cluster as seen by this replica, in member order. */
function membersOf(doc: Y.Doc, clusterId: string): Keyed[] {
  const members: Keyed[] = [];
  for (const [id, note] of notesMap(doc).entries()) {
    if (!(note instanceof Y.Map) || note.get(NoteKey.cluster) !== clusterId) continue;
    const key = note.get(NoteKey.clusterOrder);
    members.push({ id, key: typeof key === 'string' ? key : '' });
  }
  return members.sort(compareKeyed);
}

/**
 * Puts notes into a cluster at member position `index` (default: at the end), in the given
 * order; notes already in it are moved there, notes in another cluster leave that one (a note
 * is in at most one cluster). Also reorders: pass one member and its new index. Locked and
 * missing notes are skipped; a missing cluster makes this do nothing.
 */
export function addToCluster(
  doc: Y.Doc,
  clusterId: string,
  noteIds: readonly string[],
  index?: number,
): void {
  if (!liveCluster(doc, clusterId)) return;
  transact(doc, () => {
    const moving = [...new Set(noteIds)].filter((id) => fileableNote(doc, id) !== null);
    if (moving.length === 0) return;
    const movingSet = new Set(moving);
    const others = membersOf(doc, clusterId).filter((m) => !movingSet.has(m.id));
    const keys = keysForInsert(others, index ?? others.length, moving);
    for (const [id, key] of keys) {
      const note = notesMap(doc).get(id);
      if (!(note instanceof Y.Map)) continue;
      if (note.get(NoteKey.cluster) !== clusterId) note.set(NoteKey.cluster, clusterId);
      if (note.get(NoteKey.clusterOrder) !== key) note.set(NoteKey.clusterOrder, key);
    }
  });
}

/** Takes notes out of whatever cluster they are in. Locked notes and locked clusters' members stay. */
export function removeFromCluster(doc: Y.Doc, noteIds: readonly string[]): void {
  transact(doc, () => {
    for (const id of noteIds) {
      const note = fileableNote(doc, id);
      if (!note) continue;
      if (note.has(NoteKey.cluster)) note.delete(NoteKey.cluster);
      if (note.has(NoteKey.clusterOrder)) note.delete(NoteKey.clusterOrder);
    }
  });
}

export function clusterTitle(doc: Y.Doc, id: string): Y.Text | null {
  return textOf(clustersMap(doc).get(id), ClusterKey.title);
}

export function renameCluster(doc: Y.Doc, id: string, title: string): void {
  const text = liveCluster(doc, id) && clusterTitle(doc, id);
  if (text) applyTextDiff(text, cleanTitle(title));
}

export function recolorCluster(doc: Y.Doc, id: string, color: NoteColor): void {
  if (!isNoteColor(color)) throw new Error(`Unknown cluster colour: ${String(color)}`);
  const cluster = liveCluster(doc, id);
  if (!cluster || cluster.get(ClusterKey.color) === color) return;
  transact(doc, () => cluster.set(ClusterKey.color, color));
}

export function setClusterCollapsed(doc: Y.Doc, id: string, collapsed: boolean): void {
  const cluster = liveCluster(doc, id);
  if (!cluster || cluster.get(ClusterKey.collapsed) === collapsed) return;
  transact(doc, () => cluster.set(ClusterKey.collapsed, collapsed));
}

export function resizeCluster(doc: Y.Doc, id: string, w: number, h: number): void {
  const cluster = liveCluster(doc, id);
  if (!cluster) return;
  transact(doc, () => {
    setIfChanged(cluster, ClusterKey.w, clampSize(w, CLUSTER_MAX_SIZE));
    setIfChanged(cluster, ClusterKey.h, clampSize(h, CLUSTER_MAX_SIZE));
  });
}

/**
 * Makes a cluster's frame at least `h` tall (what is filed into a full frame fits it). Only the
 * height, and only upwards: a width or a larger height someone set meanwhile stays.
 */
export function growCluster(doc: Y.Doc, id: string, h: number): void {
  const cluster = liveCluster(doc, id);
  if (!cluster) return;
  const now = cluster.get(ClusterKey.h);
  if (typeof now === 'number' && now >= h) return;
  transact(doc, () => cluster.set(ClusterKey.h, clampSize(h, CLUSTER_MAX_SIZE)));
}

/** Moves a cluster's frame and its (unlocked) members by the same offset, as one action. */
export function moveCluster(doc: Y.Doc, id: string, x: number, y: number): void {
  const cluster = liveCluster(doc, id);
  if (!cluster) return;
  transact(doc, () => {
    const nx = clampCoord(x);
    const ny = clampCoord(y);
    const dx = nx - num(cluster, ClusterKey.x);
    const dy = ny - num(cluster, ClusterKey.y);
    if (dx === 0 && dy === 0) return;
    setIfChanged(cluster, ClusterKey.x, nx);
    setIfChanged(cluster, ClusterKey.y, ny);
    for (const member of membersOf(doc, id)) {
      const note = liveNote(doc, member.id);
      if (!note) continue;
      const [px, py] = notePos(note);
      setPos(note, px + dx, py + dy);
    }
  });
}

/**
 * Deletes a cluster (a locked one stays). Its members stay on the board, out of any cluster (or are deleted with
 * it if `withNotes`, locked ones excepted). A member added concurrently by someone else still
 * names the cluster after the merge; readers treat that as "in no cluster".
 */
export function deleteCluster(doc: Y.Doc, id: string, options: { withNotes?: boolean } = {}) {
  if (!liveCluster(doc, id)) return;
  transact(doc, () => {
    const members = membersOf(doc, id).map((m) => m.id);
    for (const noteId of members) {
      const note = notesMap(doc).get(noteId);
      if (!(note instanceof Y.Map)) continue;
      note.delete(NoteKey.cluster);
      note.delete(NoteKey.clusterOrder);
    }
    clustersMap(doc).delete(id);
    if (options.withNotes) deleteNotes(doc, members);
  });
}

/**
 * Arranges a cluster's members into a tidy grid inside its frame, in member order, and fits
 * the frame around them. Locked members keep their place (their slot stays empty).
 */
export function arrangeCluster(doc: Y.Doc, id: string, options: { columns?: number } = {}): void {
  const cluster = liveCluster(doc, id);
  if (!cluster) return;
  transact(doc, () => {
    const members = membersOf(doc, id)
      .map((m) => notesMap(doc).get(m.id))
      .filter((n): n is Y.Map<unknown> => n instanceof Y.Map);
    if (members.length === 0) return;
    const columns = Math.max(
      1,
      Math.floor(options.columns ?? Math.ceil(Math.sqrt(members.length))),
    );
    const rows = Math.ceil(members.length / columns);
    const cellW = Math.max(...members.map((n) => noteSize(n)[0]));
    const cellH = Math.max(...members.map((n) => noteSize(n)[1]));
    const left = num(cluster, ClusterKey.x);
    const top = num(cluster, ClusterKey.y);
    members.forEach((note, i) => {
      if (note.get(NoteKey.locked) === true) return;
      const col = i % columns;
      const row = Math.floor(i / columns);
      setPos(
        note,
        left + CLUSTER_GAP + col * (cellW + CLUSTER_GAP),
        top + CLUSTER_HEADER + row * (cellH + CLUSTER_GAP),
      );
    });
    const w = CLUSTER_GAP + columns * (cellW + CLUSTER_GAP);
    const h = CLUSTER_HEADER + rows * (cellH + CLUSTER_GAP);
    setIfChanged(cluster, ClusterKey.w, clampSize(w, CLUSTER_MAX_SIZE));
    setIfChanged(cluster, ClusterKey.h, clampSize(h, CLUSTER_MAX_SIZE));
  });
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value);
}

/** Valid clusters in creation order, without members (see readClusters). */
export function readClusterEntries(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
): Array<Omit<ClusterView, 'members'>> {
  const result: Array<Omit<ClusterView, 'members'>> = [];
  for (const [id, cluster] of clustersMap(doc).entries()) {
    const view = readClusterEntry(id, cluster);
    if (typeof view === 'string') invalid.push({ kind: 'cluster', id, reason: view });
    else result.push(view);
  }
  return sortByCreation(result);
}

/**
 * Valid clusters in creation order with their members, which are derived from `notes` (read
 * from the document if not given): a note whose cluster is missing is in none.
 */
export function readClusters(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
  notes: readonly NoteView[] = readNotes(doc),
): ClusterView[] {
  return withMembers(readClusterEntries(doc, invalid), notes);
}

/** Adds members to cluster entries; a note naming a cluster not among them is in none. */
export function withMembers(
  entries: ReadonlyArray<Omit<ClusterView, 'members'>>,
  notes: readonly NoteView[],
): ClusterView[] {
  const byCluster = new Map<string, Keyed[]>();
  for (const note of notes) {
    if (note.cluster === null) continue;
    const list = byCluster.get(note.cluster) ?? [];
    list.push({ id: note.id, key: note.clusterOrder ?? '' });
    byCluster.set(note.cluster, list);
  }
  return entries.map((entry) => ({
    ...entry,
    members: (byCluster.get(entry.id) ?? []).sort(compareKeyed).map((m) => m.id),
  }));
}
