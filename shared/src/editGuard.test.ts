import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Editor, judgeUpdate, refusalOf } from './editGuard';
import {
  AxisKey,
  addComment,
  addLane,
  addPeriod,
  addToCluster,
  addVoteCandidates,
  ClusterKey,
  createCluster,
  createNote,
  createVoteSession,
  DEFAULT_PHASE,
  deleteCluster,
  deleteLane,
  deleteNotes,
  deletePeriod,
  initBoard,
  moderateComment,
  moveNote,
  NoteKey,
  noteText,
  PHASE_SETTINGS,
  type PhaseSetting,
  type PhaseSettings,
  placeOnRoadmap,
  type RefusalReason,
  ROOT,
  recolorNotes,
  removeFromRoadmap,
  renameCluster,
  renameLane,
  setAreaLocked,
  setAxisLocked,
  setClustersLocked,
  setNotesLocked,
  setOrganisations,
  setPhase,
  setTitle,
  writeVoteResults,
} from './index';

const alice: Editor = { role: 'participant', participantId: 'pAlice' };
const facilitator: Editor = { role: 'facilitator', participantId: 'pFacil' };

/**
 * The server's board: Alice's note, Bob's note, the facilitator's locked note, a cluster
 * holding Bob's note, a lane and a period with Bob's note placed in their cell, an open vote.
 */
function board(phase: Partial<PhaseSettings> = {}) {
  const server = new Y.Doc();
  initBoard(server, { title: 'Tiekartta', locale: 'fi', phase });
  const author = (id: string) => ({ authorId: id, authorName: id });
  const mine = createNote(server, { x: 0, y: 0, text: 'mine', ...author('pAlice') });
  const theirs = createNote(server, { x: 9, y: 9, text: 'theirs', ...author('pBob') });
  const settled = createNote(server, { x: 5, y: 5, text: 'settled', ...author('pFacil') });
  setNotesLocked(server, [settled], true);
  const cluster = createCluster(server, { noteIds: [theirs], title: 'Liikenne' });
  const lane = addLane(server, { title: 'Mobility' });
  const period = addPeriod(server, { title: '2030' });
  const spare = createNote(server, { x: 3, y: 3, text: 'spare', ...author('pBob') });
  placeOnRoadmap(server, [spare], { lane, period });
  const session = createVoteSession(server, { title: 'P', dotsPerPerson: 3, open: true });
  addVoteCandidates(server, session, [mine, theirs]);
  return { server, mine, theirs, settled, cluster, lane, period, spare, session };
}
type Board = ReturnType<typeof board>;

/** What `change` on a fresh replica of the server's board sends: the update it would get. */
function updateOf(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => updates.push(u));
  change(replica);
  if (updates.length === 0) throw new Error('the change wrote nothing');
  return Y.mergeUpdates(updates);
}

/** The reason the server refuses Alice's change, or null when it accepts it. */
function reasonFor(b: Board, change: (doc: Y.Doc) => void): RefusalReason | null {
  return judgeUpdate(b.server, updateOf(b.server, change), alice)?.reason ?? null;
}

/** A raw map of the replica, written as a hostile client would (ignoring shared's checks). */
function raw(doc: Y.Doc, root: string, id: string): Y.Map<unknown> {
  const found = doc.getMap<Y.Map<unknown>>(root).get(id);
  if (!found) throw new Error(`no ${root}/${id}`);
  return found;
}

