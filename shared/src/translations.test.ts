import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Editor, judgeUpdate } from './editGuard';
import {
  addLane,
  addPeriod,
  boardShownIn,
  contentLangsOf,
  createCluster,
  createNote,
  initBoard,
  LangKey,
  MetaKey,
  migrate,
  NoteKey,
  type PhaseSettings,
  ROOT,
  readBoard,
  readMeta,
  readNotes,
  setContentLangs,
  setNotesLocked,
  setOriginalLang,
  setTextIn,
  shownText,
  TranslationTooLongError,
  textIn,
  translationKey,
  translationTasks,
} from './index';
import { fork, newDoc, note, syncAll } from './testkit';

describe('a text per language', () => {
  it('keeps the original and writes a translation beside it', () => {
    const doc = newDoc();
    const id = note(doc, { text: 'Pyöräteitä lisää', lang: 'fi' });
    setTextIn(doc, 'note', id, 'sv', 'Fler cykelvägar');
    const [view] = readNotes(doc);
    expect(view?.text).toBe('Pyöräteitä lisää');
    expect(view?.lang).toBe('fi');
    expect(view?.translations).toEqual({ sv: 'Fler cykelvägar' });
    // Writing in the original's language writes the original.
    setTextIn(doc, 'note', id, 'fi', 'Pyöräteitä');
    expect(readNotes(doc)[0]?.text).toBe('Pyöräteitä');
    expect(textIn(doc, 'note', id, 'en')).toBeNull();
  });

  it('merges concurrent edits of different languages without conflict', () => {
    const a = newDoc(1);
    const id = note(a, { text: 'Kirjasto', lang: 'fi' });
    const b = fork(a, 2);
    const c = fork(a, 3);
    setTextIn(a, 'note', id, 'sv', 'Bibliotek');
    setTextIn(b, 'note', id, 'en', 'Library');
    setTextIn(c, 'note', id, 'fi', 'Kirjasto auki');
    syncAll(a, b, c);
    for (const doc of [a, b, c]) {
      const [view] = readNotes(doc);
      expect(view?.text).toBe('Kirjasto auki');
      expect(view?.translations).toEqual({ sv: 'Bibliotek', en: 'Library' });
    }
  });

  it('merges two people typing in one translation once it exists', () => {
    const a = newDoc(1);
    const id = note(a, { text: 'Kirjasto', lang: 'fi' });
    setTextIn(a, 'note', id, 'sv', 'Bibliotek');
    const b = fork(a, 2);
    setTextIn(a, 'note', id, 'sv', 'Stort bibliotek');
    setTextIn(b, 'note', id, 'sv', 'Bibliotek i centrum');
    syncAll(a, b);
    expect(readNotes(a)[0]?.translations.sv).toBe('Stort bibliotek i centrum');
    expect(readNotes(b)[0]?.translations.sv).toBe('Stort bibliotek i centrum');
  });

  it('translates titles of clusters, lanes and periods, trimmed and bounded', () => {
    const doc = newDoc();
    const cluster = createCluster(doc, { noteIds: [], title: 'Liikenne', lang: 'fi' });
    const lane = addLane(doc, { title: 'Energia' });
    const period = addPeriod(doc, { title: 'Nyt' });
    setTextIn(doc, 'cluster', cluster, 'sv', '  Trafik ');
    setTextIn(doc, 'lane', lane, 'sv', 'Energi');
    setTextIn(doc, 'period', period, 'sv', 'Nu');
    const board = readBoard(doc);
    expect(board.clusters[0]?.translations).toEqual({ sv: 'Trafik' });
    expect(board.roadmap.lanes[0]?.translations).toEqual({ sv: 'Energi' });
    expect(board.roadmap.periods[0]?.translations).toEqual({ sv: 'Nu' });
    // Unstamped (addLane without a language): in the board's main language.
    expect(board.roadmap.lanes[0]?.lang).toBeNull();
    setTextIn(doc, 'lane', lane, 'sv', 'x'.repeat(201));
    expect(readBoard(doc).roadmap.lanes[0]?.translations.sv).toHaveLength(200);
    expect(() => setTextIn(doc, 'note', note(doc), 'sv', 'x'.repeat(4001))).toThrow(
      TranslationTooLongError,
    );
  });

  it('leaves a locked item alone and creates no empty translation', () => {
    const doc = newDoc();
    const id = note(doc, { text: 'Lukittu' });
    setTextIn(doc, 'note', id, 'sv', '');
    expect(doc.getMap<Y.Map<unknown>>(ROOT.notes).get(id)?.has(translationKey('sv'))).toBe(false);
    setNotesLocked(doc, [id], true);
    setTextIn(doc, 'note', id, 'sv', 'Låst');
    setOriginalLang(doc, 'note', id, 'sv');
    expect(readNotes(doc)[0]?.translations).toEqual({});
    expect(readNotes(doc)[0]?.lang).toBeNull();
  });
});

