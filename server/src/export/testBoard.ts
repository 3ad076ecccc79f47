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