describe('what a participant may change, checked before an update is applied', () => {
  it('allows adding, moving, recolouring, typing in and deleting her own notes', () => {
    const b = board();
    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => createNote(doc, { x: 1, y: 1, text: 'uusi', authorId: 'pAlice', authorName: 'A' }),
      (doc) => moveNote(doc, b.mine, 100, 100),
      (doc) => recolorNotes(doc, [b.mine], 'blue'),
      (doc) => noteText(doc, b.mine)?.insert(0, 'Hei '),
      (doc) => deleteNotes(doc, [b.mine]),
    ];
    for (const change of changes) {
      const update = updateOf(b.server, change);
      expect(refusalOf(b.server, update, alice)).toBeNull();
      Y.applyUpdate(b.server, update);
    }
  });

  it("by default moves others' notes but neither edits nor deletes them", () => {
    const b = board();
    expect(reasonFor(b, (d) => moveNote(d, b.theirs, 50, 50))).toBeNull();
    expect(reasonFor(b, (d) => noteText(d, b.theirs)?.insert(0, 'x'))).toBe('closed.editOthers');
    expect(reasonFor(b, (d) => recolorNotes(d, [b.theirs], 'blue'))).toBe('closed.editOthers');
    expect(reasonFor(b, (d) => deleteNotes(d, [b.theirs]))).toBe('closed.deleteOthers');
    // Replacing it wholesale is deleting it.
    expect(reasonFor(b, (d) => d.getMap(ROOT.notes).set(b.theirs, new Y.Map()))).toBe(
      'closed.deleteOthers',
    );
  });

  it("edits and deletes others' notes when the facilitator allows it", () => {
    const b = board({ editOthers: true, deleteOthers: true });
    expect(reasonFor(b, (d) => noteText(d, b.theirs)?.insert(0, 'x'))).toBeNull();
    expect(reasonFor(b, (d) => deleteNotes(d, [b.theirs]))).toBeNull();
  });

  it('enforces every phase setting on the effect of an update', () => {
    // For each setting: a change it governs, allowed with the setting at its permissive value
    // and refused with the other. Commenting and voting go through their own messages, not
    // sync (server/test/comments.test.ts, server/test/votes.test.ts).
    const cases: Record<
      Exclude<PhaseSetting, 'comment' | 'vote'>,
      (b: Board) => (d: Y.Doc) => void
    > = {
      addNotes: () => (d) => createNote(d, { x: 1, y: 1, authorId: 'pAlice', authorName: 'A' }),
      moveOthers: (b) => (d) => moveNote(d, b.theirs, 70, 70),
      editOthers: (b) => (d) => noteText(d, b.theirs)?.insert(0, 'x'),
      deleteOthers: (b) => (d) => deleteNotes(d, [b.theirs]),
      structure: (b) => (d) => renameCluster(d, b.cluster, 'Uusi nimi'),
      frozen: (b) => (d) => noteText(d, b.mine)?.insert(0, 'x'),
    };
    for (const setting of PHASE_SETTINGS) {
      if (setting === 'comment' || setting === 'vote') continue;
      const permissive = setting !== 'frozen';
      const open = board({ ...everythingOpen(), [setting]: permissive });
      const closed = board({ ...everythingOpen(), [setting]: !permissive });
      expect(reasonFor(open, cases[setting](open)), `${setting} open`).toBeNull();
      const refused = reasonFor(closed, cases[setting](closed));
      expect(refused, `${setting} closed`).toBe(
        setting === 'frozen' ? 'frozen' : `closed.${setting}`,
      );
    }
  });

  it('lets participants always move their own notes; freezing stops even that', () => {
    const b = board({ moveOthers: false });
    expect(reasonFor(b, (d) => moveNote(d, b.mine, 1, 2))).toBeNull();
    expect(reasonFor(b, (d) => moveNote(d, b.theirs, 1, 2))).toBe('closed.moveOthers');
    const frozen = board({ frozen: true });
    expect(reasonFor(frozen, (d) => moveNote(d, frozen.mine, 1, 2))).toBe('frozen');
    expect(
      reasonFor(frozen, (d) => createNote(d, { x: 0, y: 0, authorId: 'pAlice', authorName: 'A' })),
    ).toBe('frozen');
  });

  it('refuses any change to a locked note, and locking or unlocking one', () => {
    const b = board({ editOthers: true, deleteOthers: true });
    const attempts: Array<[string, (doc: Y.Doc) => void, RefusalReason]> = [
      [
        'type in it',
        (d) => (raw(d, ROOT.notes, b.settled).get('text') as Y.Text).insert(0, 'x'),
        'locked',
      ],
      ['move it', (d) => raw(d, ROOT.notes, b.settled).set(NoteKey.pos, [5, 5]), 'locked'],
      ['delete it', (d) => d.getMap(ROOT.notes).delete(b.settled), 'locked'],
      ['replace it', (d) => d.getMap(ROOT.notes).set(b.settled, new Y.Map()), 'locked'],
      [
        'unlock it',
        (d) => raw(d, ROOT.notes, b.settled).set(NoteKey.locked, false),
        'facilitatorOnly',
      ],
      [
        'lock her own',
        (d) => raw(d, ROOT.notes, b.mine).set(NoteKey.locked, true),
        'facilitatorOnly',
      ],
    ];
    for (const [what, change, reason] of attempts) {
      const update = updateOf(b.server, change);
      expect(judgeUpdate(b.server, update, alice)?.reason, what).toBe(reason);
      expect(refusalOf(b.server, update, facilitator), what).toBeNull();
    }
    expect(
      refusalOf(
        b.server,
        updateOf(b.server, (d) => d.getMap(ROOT.notes).delete(b.settled)),
        alice,
      ),
    ).toMatch(/locked/);
    expect(
      refusalOf(
        b.server,
        updateOf(b.server, (d) => setNotesLocked(d, [b.settled], false)),
        alice,
      ),
    ).toMatch(/only a facilitator.*lock or unlock/);
  });

  it('keeps who wrote a note: no note in another name, no rewriting the author', () => {
    const b = board();
    expect(
      reasonFor(b, (d) => createNote(d, { x: 0, y: 0, authorId: 'pBob', authorName: 'Bob' })),
    ).toBe('notOwnName');
    for (const key of [
      NoteKey.authorId,
      NoteKey.authorName,
      NoteKey.organisation,
      NoteKey.createdAt,
    ]) {
      expect(
        reasonFor(b, (d) => raw(d, ROOT.notes, b.theirs).set(key, 'pAlice')),
        key,
      ).toBe('setOnce');
      expect(
        reasonFor(b, (d) => raw(d, ROOT.notes, b.mine).set(key, 'x')),
        key,
      ).toBe('setOnce');
    }
    // Her organisation comes with her note.
    expect(
      reasonFor(b, (d) =>
        createNote(d, { x: 0, y: 0, authorId: 'pAlice', authorName: 'A', organisation: 'Espoo' }),
      ),
    ).toBeNull();
  });

  it('refuses settings, locks of areas, comment moderation and vote sessions to participants', () => {
    const b = board();
    const commentId = addComment(b.server, {
      anchor: { kind: 'board' },
      text: 'Hyvä idea',
      authorName: 'K',
      moderation: 'pending',
    });
    const attempts: Array<(doc: Y.Doc) => void> = [
      (d) => setTitle(d, 'Mine now'),
      (d) => setPhase(d, { editOthers: true }),
      (d) => setOrganisations(d, ['Minun kuntani']),
      (d) => setAreaLocked(d, 'roadmap', true),
      (d) => moderateComment(d, commentId, 'visible'),
      (d) => createVoteSession(d, { title: 'Rigged', dotsPerPerson: 99 }),
    ];
    for (const change of attempts) {
      expect(refusalOf(b.server, updateOf(b.server, change), alice)).toMatch(/only a facilitator/);
    }
  });

  it("leaves clusters' and the roadmap's structure to the facilitator unless allowed", () => {
    const structural = (b: Board): Array<[string, (d: Y.Doc) => void]> => [
      ['create a cluster', (d) => createCluster(d, { noteIds: [b.mine], title: 'Oma' })],
      ['rename a cluster', (d) => renameCluster(d, b.cluster, 'Toinen')],
      ['ungroup a cluster', (d) => deleteCluster(d, b.cluster)],
      ['add a lane', (d) => addLane(d, { title: 'Uusi' })],
      ['rename a lane', (d) => renameLane(d, b.lane, 'Uusi')],
      ['delete a period', (d) => deletePeriod(d, b.period)],
    ];
    const closed = board();
    const open = board({ structure: true });
    for (const [what, change] of structural(closed)) {
      expect(reasonFor(closed, change), what).toBe('closed.structure');
    }
    for (const [what, change] of structural(open)) expect(reasonFor(open, change), what).toBeNull();
  });

  it("lets an allowed ungroup or lane deletion clear others' notes' references", () => {
    const b = board({ structure: true });
    expect(reasonFor(b, (d) => deleteCluster(d, b.cluster))).toBeNull();
    expect(reasonFor(b, (d) => deleteLane(d, b.lane))).toBeNull();
    // ... but not delete the notes with it, unless deleting others' notes is allowed.
    expect(reasonFor(b, (d) => deleteCluster(d, b.cluster, { withNotes: true }))).toBe(
      'closed.deleteOthers',
    );
  });

  it('files notes into clusters and cells, except into or out of locked ones', () => {
    const b = board();
    expect(reasonFor(b, (d) => addToCluster(d, b.cluster, [b.mine]))).toBeNull();
    expect(
      reasonFor(b, (d) => placeOnRoadmap(d, [b.mine], { lane: b.lane, period: b.period })),
    ).toBeNull();
    setClustersLocked(b.server, [b.cluster], true);
    setAxisLocked(b.server, 'period', [b.period], true);
    const intoCluster = (d: Y.Doc) => raw(d, ROOT.notes, b.mine).set(NoteKey.cluster, b.cluster);
    const outOfCell = (d: Y.Doc) => raw(d, ROOT.notes, b.spare).delete(NoteKey.cell);
    const intoCell = (d: Y.Doc) =>
      raw(d, ROOT.notes, b.mine).set(NoteKey.cell, { lane: b.lane, period: b.period });
    expect(reasonFor(b, intoCluster)).toBe('areaLocked');
    expect(reasonFor(b, intoCell)).toBe('areaLocked');
    expect(reasonFor(b, outOfCell)).toBe('areaLocked');
  });

  it('refuses changes to a locked cluster, lane or period even when structure is open', () => {
    const b = board({ structure: true, deleteOthers: true });
    setClustersLocked(b.server, [b.cluster], true);
    setAxisLocked(b.server, 'lane', [b.lane], true);
    const title = (d: Y.Doc) => raw(d, ROOT.clusters, b.cluster).get(ClusterKey.title) as Y.Text;
    const attempts: Array<[string, (d: Y.Doc) => void, RefusalReason]> = [
      ['rename the cluster', (d) => title(d).insert(0, 'x'), 'locked'],
      [
        'move the cluster',
        (d) => raw(d, ROOT.clusters, b.cluster).set(ClusterKey.x, 999),
        'locked',
      ],
      ['delete the cluster', (d) => d.getMap(ROOT.clusters).delete(b.cluster), 'locked'],
      [
        'take its member out',
        (d) => raw(d, ROOT.notes, b.theirs).delete(NoteKey.cluster),
        'areaLocked',
      ],
      ['delete its member', (d) => d.getMap(ROOT.notes).delete(b.theirs), 'areaLocked'],
      ['delete the lane', (d) => d.getMap(ROOT.lanes).delete(b.lane), 'locked'],
      ['reorder the lane', (d) => raw(d, ROOT.lanes, b.lane).set(AxisKey.order, 'a5'), 'locked'],
    ];
    for (const [what, change, reason] of attempts) expect(reasonFor(b, change), what).toBe(reason);
    const unlocks: Array<(d: Y.Doc) => void> = [
      (d) => raw(d, ROOT.clusters, b.cluster).set(ClusterKey.locked, false),
      (d) => raw(d, ROOT.lanes, b.lane).set(AxisKey.locked, false),
      (d) => raw(d, ROOT.periods, b.period).set(AxisKey.locked, true),
    ];
    for (const change of unlocks) expect(reasonFor(b, change)).toBe('facilitatorOnly');
  });

  it('locks a whole area: no structure changes and no filing in it', () => {
    const b = board({ structure: true });
    setAreaLocked(b.server, 'roadmap', true);
    expect(reasonFor(b, (d) => addLane(d, { title: 'Uusi' }))).toBe('areaLocked');
    expect(reasonFor(b, (d) => deletePeriod(d, b.period))).toBe('areaLocked');
    expect(reasonFor(b, (d) => removeFromRoadmap(d, [b.spare]))).toBe('areaLocked');
    expect(
      reasonFor(b, (d) => placeOnRoadmap(d, [b.mine], { lane: b.lane, period: b.period })),
    ).toBe('areaLocked');
    // The clusters are another area: still open.
    expect(reasonFor(b, (d) => renameCluster(d, b.cluster, 'Uusi'))).toBeNull();
    setAreaLocked(b.server, 'clusters', true);
    expect(reasonFor(b, (d) => renameCluster(d, b.cluster, 'Uusi'))).toBe('areaLocked');
    expect(reasonFor(b, (d) => addToCluster(d, b.cluster, [b.mine]))).toBe('areaLocked');
  });

  it('judges by the settings of now, though it reads them once per change of the meta map', () => {
    const b = board({ structure: true });
    const rename = (d: Y.Doc) => renameCluster(d, b.cluster, 'Uusi');
    expect(reasonFor(b, rename)).toBeNull(); // read and kept
    setAreaLocked(b.server, 'clusters', true);
    expect(reasonFor(b, rename)).toBe('areaLocked');
    // Unlocked by another replica (the facilitator's client, or another instance's relay).
    const unlock = updateOf(b.server, (d) => setAreaLocked(d, 'clusters', false));
    Y.applyUpdate(b.server, unlock);
    expect(reasonFor(b, rename)).toBeNull();
    // Inside a transaction that locks, before the meta map's observers have run.
    b.server.transact(() => {
      setAreaLocked(b.server, 'clusters', true);
      expect(reasonFor(b, rename)).toBe('areaLocked');
    });
    expect(reasonFor(b, rename)).toBe('areaLocked');
  });

  it('refuses every dot a participant writes into the document, in any name', () => {
    const b = board();
    const dot = `${b.session}:pAlice:${b.mine}`;
    expect(reasonFor(b, (d) => d.getMap(ROOT.votes).set(dot, 1))).toBe('serverOnly');
    expect(reasonFor(b, (d) => d.getMap(ROOT.votes).set(`${b.session}:pBob:${b.mine}`, 3))).toBe(
      'serverOnly',
    );
    expect(reasonFor(b, (d) => d.getMap(ROOT.votes).set('not-a-vote-key', 1))).toBe('serverOnly');
    // Nor the results a reveal writes: only the server writes those.
    expect(
      reasonFor(b, (d) => writeVoteResults(d, b.session, { counts: { [b.mine]: 50 }, voters: 1 })),
    ).toBe('facilitatorOnly');
  });

  it('lets a participant delete her note that is a vote candidate', () => {
    const b = board();
    expect(reasonFor(b, (d) => deleteNotes(d, [b.mine]))).toBeNull();
  });

  it('does not refuse an edit that raced a deletion of the same note', () => {
    const b = board();
    const edit = updateOf(b.server, (d) => noteText(d, b.mine)?.insert(4, ' idea'));
    deleteNotes(b.server, [b.mine]); // she deleted it from another device meanwhile
    expect(refusalOf(b.server, edit, alice)).toBeNull();
  });

  it('refuses values no board holds, written as a hostile client would', () => {
    const b = board();
    const mine = (d: Y.Doc) => raw(d, ROOT.notes, b.mine);
    // Texts: at most NOTE_MAX_TEXT characters after the update, counted with what it deletes.
    expect(reasonFor(b, (d) => noteText(d, b.mine)?.insert(0, 'x'.repeat(3997)))).toBe('invalid');
    expect(reasonFor(b, (d) => noteText(d, b.mine)?.insert(0, 'x'.repeat(3996)))).toBeNull();
    expect(
      reasonFor(b, (d) => {
        const text = noteText(d, b.mine);
        text?.delete(0, 4);
        text?.insert(0, 'y'.repeat(4000));
      }),
    ).toBeNull();
    expect(
      reasonFor(b, (d) =>
        createNote(d, { x: 0, y: 0, text: 'z'.repeat(4000), authorId: 'pAlice', authorName: 'A' }),
      ),
    ).toBeNull();
    expect(
      reasonFor(b, (d) => {
        const note = new Y.Map<unknown>();
        const text = new Y.Text();
        note.set(NoteKey.text, text);
        note.set(NoteKey.authorId, 'pAlice');
        d.getMap(ROOT.notes).set('junk', note);
        text.insert(0, 'z'.repeat(900_000));
      }),
    ).toBe('invalid');
    // Fields: what records/note.ts reads, and nothing else.
    for (const [key, value] of [
      [NoteKey.pos, [1e308, -1e308]],
      [NoteKey.pos, [Number.NaN, 0]],
      [NoteKey.pos, 'here'],
      [NoteKey.size, [0, 9_999_999]],
      [NoteKey.color, 'javascript:alert(1)'],
      [NoteKey.text, 'a plain string'],
      [NoteKey.z, 'not a key!'],
      [NoteKey.cell, { lane: b.lane, period: b.period, junk: 'x'.repeat(5000) }],
      ['junk', 'x'.repeat(3000)],
      ['tr.de', new Y.Text()],
    ] as const) {
      expect(
        reasonFor(b, (d) => mine(d).set(key, value)),
        `${key} ${String(value).slice(0, 20)}`,
      ).toBe('invalid');
    }
    expect(reasonFor(b, (d) => mine(d).set(NoteKey.pos, [120, -40]))).toBeNull();
    // A small key no note reads (a tool's mark, as the benchmarks' send times) is kept.
    expect(
      reasonFor(b, (d) => mine(d).set('benchSentAt', { benchSentAt: 1733600000000 })),
    ).toBeNull();
    expect(reasonFor(b, (d) => mine(d).set(NoteKey.color, 'blue'))).toBeNull();
    // Kinds of data the board never uses: binary values, embedded documents, formatting.
    expect(reasonFor(b, (d) => mine(d).set(NoteKey.z, new Uint8Array(8)))).toBe('invalid');
    expect(reasonFor(b, (d) => mine(d).set(NoteKey.text, new Y.Doc()))).toBe('invalid');
    expect(reasonFor(b, (d) => noteText(d, b.mine)?.format(0, 2, { bold: true }))).toBe('invalid');
    // The refusal says why, in the words the client maps to the person's language.
    const message = refusalOf(
      b.server,
      updateOf(b.server, (d) => mine(d).set(NoteKey.color, 'javascript:alert(1)')),
      alice,
    );
    expect(message).toBe(
      'the change holds a value a board cannot hold: note color is not a palette colour',
    );
    // A facilitator is trusted with any value, as with any change.
    const bulky = updateOf(b.server, (d) => noteText(d, b.mine)?.insert(0, 'x'.repeat(5000)));
    expect(judgeUpdate(b.server, bulky, facilitator)).toBeNull();
  });

  it('caps other values a participant may write (a topic when the structure is open)', () => {
    const b = board({ structure: true });
    expect(
      reasonFor(b, (d) => raw(d, ROOT.clusters, b.cluster).set(ClusterKey.color, 'x'.repeat(3000))),
    ).toBe('invalid');
    expect(reasonFor(b, (d) => renameCluster(d, b.cluster, 'Liikenne ja pyöräily'))).toBeNull();
  });

  it('refuses writes outside the board', () => {
    const b = board();
    expect(reasonFor(b, (d) => d.getText('elsewhere').insert(0, 'spam'))).toBe('facilitatorOnly');
    expect(b.server.share.has('elsewhere')).toBe(false);
  });
});

function everythingOpen(): PhaseSettings {
  return {
    ...DEFAULT_PHASE,
    addNotes: true,
    moveOthers: true,
    editOthers: true,
    deleteOthers: true,
    structure: true,
    vote: true,
    comment: true,
    frozen: false,
  };
}