describe('what a reader of one language sees', () => {
  it('shows the translation, else the original marked untranslated; never marks an empty one', () => {
    const item = { lang: 'fi' as const, translations: { sv: 'Bibliotek' } };
    expect(shownText('Kirjasto', item, 'fi', 'sv')).toEqual({
      text: 'Bibliotek',
      lang: 'sv',
      untranslated: false,
    });
    expect(shownText('Kirjasto', item, 'fi', 'en')).toEqual({
      text: 'Kirjasto',
      lang: 'fi',
      untranslated: true,
    });
    expect(shownText('Kirjasto', item, 'fi', 'fi').untranslated).toBe(false);
    expect(shownText(' ', { lang: 'fi', translations: {} }, 'fi', 'sv').untranslated).toBe(false);
    // Unstamped: in the main language.
    expect(shownText('Bibliotek', { lang: null, translations: {} }, 'sv', 'sv').lang).toBe('sv');
  });

  it('shows the whole board in one language (exports, the outline)', () => {
    const doc = newDoc();
    setContentLangs(doc, ['fi', 'sv']);
    const done = note(doc, { text: 'Kirjasto', lang: 'fi' });
    note(doc, { text: 'Uimahalli', lang: 'fi', y: 500 });
    setTextIn(doc, 'note', done, 'sv', 'Bibliotek');
    const cluster = createCluster(doc, { noteIds: [done], title: 'Palvelut', lang: 'fi' });
    setTextIn(doc, 'cluster', cluster, 'sv', 'Tjänster');
    const shown = boardShownIn(readBoard(doc), 'sv');
    expect(shown.notes.map((n) => n.text).sort()).toEqual(['Bibliotek', 'Uimahalli']);
    expect(shown.clusters[0]?.title).toBe('Tjänster');
    const pool = shown.notes.find((n) => n.text === 'Uimahalli') as unknown as {
      shown: { untranslated: boolean; lang: string };
    };
    expect(pool.shown).toEqual({ text: 'Uimahalli', lang: 'fi', untranslated: true });
  });

  it('lists what lacks a translation, topics and roadmap first, notes in reading order', () => {
    const doc = newDoc();
    setContentLangs(doc, ['fi', 'sv']);
    const low = note(doc, { text: 'Alempana', y: 400 });
    const high = note(doc, { text: 'Ylempänä', y: 0 });
    note(doc, { text: '   ', y: 200 }); // nothing to translate
    note(doc, { text: 'På svenska', lang: 'sv', y: 100 }); // already in Swedish
    const cluster = createCluster(doc, { noteIds: [], title: 'Aihe' });
    setTextIn(doc, 'note', low, 'sv', 'Lägre');
    const tasks = translationTasks(readBoard(doc), 'sv');
    expect(tasks.map((t) => [t.kind, t.id, t.translation])).toEqual([
      ['cluster', cluster, ''],
      ['note', high, ''],
      ['note', low, 'Lägre'],
    ]);
    expect(tasks.every((t) => t.lang === 'fi')).toBe(true);
  });
});

