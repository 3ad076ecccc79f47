import { describe, expect, it } from 'vitest';
import { type MessageKey, type MessageParams, translate } from '../../i18n/messages';
import { layoutRoadmap } from '../canvas/roadmapLayout';
import { note } from '../canvas/testNotes';
import { describeNote, noteContext } from './noteDescription';

const roadmap = layoutRoadmap(
  {
    lanes: [
      { id: 'L', title: 'Liikenne', order: 'a0', locked: false, lang: null, translations: {} },
    ],
    periods: [{ id: 'P', title: '2027', order: 'a0', locked: false, lang: null, translations: {} }],
  },
  [],
).geometry;

describe('describeNote', () => {
  it('says the text, the topic, the cell, the author, dots, comments and a lock', () => {
    const context = noteContext(
      [{ id: 'k', title: 'Mobility' }],
      roadmap,
      [{ note: 'a', count: 3, rank: 1 }],
      [
        { anchor: { kind: 'note', note: 'a' }, status: 'visible' },
        { anchor: { kind: 'note', note: 'a' }, status: 'pending' },
      ] as never,
    );
    const a = note('a', {
      text: 'Cycle\npaths',
      cluster: 'k',
      cell: { lane: 'L', period: 'P' },
      authorName: 'Aino',
      locked: true,
    });
    const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
    expect(describeNote(a, context, t)).toBe(
      'Note: Cycle paths, in topic Mobility, on the roadmap: Liikenne, 2027, by Aino, 3 dots, comments: 1, locked',
    );
  });

  it('names an empty note and speaks the person’s language', () => {
    const context = noteContext([], null, null, []);
    const t = (key: MessageKey, params?: MessageParams) => translate('fi', key, params);
    expect(describeNote(note('b', { text: ' ', authorName: 'Bertil' }), context, t)).toBe(
      'Lappu: (tyhjä), kirjoittanut Bertil',
    );
  });
});
