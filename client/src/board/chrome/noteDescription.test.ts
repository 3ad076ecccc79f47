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

  it('while this person votes, says their own dots on each candidate, and nothing else', () => {
    const ballot = { candidates: ['a', 'b'], mine: { a: 2 } };
    const context = noteContext([], null, null, [], ballot);
    const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
    expect(describeNote(note('a', { text: 'Trams', authorName: '' }), context, t)).toBe(
      'Note: Trams, your dots: 2',
    );
    expect(describeNote(note('b', { text: 'Parks', authorName: '' }), context, t)).toBe(
      'Note: Parks, your dots: 0',
    );
    expect(describeNote(note('c', { text: 'Bins', authorName: '' }), context, t)).toBe(
      'Note: Bins',
    );
    const fi = (key: MessageKey, params?: MessageParams) => translate('fi', key, params);
    expect(describeNote(note('a', { text: 'Raitiovaunut', authorName: '' }), context, fi)).toBe(
      'Lappu: Raitiovaunut, omia pisteitäsi: 2',
    );
    // Not voting: no own dots at all.
    expect(
      describeNote(
        note('a', { text: 'Trams', authorName: '' }),
        noteContext([], null, null, []),
        t,
      ),
    ).toBe('Note: Trams');
  });
});
