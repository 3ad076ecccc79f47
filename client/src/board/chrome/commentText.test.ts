import { describe, expect, it } from 'vitest';
import { type MessageKey, type MessageParams, translate } from '../../i18n/messages';
import { authorLabel, describeAnchor } from './commentText';

describe('comment authors and places, as the reader reads them', () => {
  it('shows an anonymous author in the reader’s language, whoever wrote it in which', () => {
    // Stored without a name now; older boards hold the writer's word ("Anonym": Swedish).
    for (const stored of ['', 'Anonym', 'Anonymous', 'Nimetön']) {
      expect(authorLabel(stored, translate('fi', 'comments.anonymousName'))).toBe('Nimetön');
      expect(authorLabel(stored, translate('sv', 'mod.anonymous'))).toBe('Anonym');
      expect(authorLabel(stored, translate('en', 'comments.anonymousName'))).toBe('Anonymous');
    }
    expect(authorLabel('Kaisa', 'Nimetön')).toBe('Kaisa');
  });

  it('names the note, topic and cell a comment is on', () => {
    const names = {
      notes: new Map([['n1', { text: 'Pyöräteitä   Hervantaan\nja keskustaan' }]]),
      clusters: [
        { id: 'c1', title: 'Liikenne' },
        { id: 'c2', title: '' },
      ],
      roadmap: {
        lanes: [{ id: 'l1', title: 'Kaavoitus' }],
        periods: [{ id: 'p1', title: '2030' }],
      },
    } as unknown as Parameters<typeof describeAnchor>[1];
    const t = (key: MessageKey, params?: MessageParams) => translate('fi', key, params);
    expect(describeAnchor({ kind: 'note', note: 'n1' }, names, t)).toBe(
      'Lappu ”Pyöräteitä Hervantaan ja keskustaan”',
    );
    expect(describeAnchor({ kind: 'cluster', cluster: 'c1' }, names, t)).toBe('Aihe ”Liikenne”');
    // An untitled topic as the canvas names it, not empty quotes.
    expect(describeAnchor({ kind: 'cluster', cluster: 'c2' }, names, t)).toBe('Aihe ”Nimetön”');
    expect(describeAnchor({ kind: 'cell', lane: 'l1', period: 'p1' }, names, t)).toBe(
      'Tiekartta: Kaavoitus, 2030',
    );
    expect(describeAnchor({ kind: 'note', note: 'gone' }, names, t)).toBe(
      'Jotain, mikä on poistettu',
    );
  });
});
