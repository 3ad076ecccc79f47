import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initBoard,
  OrganisationListError,
  readBoard,
  repairReferences,
  setAreaLocked,
  setLocale,
  setOrganisations,
  setPhase,
  setTitle,
} from './board';
import { addToCluster, createCluster, deleteCluster } from './clusters';
import { addComment } from './comments';
import { checkInvariants } from './invariants';
import { deleteNotes } from './notes';
import {
  DEFAULT_PHASE,
  lockKey,
  MetaKey,
  PHASE_SETTINGS,
  phaseKey,
  readMeta,
} from './records/meta';
import { addLane, addPeriod, deletePeriod, placeOnRoadmap } from './roadmap';
import { metaMap } from './roots';
import { ORGANISATION_MAX, ORGANISATIONS_MAX, SCHEMA_VERSION, TITLE_MAX } from './schema';
import { fork, newDoc, note, syncAll } from './testkit';
import { createVoteSession, writeVoteResults } from './votes';

describe('meta', () => {
  it('initialises a board', () => {
    const doc = new Y.Doc();
    initBoard(doc, {
      title: '  Tiekartta 2030 ',
      locale: 'sv',
      now: 7,
      template: 'roadmap',
      phase: { vote: false },
    });
    expect(readMeta(doc)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: 'Tiekartta 2030',
      locale: 'sv',
      createdAt: 7,
      template: 'roadmap',
      phase: { ...DEFAULT_PHASE, vote: false },
      locks: { roadmap: false, clusters: false },
      organisations: [],
      contentLangs: ['sv'],
    });
    // Every setting is written, so a later change of the defaults cannot change this board.
    for (const name of PHASE_SETTINGS) expect(metaMap(doc).has(phaseKey(name)), name).toBe(true);
    expect(() => initBoard(new Y.Doc(), { title: 't', locale: 'de' as never })).toThrow();
  });

  it('sets title, locale and phase settings', () => {
    const doc = newDoc();
    setTitle(doc, 'x'.repeat(TITLE_MAX + 10));
    setLocale(doc, 'en');
    setPhase(doc, { addNotes: false, moveOthers: false, frozen: true });
    const meta = readMeta(doc);
    expect(meta.title).toHaveLength(TITLE_MAX);
    expect(meta.locale).toBe('en');
    expect(meta.phase).toEqual({
      ...DEFAULT_PHASE,
      addNotes: false,
      moveOthers: false,
      frozen: true,
    });
    expect(() => setLocale(doc, 'xx' as never)).toThrow();
  });

  it('merges concurrent changes to different phase settings', () => {
    const one = newDoc(1);
    const two = fork(one, 2);
    setPhase(one, { addNotes: false });
    setPhase(two, { vote: false });
    syncAll(one, two);
    expect(readMeta(two).phase).toEqual({ ...DEFAULT_PHASE, addNotes: false, vote: false });
  });

  it('reports mistyped meta and falls back to defaults', () => {
    const doc = new Y.Doc();
    const meta = metaMap(doc);
    meta.set(MetaKey.schemaVersion, '2');
    meta.set(MetaKey.title, 5);
    meta.set(MetaKey.locale, 'de');
    meta.set(MetaKey.createdAt, 'yesterday');
    meta.set(MetaKey.template, 1);
    meta.set(phaseKey('vote'), 'no');
    const invalid: Parameters<typeof readMeta>[1] = [];
    expect(readMeta(doc, invalid)).toEqual({
      schemaVersion: 0,
      title: '',
      locale: 'fi',
      createdAt: 0,
      template: null,
      phase: DEFAULT_PHASE,
      locks: { roadmap: false, clusters: false },
      organisations: [],
      contentLangs: ['fi'],
    });
    expect(invalid.map((e) => e.id)).toEqual([
      'schemaVersion',
      'title',
      'locale',
      'createdAt',
      'template',
      'phase.vote',
    ]);
  });

  it('has workshop defaults: own notes only, structure left to the facilitator', () => {
    expect(DEFAULT_PHASE).toEqual({
      addNotes: true,
      moveOthers: true,
      editOthers: false,
      deleteOthers: false,
      structure: false,
      vote: true,
      comment: true,
      frozen: false,
    });
  });

  it('locks and unlocks areas; concurrent locks of different areas both hold', () => {
    const one = newDoc(1);
    const two = fork(one, 2);
    setAreaLocked(one, 'roadmap', true);
    setAreaLocked(two, 'clusters', true);
    syncAll(one, two);
    expect(readMeta(two).locks).toEqual({ roadmap: true, clusters: true });
    setAreaLocked(two, 'roadmap', false);
    expect(readMeta(two).locks).toEqual({ roadmap: false, clusters: true });
    metaMap(two).set(lockKey('clusters'), 'yes');
    const invalid: Parameters<typeof readMeta>[1] = [];
    expect(readMeta(two, invalid).locks.clusters).toBe(false);
    expect(invalid).toEqual([{ kind: 'meta', id: 'lock.clusters', reason: 'not a boolean' }]);
  });

  it('keeps an organisation list: trimmed, without repeats, within limits', () => {
    const doc = newDoc();
    setOrganisations(doc, [' Helsinki ', 'Espoo', 'helsinki', '', 'Vantaa']);
    expect(readMeta(doc).organisations).toEqual(['Helsinki', 'Espoo', 'Vantaa']);
    expect(() => setOrganisations(doc, ['x'.repeat(ORGANISATION_MAX + 1)])).toThrow(
      OrganisationListError,
    );
    const many = Array.from({ length: ORGANISATIONS_MAX + 1 }, (_, i) => `Kunta ${i}`);
    expect(() => setOrganisations(doc, many)).toThrow(OrganisationListError);
    expect(readMeta(doc).organisations).toEqual(['Helsinki', 'Espoo', 'Vantaa']);
    const before = Y.encodeStateVector(doc);
    setOrganisations(doc, ['Helsinki', 'Espoo', 'Vantaa']);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const invalid: Parameters<typeof readMeta>[1] = [];
    for (const bad of ['Espoo', ['Espoo', 'Espoo'], [' padded'], [3]]) {
      metaMap(doc).set(MetaKey.organisations, bad);
      expect(readMeta(doc, invalid).organisations).toEqual([]);
    }
    expect(invalid.map((e) => e.reason)).toEqual([
      'not a list',
      'a name is listed twice',
      'a name is not a trimmed string of 1..80 characters',
      'a name is not a trimmed string of 1..80 characters',
    ]);
  });
});

