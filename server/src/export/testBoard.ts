import {
  addComment,
  addLane,
  addPeriod,
  createCluster,
  createNote,
  createVoteSession,
  initBoard,
  type Locale,
  placeOnRoadmap,
  replyToComment,
  revealVoteResults,
  setVoteSessionOpen,
  writeVoteResults,
} from '@paja/shared';
import * as Y from 'yjs';

/**
 * A small workshop board for export tests and the benchmark: two topics, loose notes, a
 * roadmap with a note in a cell, a revealed vote, a visible and a pending comment. Texts have
 * å, ä, ö and Sámi letters, and one note starts with "=" (a formula to a spreadsheet).
 */
export const SAMPLE = {
  title: 'Työpaja 2: Äänekoski ja Sámi',
  noteA: 'Pyöräilyä ympäri vuoden – väylät kuntoon',
  noteB: 'Kirjasto-auto kylille',
  noteFormula: '=HYPERLINK("http://evil.example","klikkaa")',
  noteSami: 'Sámegiella ja čájet đuoddariid: ŋ ŧ ž',
  commentVisible: 'Hyvä ajatus, myös talvella!',
  commentPending: 'Odottaa moderointia',
} as const;

export function sampleBoard(locale: Locale = 'fi'): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: SAMPLE.title, locale, now: 1 });
  const author = { authorId: 'p1', authorName: 'Aino Äijälä', organisation: 'Jyväskylän kaupunki' };
  const a = createNote(doc, { ...author, x: 0, y: 0, text: SAMPLE.noteA, color: 'blue', now: 2 });
  const b = createNote(doc, { ...author, x: 200, y: 0, text: SAMPLE.noteB, now: 3 });
  const f = createNote(doc, {
    authorId: 'p2',
    authorName: 'Olli',
    x: 600,
    y: 0,
    text: SAMPLE.noteFormula,
    now: 4,
  });
  const s = createNote(doc, {
    authorId: 'p3',
    authorName: 'Máret',
    x: 800,
    y: 0,
    text: SAMPLE.noteSami,
    color: 'teal',
    now: 5,
  });
  createCluster(doc, { noteIds: [a, b], title: 'Liikkuminen', authorId: 'f1', now: 6 });
  createCluster(doc, { noteIds: [s], title: 'Kielet', color: 'pink', authorId: 'f1', now: 7 });
  const lane = addLane(doc, { title: 'Arki', now: 8 });
  addPeriod(doc, { title: '2026', now: 9 });
  const period = addPeriod(doc, { title: '2030', now: 10 });
  placeOnRoadmap(doc, [b], { lane, period });
  const vote = createVoteSession(doc, {
    title: 'Tärkeimmät',
    dotsPerPerson: 3,
    candidates: [a, b, f],
  });
  setVoteSessionOpen(doc, vote, false);
  writeVoteResults(doc, vote, { counts: { [a]: 4, [b]: 1 }, voters: 3 });
  revealVoteResults(doc, vote);
  addComment(doc, {
    anchor: { kind: 'note', note: a },
    text: SAMPLE.commentVisible,
    authorName: 'Kuntalainen',
    now: 11,
  });
  addComment(doc, {
    anchor: { kind: 'note', note: a },
    text: SAMPLE.commentPending,
    authorName: 'Anonyymi',
    moderation: 'pending',
    now: 12,
  });
  return doc;
}

/** Upload and board limits at their defaults (README), for tests that import backups. */
export const LIMITS = {
  maxImageBytes: 10 * 1024 * 1024,
  maxAttachmentBytes: 20 * 1024 * 1024,
  maxBoardBytes: 64 * 1024 * 1024,
};

/**
 * What the tester exported: a Finnish roadmap board whose topics lie in two rows (their ids
 * in another order than the board reads), two of them empty; notes in roadmap cells outside
 * every topic; a revealed vote with four notes tied for 4th place; comments on two notes with
 * replies written after both (so creation order alone puts both replies under the later one).
 */
