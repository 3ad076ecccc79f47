import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { diffBoards, isEmptyDiff } from './boardDiff';
import { addToCluster, createCluster, renameCluster } from './clusters';
import { addComment } from './comments';
import { deleteNotes, setNoteText } from './notes';
import { restoreOnto } from './restore';
import { addLane, addPeriod, placeOnRoadmap, renameAxisItem } from './roadmap';
import { fork, newDoc, note } from './testkit';
import { textDiff } from './textDiff';
import { createVoteSession, revealVoteResults, writeVoteResults } from './votes';

function workshop() {
  const doc = newDoc(1);
  const a = note(doc, { text: 'Pyöräily', id: 'a' });
  const b = note(doc, { text: 'Kirjasto', id: 'b' });
  const c = note(doc, { text: 'Puistot', id: 'c' });
  const k1 = createCluster(doc, { noteIds: [a], title: 'Liikenne', id: 'k1' });
  const k2 = createCluster(doc, { noteIds: [c], title: 'Vapaa-aika', id: 'k2' });
  const lane = addLane(doc, { title: 'Arki', id: 'l1' });
  const period = addPeriod(doc, { title: '2030', id: 'p1' });
  return { doc, a, b, c, k1, k2, lane, period };
}

describe('diff between two readings of a board', () => {
  it('lists exactly what was added, removed, edited, moved and renamed', () => {
    const { doc, a, b, c, k2, lane, period } = workshop();
    const before = readBoard(doc);
    const d = note(doc, { text: 'Uimahalli', id: 'd' });
    deleteNotes(doc, [b]);
    setNoteText(doc, c, 'Puistot ja metsät');
    addToCluster(doc, k2, [a]);
    placeOnRoadmap(doc, [d], { lane, period });
    renameCluster(doc, 'k1', 'Liikkuminen');
    renameAxisItem(doc, 'lane', lane, 'Arjen palvelut');
    addPeriod(doc, { title: '2035', id: 'p2' });
    createCluster(doc, { noteIds: [], title: 'Uusi', id: 'k3', x: 2000, y: 0, w: 300, h: 300 });
    const diff = diffBoards(before, readBoard(doc));
    expect(diff.notesAdded).toEqual([{ id: d, title: 'Uimahalli' }]);
    expect(diff.notesRemoved).toEqual([{ id: b, title: 'Kirjasto' }]);
    expect(diff.notesEdited).toEqual([{ id: c, from: 'Puistot', to: 'Puistot ja metsät' }]);
    expect(diff.notesMoved).toEqual([
      { id: a, text: 'Pyöräily', from: 'Liikkuminen', to: 'Vapaa-aika', kind: 'cluster' },
    ]);
    expect(diff.clustersAdded).toEqual([{ id: 'k3', title: 'Uusi' }]);
    expect(diff.clustersRemoved).toEqual([]);
    expect(diff.clustersRenamed).toEqual([{ id: 'k1', from: 'Liikenne', to: 'Liikkuminen' }]);
    expect(diff.lanesRenamed).toEqual([{ id: lane, from: 'Arki', to: 'Arjen palvelut' }]);
    expect(diff.periodsAdded).toEqual([{ id: 'p2', title: '2035' }]);
    expect(diff.lanesAdded).toEqual([]);
    expect(diffBoards(before, before).notesMoved).toEqual([]);
  });

  it('a note moved into a roadmap cell is a move between cells', () => {
    const { doc, b, lane, period } = workshop();
    const before = readBoard(doc);
    placeOnRoadmap(doc, [b], { lane, period });
    expect(diffBoards(before, readBoard(doc)).notesMoved).toEqual([
      { id: b, text: 'Kirjasto', from: '', to: 'Arki / 2030', kind: 'cell' },
    ]);
  });
});

describe('vote results and comments in a diff', () => {
  it('lists a vote revealed since and the comments added since, not hidden ones', () => {
    const { doc, a, b, c, k2 } = workshop();
    addComment(doc, {
      anchor: { kind: 'note', note: a },
      text: 'vanha',
      authorName: 'Eeva',
      id: 'x0',
    });
    const before = readBoard(doc);
    createVoteSession(doc, {
      title: 'Tärkeimmät',
      dotsPerPerson: 3,
      candidates: [a, b, c],
      id: 'v1',
    });
    writeVoteResults(doc, 'v1', { counts: { [b]: 2, [c]: 5 }, voters: 3 });
    revealVoteResults(doc, 'v1');
    addComment(doc, {
      anchor: { kind: 'note', note: b },
      text: 'Hyvä idea',
      authorName: 'Eeva',
      id: 'x1',
    });
    addComment(doc, {
      anchor: { kind: 'cluster', cluster: k2 },
      text: 'Lisää puistoja',
      authorName: 'Olli',
      id: 'x2',
    });
    addComment(doc, {
      anchor: { kind: 'board' },
      text: 'piilossa',
      authorName: 'Olli',
      id: 'x3',
      moderation: 'hidden',
    });
    const diff = diffBoards(before, readBoard(doc));
    expect(diff.votesRevealed).toEqual([
      {
        id: 'v1',
        title: 'Tärkeimmät',
        results: [
          { id: c, text: 'Puistot', dots: 5 },
          { id: b, text: 'Kirjasto', dots: 2 },
        ],
      },
    ]);
    expect(diff.commentsAdded).toEqual([
      { id: 'x1', text: 'Hyvä idea', on: 'Kirjasto' },
      { id: 'x2', text: 'Lisää puistoja', on: 'Vapaa-aika' },
    ]);
    expect(isEmptyDiff(diffBoards(before, before))).toBe(true);
  });
});

describe('text diff of an edited note', () => {
  it('marks the words removed and added', () => {
    expect(textDiff('Puistot ja metsät', 'Puistot, järvet ja metsät')).toEqual([
      { op: 'removed', text: 'Puistot ' },
      { op: 'added', text: 'Puistot, järvet ' },
      { op: 'same', text: 'ja metsät' },
    ]);
    expect(textDiff('', 'uusi')).toEqual([{ op: 'added', text: 'uusi' }]);
    expect(textDiff('sama', 'sama')).toEqual([{ op: 'same', text: 'sama' }]);
  });
});

describe('restoring a snapshot onto a board', () => {
  it('brings back the snapshot as one new update that other replicas apply', () => {
    const { doc, b, c } = workshop();
    const snapshot = fork(doc);
    const before = readBoard(doc);
    const other = fork(doc, 9);
    deleteNotes(doc, [b]);
    setNoteText(doc, c, 'muutettu');
    note(doc, { text: 'lisätty', id: 'e' });
    let updates = 0;
    doc.on('update', (u: Uint8Array) => {
      updates += 1;
      Y.applyUpdate(other, u);
    });
    restoreOnto(doc, snapshot);
    expect(updates).toBe(1);
    const after = readBoard(doc);
    expect(after.notes.map((n) => [n.id, n.text, n.cluster])).toEqual(
      before.notes.map((n) => [n.id, n.text, n.cluster]),
    );
    expect(after.clusters).toEqual(before.clusters);
    expect(readBoard(other)).toEqual(after);
  });
});