describe('the content language list', () => {
  it('starts as the locale, refuses nonsense and keeps old texts in their language', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'P', locale: 'sv' });
    expect(contentLangsOf(doc)).toEqual(['sv']);
    const old = createNote(doc, { x: 0, y: 0, text: 'Gammal', authorId: 'a', authorName: 'A' });
    expect(() => setContentLangs(doc, [])).toThrow();
    expect(() => setContentLangs(doc, ['fi', 'fi'])).toThrow();
    expect(() => setContentLangs(doc, ['de' as 'fi'])).toThrow();
    setContentLangs(doc, ['fi', 'sv']);
    expect(readMeta(doc).contentLangs).toEqual(['fi', 'sv']);
    // The main language changed: the unstamped Swedish note was stamped before.
    expect(readNotes(doc)[0]?.lang).toBe('sv');
    expect(readNotes(doc)[0]?.id).toBe(old);
  });

  it('reads a broken stored list as the locale and reports it', () => {
    const doc = newDoc();
    doc.getMap(ROOT.meta).set(MetaKey.contentLangs, ['fi', 'klingon']);
    const invalid: { id: string }[] = [];
    expect(readMeta(doc, invalid as never).contentLangs).toEqual(['fi']);
    expect(invalid.map((e) => e.id)).toEqual([MetaKey.contentLangs]);
  });
});

describe('validation of the language keys', () => {
  it.each([
    ['a mistyped translation', (m: Y.Map<unknown>) => m.set('tr.sv', 'plain'), 'translation sv'],
    ['an unknown language', (m: Y.Map<unknown>) => m.set('tr.de', new Y.Text('x')), 'unknown'],
    ['a bad original language', (m: Y.Map<unknown>) => m.set(LangKey.lang, 7), 'unknown language'],
  ])('reports %s as an invalid note, never half-shown', (_name, spoil, reason) => {
    const doc = newDoc();
    const id = note(doc, { text: 'x' });
    spoil(doc.getMap<Y.Map<unknown>>(ROOT.notes).get(id) as Y.Map<unknown>);
    const invalid: { kind: string; id: string; reason: string }[] = [];
    expect(readNotes(doc, invalid as never)).toEqual([]);
    expect(invalid[0]?.reason).toContain(reason);
  });
});

describe('migration 4 -> 5', () => {
  /** A board as schema 4 left it: no content languages, no language on anything. */
  function v4Board(): Y.Doc {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Vanha', locale: 'sv' });
    const meta = doc.getMap(ROOT.meta);
    meta.set(MetaKey.schemaVersion, 4);
    meta.delete(MetaKey.contentLangs);
    createNote(doc, { x: 0, y: 0, text: 'Gammal lapp', authorId: 'a', authorName: 'A' });
    createCluster(doc, { noteIds: [], title: 'Ämne' });
    addLane(doc, { title: 'Tema' });
    addPeriod(doc, { title: '2030' });
    return doc;
  }

  it('lists the locale as the content language and stamps every text with it', () => {
    const doc = v4Board();
    expect(migrate(doc)).toEqual([4]);
    const board = readBoard(doc);
    expect(board.invalid).toEqual([]);
    expect(board.meta.contentLangs).toEqual(['sv']);
    expect(board.notes[0]?.lang).toBe('sv');
    expect(board.notes[0]?.text).toBe('Gammal lapp');
    expect(board.clusters[0]?.lang).toBe('sv');
    expect(board.roadmap.lanes[0]?.lang).toBe('sv');
    expect(board.roadmap.periods[0]?.lang).toBe('sv');
  });

  it('agrees with itself on two replicas migrating at once', () => {
    const a = v4Board();
    const b = fork(a, 99);
    migrate(a);
    migrate(b);
    syncAll(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).notes[0]?.lang).toBe('sv');
  });
});

