import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readBoard } from './board';
import {
  addToCluster,
  arrangeCluster,
  clusterTitle,
  createCluster,
  deleteCluster,
  moveCluster,
  readClusters,
  recolorCluster,
  removeFromCluster,
  renameCluster,
  resizeCluster,
  setClusterCollapsed,
  setClustersLocked,
} from './clusters';
import { checkInvariants } from './invariants';
import { readNotes, setNotesLocked } from './notes';
import { ClusterKey } from './records/cluster';
import { clustersMap } from './roots';
import { CLUSTER_GAP, CLUSTER_HEADER } from './schema';
import { fork, newDoc, note, syncAll } from './testkit';

function cluster(doc: Y.Doc, id: string) {
  return readBoard(doc).clusters.find((c) => c.id === id);
}

describe('createCluster', () => {
  it('forms a cluster from a selection, framing it and keeping selection order', () => {
    const doc = newDoc();
    const a = note(doc, { x: 100, y: 100 });
    const b = note(doc, { x: 300, y: 200, w: 100, h: 100 });
    const id = createCluster(doc, {
      noteIds: [b, a, 'gone'],
      title: ' Liikenne ',
      authorId: 'f1',
      now: 3,
    });
    expect(cluster(doc, id)).toEqual({
      id,
      title: 'Liikenne',
      color: 'gray',
      x: 100 - CLUSTER_GAP,
      y: 100 - CLUSTER_HEADER,
      w: 300 + 2 * CLUSTER_GAP,
      h: 200 + CLUSTER_HEADER + CLUSTER_GAP,
      collapsed: false,
      locked: false,
      members: [b, a],
      authorId: 'f1',
      createdAt: 3,
      lang: null,
      translations: {},
    });
    expect(readNotes(doc).every((n) => n.cluster === id)).toBe(true);
  });

  it('takes notes out of the cluster they were in', () => {
    const doc = newDoc();
    const a = note(doc);
    const first = createCluster(doc, { noteIds: [a] });
    const second = createCluster(doc, { noteIds: [a] });
    expect(cluster(doc, first)?.members).toEqual([]);
    expect(cluster(doc, second)?.members).toEqual([a]);
  });

  it('uses an explicit frame and skips locked notes', () => {
    const doc = newDoc();
    const a = note(doc);
    setNotesLocked(doc, [a], true);
    const id = createCluster(doc, { noteIds: [a], x: 1, y: 2, w: 500, h: 400, color: 'teal' });
    expect(cluster(doc, id)).toMatchObject({ x: 1, y: 2, w: 500, h: 400, color: 'teal' });
    expect(cluster(doc, id)?.members).toEqual([]);
    expect(() => createCluster(doc, { noteIds: [], color: 'red' as never })).toThrow();
  });
});

describe('membership and order', () => {
  it('adds at the end or at an index and reorders', () => {
    const doc = newDoc();
    const [a, b, c, d] = [note(doc), note(doc), note(doc), note(doc)] as [
      string,
      string,
      string,
      string,
    ];
    const id = createCluster(doc, { noteIds: [a, b] });
    addToCluster(doc, id, [c]);
    expect(cluster(doc, id)?.members).toEqual([a, b, c]);
    addToCluster(doc, id, [d], 1);
    expect(cluster(doc, id)?.members).toEqual([a, d, b, c]);
    addToCluster(doc, id, [c], 0);
    expect(cluster(doc, id)?.members).toEqual([c, a, d, b]);
    removeFromCluster(doc, [a, 'gone']);
    expect(cluster(doc, id)?.members).toEqual([c, d, b]);
    expect(readNotes(doc).find((n) => n.id === a)).toMatchObject({
      cluster: null,
      clusterOrder: null,
    });
  });

  it('does nothing for a missing cluster', () => {
    const doc = newDoc();
    const a = note(doc);
    addToCluster(doc, 'nope', [a]);
    expect(readNotes(doc)[0]?.cluster).toBeNull();
  });

  it('keeps a note in exactly one cluster when two people cluster it concurrently', () => {
    const one = newDoc(1);
    const a = note(one);
    const b = note(one);
    const two = fork(one, 2);
    const c1 = createCluster(one, { noteIds: [a, b], id: 'c1' });
    const c2 = createCluster(two, { noteIds: [a], id: 'c2' });
    syncAll(one, two);
    const board = readBoard(one);
    expect(board).toEqual(readBoard(two));
    const members = board.clusters.flatMap((c) => c.members);
    expect(members.filter((m) => m === a)).toHaveLength(1);
    expect(cluster(one, c1)?.members).toContain(b);
    expect([c1, c2]).toContain(board.notes.find((n) => n.id === a)?.cluster);
    expect(checkInvariants(board)).toEqual([]);
  });

  it('re-keys when concurrent inserts produced equal order keys', () => {
    const one = newDoc(1);
    const [a, b, c, d] = [note(one), note(one), note(one), note(one)] as [
      string,
      string,
      string,
      string,
    ];
    const id = createCluster(one, { noteIds: [a, b] });
    const two = fork(one, 2);
    addToCluster(one, id, [c], 1);
    addToCluster(two, id, [d], 1);
    syncAll(one, two);
    const members = cluster(one, id)?.members ?? [];
    expect(members).toHaveLength(4);
    // c and d share a key now; inserting between them still lands exactly there.
    const e = note(one);
    addToCluster(one, id, [e], 2);
    expect(cluster(one, id)?.members).toEqual([a, members[1], e, members[2], b]);
  });
});