describe('readBoard', () => {
  function fullBoard() {
    const doc = newDoc(1);
    const a = note(doc, { id: 'na', text: 'Bussit' });
    const b = note(doc, { id: 'nb', text: 'Pyörät' });
    const cluster = createCluster(doc, { noteIds: [a, b], title: 'Liikenne', id: 'c1', now: 2 });
    const lane = addLane(doc, { title: 'Mobility', id: 'l1', now: 3 });
    const period = addPeriod(doc, { title: '2030', id: 'p1', now: 3 });
    placeOnRoadmap(doc, [a], { lane, period });
    addComment(doc, {
      anchor: { kind: 'cluster', cluster },
      text: 'Good',
      authorName: 'Liisa',
      id: 'k1',
      now: 4,
    });
    const session = createVoteSession(doc, {
      title: 'Top',
      dotsPerPerson: 2,
      candidates: [a, b],
      id: 's1',
      now: 5,
    });
    writeVoteResults(doc, session, { counts: { [b]: 1 }, voters: 1 });
    return doc;
  }

  it('returns a plain, JSON-serialisable view of everything', () => {
    const board = readBoard(fullBoard());
    expect(JSON.parse(JSON.stringify(board))).toEqual(board);
    expect(board.clusters.map((c) => [c.title, c.members])).toEqual([['Liikenne', ['na', 'nb']]]);
    expect(board.notes[0]?.cell).toEqual({ lane: 'l1', period: 'p1' });
    expect(board.roadmap.lanes.map((l) => l.title)).toEqual(['Mobility']);
    expect(board.comments[0]?.anchor).toEqual({ kind: 'cluster', cluster: 'c1' });
    expect(board.voteSessions[0]?.results).toEqual([
      { note: 'nb', count: 1, rank: 1 },
      { note: 'na', count: 0, rank: 2 },
    ]);
    expect(board.invalid).toEqual([]);
    expect(board.dangling).toEqual([]);
    expect(checkInvariants(board)).toEqual([]);
  });

  it('is the same on a replica loaded from the encoded state', () => {
    const doc = fullBoard();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readBoard(copy)).toEqual(readBoard(doc));
  });
});

describe('repairReferences', () => {
  it('clears references left dangling by concurrent deletes, idempotently', () => {
    const one = newDoc(1);
    const a = note(one);
    const b = note(one);
    const c = note(one);
    const cluster = createCluster(one, { noteIds: [a] });
    const lane = addLane(one, { title: 'L' });
    const period = addPeriod(one, { title: 'P' });
    createVoteSession(one, { title: 'S', dotsPerPerson: 3, candidates: [a, b] });
    const two = fork(one, 2);
    deleteCluster(one, cluster);
    deletePeriod(one, period);
    deleteNotes(one, [b]);
    addToCluster(two, cluster, [c]);
    placeOnRoadmap(two, [a], { lane, period });
    syncAll(one, two);
    expect(readBoard(one).dangling).toHaveLength(2);
    expect(readBoard(one).notes.map((n) => n.cluster)).toEqual([null, null]);
    expect(repairReferences(one)).toBe(2); // c's cluster, a's cell
    expect(repairReferences(two)).toBe(2);
    syncAll(one, two);
    expect(repairReferences(one)).toBe(0);
    const board = readBoard(one);
    expect(board.dangling).toEqual([]);
    expect(board).toEqual(readBoard(two));
    expect(checkInvariants(board)).toEqual([]);
  });
});
