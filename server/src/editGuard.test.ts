import {
  addComment,
  addVoteCandidates,
  castVote,
  createNote,
  createVoteSession,
  deleteNotes,
  initBoard,
  moderateComment,
  moveNote,
  NoteKey,
  noteText,
  ROOT,
  recolorNotes,
  setNotesLocked,
  setPhase,
  setTitle,
  voteKey,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Editor, refusalOf } from './editGuard';

const participant: Editor = { role: 'participant', participantId: 'pAlice' };
const facilitator: Editor = { role: 'facilitator', participantId: 'pFacil' };

/** The server's document and a participant's replica of it, in sync. */
function board() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Tiekartta', locale: 'fi' });
  const open = createNote(server, { x: 0, y: 0, text: 'open', authorId: 'f', authorName: 'F' });
  const locked = createNote(server, {
    x: 9,
    y: 9,
    text: 'settled',
    authorId: 'f',
    authorName: 'F',
  });
  setNotesLocked(server, [locked], true);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  return { server, replica, open, locked };
}

/** What `change` on the replica sends: the update the server would receive. */
function updateOf(replica: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array) => updates.push(u);
  replica.on('update', listen);
  change(replica);
  replica.off('update', listen);
  return Y.mergeUpdates(updates);
}

describe('what a participant may change, checked before an update is applied', () => {
  it('allows adding, moving, recolouring, typing in and deleting open notes', () => {
    const { server, replica, open } = board();
    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => createNote(doc, { x: 1, y: 1, text: 'uusi', authorId: 'pAlice', authorName: 'A' }),
      (doc) => moveNote(doc, open, 100, 100),
      (doc) => recolorNotes(doc, [open], 'blue'),
      (doc) => noteText(doc, open)?.insert(0, 'Hei '),
      (doc) => deleteNotes(doc, [open]),
    ];
    for (const change of changes) {
      const update = updateOf(replica, change);
      expect(refusalOf(server, update, participant)).toBeNull();
      Y.applyUpdate(server, update);
    }
  });

  it('refuses any change to a locked note, and locking or unlocking', () => {
    const { server, replica, locked, open } = board();
    // Shared's operations skip locked notes, so write as a hostile client would.
    const note = (doc: Y.Doc, id: string) => {
      const found = doc.getMap<Y.Map<unknown>>(ROOT.notes).get(id);
      if (!found) throw new Error(`no note ${id}`);
      return found;
    };
    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      ['type in it', (doc) => (note(doc, locked).get(NoteKey.text) as Y.Text).insert(0, 'x')],
      ['move it', (doc) => note(doc, locked).set(NoteKey.pos, [5, 5])],
      ['delete it', (doc) => doc.getMap(ROOT.notes).delete(locked)],
      ['replace it', (doc) => doc.getMap(ROOT.notes).set(locked, new Y.Map())],
      ['unlock it', (doc) => note(doc, locked).set(NoteKey.locked, false)],
      ['lock another', (doc) => note(doc, open).set(NoteKey.locked, true)],
    ];
    for (const [what, change] of attempts) {
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(replica));
      const update = updateOf(fresh, change);
      expect(refusalOf(server, update, participant), what).toMatch(/locked|lock or unlock/);
      expect(refusalOf(server, update, facilitator), what).toBeNull();
    }
  });

  it('refuses meta, comment moderation and vote sessions to participants', () => {
    const { server, replica } = board();
    const commentId = addComment(server, {
      anchor: { kind: 'board' },
      text: 'Hyvä idea',
      authorName: 'K',
      moderation: 'pending',
    });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const attempts: Array<(doc: Y.Doc) => void> = [
      (doc) => setTitle(doc, 'Mine now'),
      (doc) => setPhase(doc, { addNotes: false }),
      (doc) => moderateComment(doc, commentId, 'visible'),
      (doc) => createVoteSession(doc, { title: 'Rigged', dotsPerPerson: 99 }),
    ];
    for (const change of attempts) {
      expect(refusalOf(server, updateOf(replica, change), participant)).toMatch(
        /only a facilitator/,
      );
    }
  });

  it('follows the phase: no adding, moving or editing while each is closed', () => {
    const { server, replica, open } = board();
    setPhase(server, { addNotes: false, moveNotes: false, editNotes: false });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const add = updateOf(replica, (doc) =>
      createNote(doc, { x: 1, y: 1, authorId: 'pAlice', authorName: 'A' }),
    );
    expect(refusalOf(server, add, participant)).toMatch(/adding notes is closed/);
    const fresh = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return doc;
    };
    expect(
      refusalOf(
        server,
        updateOf(fresh(), (d) => moveNote(d, open, 3, 3)),
        participant,
      ),
    ).toMatch(/moving notes is closed/);
    expect(
      refusalOf(
        server,
        updateOf(fresh(), (d) => noteText(d, open)?.insert(0, 'x')),
        participant,
      ),
    ).toMatch(/editing notes is closed/);
  });

  it('lets a participant vote only in their own name', () => {
    const { server, replica, open } = board();
    const sessionId = createVoteSession(server, {
      title: 'Priorities',
      dotsPerPerson: 3,
      open: true,
    });
    addVoteCandidates(server, sessionId, [open]);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    let cast = '';
    const own = updateOf(replica, (doc) => {
      cast = castVote(doc, { session: sessionId, participant: 'pAlice', note: open });
    });
    expect(cast).toBe('ok');
    expect(refusalOf(server, own, participant)).toBeNull();
    const forged = updateOf(replica, (doc) =>
      doc.getMap(ROOT.votes).set(voteKey(sessionId, 'pBob', open), 3),
    );
    expect(refusalOf(server, forged, participant)).toMatch(/own votes/);
  });

  it('lets a participant delete a note that others voted on (their dots go with it)', () => {
    const { server, replica, open } = board();
    const sessionId = createVoteSession(server, {
      title: 'P',
      dotsPerPerson: 3,
      open: true,
      candidates: [open],
    });
    expect(castVote(server, { session: sessionId, participant: 'pBob', note: open })).toBe('ok');
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const update = updateOf(replica, (doc) => deleteNotes(doc, [open]));
    expect(refusalOf(server, update, participant)).toBeNull();
  });

  it('does not refuse an edit that raced a deletion of the same note', () => {
    const { server, replica, open } = board();
    const edit = updateOf(replica, (doc) => noteText(doc, open)?.insert(4, ' idea'));
    deleteNotes(server, [open]); // the facilitator deleted it meanwhile
    expect(refusalOf(server, edit, participant)).toBeNull();
  });
});