describe('title, colour, frame, collapse', () => {
  it('renames by a text diff, recolours, collapses and resizes', () => {
    const doc = newDoc();
    const id = createCluster(doc, { noteIds: [], title: 'Old' });
    renameCluster(doc, id, 'Older');
    expect(clusterTitle(doc, id)?.toString()).toBe('Older');
    recolorCluster(doc, id, 'purple');
    setClusterCollapsed(doc, id, true);
    resizeCluster(doc, id, 700, 800);
    expect(cluster(doc, id)).toMatchObject({
      title: 'Older',
      color: 'purple',
      collapsed: true,
      w: 700,
      h: 800,
    });
    expect(() => recolorCluster(doc, id, 'nope' as never)).toThrow();
    renameCluster(doc, 'gone', 'x');
    expect(clusterTitle(doc, 'gone')).toBeNull();
  });

  it('merges two people typing in the title', () => {
    const one = newDoc(1);
    const id = createCluster(one, { noteIds: [], title: 'Transport' });
    const two = fork(one, 2);
    renameCluster(one, id, 'Public transport');
    renameCluster(two, id, 'Transport 2030');
    syncAll(one, two);
    expect(cluster(one, id)?.title).toBe('Public transport 2030');
  });

  it('moves the frame with its unlocked members', () => {
    const doc = newDoc();
    const a = note(doc, { x: 100, y: 100 });
    const b = note(doc, { x: 200, y: 100 });
    const id = createCluster(doc, { noteIds: [a, b], x: 50, y: 50 });
    setNotesLocked(doc, [b], true);
    moveCluster(doc, id, 60, 70);
    expect(cluster(doc, id)).toMatchObject({ x: 60, y: 70 });
    expect(readNotes(doc).map((n) => [n.x, n.y])).toEqual([
      [110, 120],
      [200, 100],
    ]);
  });
});

describe('arrangeCluster', () => {
  it('lays members out in a grid in member order and fits the frame', () => {
    const doc = newDoc();
    const ids = [0, 1, 2, 3, 4].map((i) => note(doc, { x: 1000 - i * 50, y: i * 7 }));
    const id = createCluster(doc, { noteIds: ids, x: 0, y: 0 });
    arrangeCluster(doc, id);
    const step = 160 + CLUSTER_GAP;
    const expected = [
      [CLUSTER_GAP, CLUSTER_HEADER],
      [CLUSTER_GAP + step, CLUSTER_HEADER],
      [CLUSTER_GAP + 2 * step, CLUSTER_HEADER],
      [CLUSTER_GAP, CLUSTER_HEADER + step],
      [CLUSTER_GAP + step, CLUSTER_HEADER + step],
    ];
    const notes = new Map(readNotes(doc).map((n) => [n.id, n]));
    expect(ids.map((n) => [notes.get(n)?.x, notes.get(n)?.y])).toEqual(expected);
    expect(cluster(doc, id)).toMatchObject({
      w: CLUSTER_GAP + 3 * step,
      h: CLUSTER_HEADER + 2 * step,
    });
    arrangeCluster(doc, id, { columns: 5 });
    expect(cluster(doc, id)?.h).toBe(CLUSTER_HEADER + step);
  });

  it('is a no-op for an empty or missing cluster', () => {
    const doc = newDoc();
    const id = createCluster(doc, { noteIds: [], x: 0, y: 0, w: 400, h: 300 });
    arrangeCluster(doc, id);
    arrangeCluster(doc, 'gone');
    expect(cluster(doc, id)).toMatchObject({ w: 400, h: 300 });
  });
});

