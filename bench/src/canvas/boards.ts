import { createNote, initBoard, NOTE_COLOR_NAMES } from '@paja/shared';
import * as Y from 'yjs';

/** Words for note texts: the length and letters of real workshop notes, not "note 1". */
const WORDS = [
  'pyöräilyn',
  'edistäminen',
  'joukkoliikenne',
  'kaavoitus',
  'nuoret',
  'ikäihmiset',
  'hiilineutraali',
  'kirjasto',
  'liikunta',
  'yhteistyö',
  'kestävä',
  'energia',
  'asuminen',
  'palvelut',
  'osallisuus',
  'ilmasto',
  'kävely',
  'turvallisuus',
  'lähiruoka',
  'työpaikat',
];

/** A deterministic pseudo-random sequence, so that every run measures the same board. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const GRID_STEP = 200;

/**
 * A board with `count` notes in a square grid (200 units apart: notes of 160 with gaps, as a
 * busy workshop wall), texts of 3 to 12 words, colours from the palette. Returns the encoded
 * document as the server would store it.
 */
export function boardWithNotes(count: number): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title: `Bench ${count}`, locale: 'fi' });
  const next = random(count);
  const columns = Math.ceil(Math.sqrt(count));
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const words = 3 + Math.floor(next() * 10);
      const text = Array.from(
        { length: words },
        () => WORDS[Math.floor(next() * WORDS.length)] as string,
      ).join(' ');
      createNote(doc, {
        x: (i % columns) * GRID_STEP,
        y: Math.floor(i / columns) * GRID_STEP,
        text,
        color: NOTE_COLOR_NAMES[Math.floor(next() * NOTE_COLOR_NAMES.length)],
        authorId: `p${i % 40}`,
        authorName: `Osallistuja ${i % 40}`,
        now: 1_700_000_000_000 + i,
      });
    }
  });
  return Y.encodeStateAsUpdate(doc);
}