describe('who may translate (the server edit guard)', () => {
  const alice: Editor = { role: 'participant', participantId: 'pAlice' };
  const facilitator: Editor = { role: 'facilitator', participantId: 'pF' };

  function board(phase: Partial<PhaseSettings> = {}) {
    const server = new Y.Doc();
    initBoard(server, { title: 'P', locale: 'fi', phase });
    setContentLangs(server, ['fi', 'sv']);
    const by = (id: string) => ({ authorId: id, authorName: id, lang: 'fi' as const });
    const mine = createNote(server, { x: 0, y: 0, text: 'oma', ...by('pAlice') });
    const theirs = createNote(server, { x: 9, y: 9, text: 'muiden', ...by('pBob') });
    const locked = createNote(server, { x: 5, y: 5, text: 'lukittu', ...by('pAlice') });
    setNotesLocked(server, [locked], true);
    const cluster = createCluster(server, { noteIds: [], title: 'Aihe' });
    const lane = addLane(server, { title: 'Teema' });
    return { server, mine, theirs, locked, cluster, lane };
  }

  function reason(server: Y.Doc, editor: Editor, change: (doc: Y.Doc) => void): string | null {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    change(replica);
    expect(updates.length).toBeGreaterThan(0);
    return judgeUpdate(server, Y.mergeUpdates(updates), editor)?.reason ?? null;
  }

  /** Writes a translation as a hostile client would, past shared's lock check. */
  const rawTranslate = (id: string) => (doc: Y.Doc) =>
    doc.getMap<Y.Map<unknown>>(ROOT.notes).get(id)?.set(translationKey('sv'), new Y.Text('x'));

  it('lets a participant translate her own note, and others only where she may edit them', () => {
    const b = board();
    expect(reason(b.server, alice, (d) => setTextIn(d, 'note', b.mine, 'sv', 'egen'))).toBeNull();
    expect(reason(b.server, alice, (d) => setTextIn(d, 'note', b.theirs, 'sv', 'x'))).toBe(
      'closed.editOthers',
    );
    expect(reason(b.server, alice, (d) => setOriginalLang(d, 'note', b.theirs, 'sv'))).toBe(
      'closed.editOthers',
    );
    expect(reason(b.server, alice, rawTranslate(b.locked))).toBe('locked');
    const open = board({ editOthers: true });
    expect(reason(open.server, alice, (d) => setTextIn(d, 'note', open.theirs, 'sv', 'x'))).toBe(
      null,
    );
    const frozen = board({ frozen: true });
    expect(reason(frozen.server, alice, (d) => setTextIn(d, 'note', frozen.mine, 'sv', 'x'))).toBe(
      'frozen',
    );
  });

  it('lets participants translate titles only when they may change the structure', () => {
    const b = board();
    expect(reason(b.server, alice, (d) => setTextIn(d, 'cluster', b.cluster, 'sv', 'Ämne'))).toBe(
      'closed.structure',
    );
    expect(reason(b.server, alice, (d) => setTextIn(d, 'lane', b.lane, 'sv', 'Tema'))).toBe(
      'closed.structure',
    );
    const open = board({ structure: true });
    expect(
      reason(open.server, alice, (d) => setTextIn(d, 'cluster', open.cluster, 'sv', 'Ämne')),
    ).toBeNull();
  });

  it('keeps the content languages to facilitators, who may translate anything', () => {
    const b = board();
    expect(reason(b.server, alice, (d) => setContentLangs(d, ['fi', 'sv', 'en']))).toBe(
      'facilitatorOnly',
    );
    expect(reason(b.server, facilitator, (d) => setContentLangs(d, ['fi', 'sv', 'en']))).toBeNull();
    expect(reason(b.server, facilitator, rawTranslate(b.theirs))).toBeNull();
    expect(
      reason(b.server, facilitator, (d) => setTextIn(d, 'lane', b.lane, 'sv', 'T')),
    ).toBeNull();
  });

  it('names a translation as a note edit in the refusal', () => {
    const b = board();
    const replica = fork(b.server);
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    setTextIn(replica, 'note', b.theirs, 'sv', 'x');
    const refusal = judgeUpdate(b.server, Y.mergeUpdates(updates), alice);
    expect(refusal?.message).toContain('translation');
    expect(
      b.server.getMap<Y.Map<unknown>>(ROOT.notes).get(b.theirs)?.get(NoteKey.text),
    ).toBeTruthy();
  });
});