export const ROADMAP = {
  title: 'Tiekartta 2030',
  /** Topic titles as the board reads them: row by row, left to right. */
  topicsInOrder: ['Asuminen', 'Liikenne', 'Ympäristö', 'Kulttuuri', 'Palvelut', 'Koulutus', 'Työ'],
  emptyTopics: ['Ympäristö', 'Työ'],
  /** In a roadmap cell and in no topic: only the roadmap table lists them. */
  cellOnly: ['Sähköbussit 2028', 'Nuorisotila 2026', 'Etäpalvelut 2030'],
  /** In no topic and no cell. */
  loose: 'Irrallinen ajatus',
  noteA: 'Kaavoitus nopeammaksi',
  noteB: 'Kirjastot auki iltaisin',
  erikOnA: 'Erik: tämä on tärkeä',
  johnOnB: 'John: entä viikonloput?',
  annaToErik: 'Anna vastaa Erikille',
  erikToJohn: 'Erik vastaa Johnille',
  /** The vote's counts by note text: four notes tied for 4th place. */
  votes: { 'Kaavoitus nopeammaksi': 9, 'Pyörätiet kuntoon': 7, 'Kirjastot auki iltaisin': 5 },
  tiedFourth: ['Vuokra-asuntoja', 'Junayhteys', 'Kesäteatteri', 'Neuvola lähelle'],
  formula: '=HYPERLINK("http://evil.example","klikkaa")',
} as const;

export function roadmapBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: ROADMAP.title, locale: 'fi', now: 1 });
  let clock = 10;
  const note = (text: string) =>
    createNote(doc, { authorId: 'p1', authorName: 'Aino', x: 0, y: 0, text, now: clock++ });
  // [id, title, x, y, notes]: ids sort in another order than the frames read; the second row's
  // tops differ a little, as a facilitator's hand-placed frames do.
  const topics: Array<[string, string, number, number, string[]]> = [
    ['t7', 'Työ', 1500, 410, []],
    ['t2', 'Kulttuuri', 0, 430, ['Kesäteatteri', 'Kirjastot auki iltaisin']],
    ['t5', 'Asuminen', 0, 0, ['Vuokra-asuntoja', ROADMAP.noteA]],
    ['t3', 'Ympäristö', 1000, 0, []],
    ['t4', 'Palvelut', 500, 420, ['Neuvola lähelle', ROADMAP.formula]],
    ['t1', 'Liikenne', 500, 0, ['Pyörätiet kuntoon', 'Junayhteys']],
    ['t6', 'Koulutus', 1000, 440, ['Lukio-opinnot verkossa']],
  ];
  const ids = new Map<string, string>();
  for (const [id, title, x, y, texts] of topics) {
    const members = texts.map((t) => {
      const n = note(t);
      ids.set(t, n);
      return n;
    });
    createCluster(doc, { id, noteIds: members, title, x, y, w: 400, h: 300, now: clock++ });
  }
  const lane = addLane(doc, { title: 'Arki', now: clock++ });
  const p2026 = addPeriod(doc, { title: '2026', now: clock++ });
  const p2028 = addPeriod(doc, { title: '2028', now: clock++ });
  const p2030 = addPeriod(doc, { title: '2030', now: clock++ });
  const [bus, youth, remote] = ROADMAP.cellOnly.map(note);
  placeOnRoadmap(doc, [bus as string], { lane, period: p2028 });
  placeOnRoadmap(doc, [youth as string], { lane, period: p2026 });
  placeOnRoadmap(doc, [remote as string], { lane, period: p2030 });
  // In a topic and in a cell: listed under its topic and in the table.
  placeOnRoadmap(doc, [ids.get('Junayhteys') as string], { lane, period: p2030 });
  note(ROADMAP.loose);
  const id = (text: string) => ids.get(text) as string;
  const counts: Record<string, number> = {};
  for (const [text, count] of Object.entries(ROADMAP.votes)) counts[id(text)] = count;
  for (const text of ROADMAP.tiedFourth) counts[id(text)] = 3;
  counts[id('Lukio-opinnot verkossa')] = 1;
  const vote = createVoteSession(doc, {
    title: 'Tärkeimmät',
    dotsPerPerson: 5,
    candidates: Object.keys(counts),
  });
  writeVoteResults(doc, vote, { counts, voters: 8 });
  const comment = (on: string, text: string, authorName: string) =>
    addComment(doc, { anchor: { kind: 'note', note: id(on) }, text, authorName, now: clock++ });
  const erik = comment(ROADMAP.noteA, ROADMAP.erikOnA, 'Erik');
  const john = comment(ROADMAP.noteB, ROADMAP.johnOnB, 'John');
  replyToComment(doc, erik, { text: ROADMAP.annaToErik, authorName: 'Anna', now: clock++ });
  replyToComment(doc, john, { text: ROADMAP.erikToJohn, authorName: 'Erik', now: clock++ });
  return doc;
}