describe('deleteCluster', () => {
  it('keeps members on the board, out of any cluster', () => {
    const doc = newDoc();
    const a = note(doc);
    const id = createCluster(doc, { noteIds: [a] });
    deleteCluster(doc, id);
    const board = readBoard(doc);
    expect(board.clusters).toEqual([]);
    expect(board.notes[0]).toMatchObject({ id: a, cluster: null });
    expect(board.dangling).toEqual([]);
  });

  it('can delete members with it', () => {
    const doc = newDoc();
    const a = note(doc);
    const b = note(doc);
    const id = createCluster(doc, { noteIds: [a] });
    deleteCluster(doc, id, { withNotes: true });
    expect(readNotes(doc).map((n) => n.id)).toEqual([b]);
  });

  it('shows a note added concurrently to a deleted cluster as in no cluster', () => {
    const one = newDoc(1);
    const a = note(one);
    const b = note(one);
    const id = createCluster(one, { noteIds: [a] });
    const two = fork(one, 2);
    deleteCluster(one, id);
    addToCluster(two, id, [b]);
    syncAll(one, two);
    const board = readBoard(two);
    expect(board).toEqual(readBoard(one));
    expect(board.notes.map((n) => n.cluster)).toEqual([null, null]);
    expect(board.dangling).toEqual([{ kind: 'note', id: b, field: 'cluster', target: id }]);
    expect(checkInvariants(board)).toEqual([]);
  });
});

describe('locked clusters', () => {
  it('are left alone by every operation until unlocked', () => {
    const doc = newDoc();
    const a = note(doc, { id: 'na' });
    const b = note(doc, { id: 'nb' });
    const c = note(doc, { id: 'nc' });
    const id = createCluster(doc, { noteIds: [a, b], title: 'Liikenne' });
    const other = createCluster(doc, { noteIds: [], title: 'Muu' });
    setClustersLocked(doc, [id], true);
    const before = readBoard(doc);
    renameCluster(doc, id, 'Toinen');
    recolorCluster(doc, id, 'blue');
    moveCluster(doc, id, 500, 500);
    resizeCluster(doc, id, 900, 900);
    setClusterCollapsed(doc, id, true);
    arrangeCluster(doc, id);
    addToCluster(doc, id, [c]);
    removeFromCluster(doc, [a]);
    addToCluster(doc, other, [b]); // would take b out of the locked cluster
    createCluster(doc, { noteIds: [a], title: 'Kaappaus' });
    deleteCluster(doc, id);
    const after = readBoard(doc);
    expect(after.clusters.find((x) => x.id === id)).toEqual({
      ...before.clusters.find((x) => x.id === id),
    });
    expect(after.clusters.find((x) => x.id === id)?.locked).toBe(true);
    expect(after.notes.filter((n) => n.cluster === id).map((n) => n.id)).toEqual([a, b]);
    setClustersLocked(doc, [id], false);
    renameCluster(doc, id, 'Toinen');
    expect(readBoard(doc).clusters.find((x) => x.id === id)?.title).toBe('Toinen');
  });
});

describe('validation', () => {
  it('reports a malformed cluster and keeps its notes out of it', () => {
    const doc = newDoc();
    const a = note(doc);
    const id = createCluster(doc, { noteIds: [a] });
    (clustersMap(doc).get(id) as Y.Map<unknown>).set(ClusterKey.color, 'plaid');
    const board = readBoard(doc);
    expect(board.invalid).toEqual([{ kind: 'cluster', id, reason: 'unknown colour plaid' }]);
    expect(board.notes[0]?.cluster).toBeNull();
    expect(readClusters(doc)).toEqual([]);
  });

  it.each([
    [ClusterKey.title, 'plain', 'title is missing'],
    [ClusterKey.x, '1', 'x is not a number'],
    [ClusterKey.collapsed, 1, 'collapsed is not a boolean'],
    [ClusterKey.createdAt, 'now', 'createdAt is not a number'],
  ])('reports %s = %j', (key, value, reason) => {
    const doc = newDoc();
    const id = createCluster(doc, { noteIds: [] });
    (clustersMap(doc).get(id) as Y.Map<unknown>).set(key, value);
    expect(readBoard(doc).invalid).toEqual([{ kind: 'cluster', id, reason }]);
  });
});
