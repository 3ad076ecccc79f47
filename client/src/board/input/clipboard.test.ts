import { NOTE_MAX_TEXT } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import {
  PASTE_CONFIRM_ABOVE,
  PASTE_MAX_NOTES,
  parsePayload,
  payloadFromHtml,
  planPaste,
  serializeNotes,
  splitLines,
} from './clipboard';

describe('copy', () => {
  it('writes JSON relative to the group, the texts as plain text and both in HTML', () => {
    const forms = serializeNotes([
      note('a', { x: 100, y: 50, text: 'Pyörätiet <3 "åäö"', color: 'blue' }),
      note('b', { x: 300, y: 80, text: 'Två' }),
    ]);
    expect(forms).not.toBeNull();
    if (!forms) return;
    expect(forms.plain).toBe('Pyörätiet <3 "åäö"\n\nTvå');
    const payload = parsePayload(forms.json);
    expect(payload?.notes).toEqual([
      { dx: 0, dy: 0, w: 100, h: 100, color: 'blue', text: 'Pyörätiet <3 "åäö"' },
      { dx: 200, dy: 30, w: 100, h: 100, color: 'yellow', text: 'Två' },
    ]);
    expect(payloadFromHtml(forms.html)).toEqual(payload);
  });
  it('copies nothing from an empty selection', () => {
    expect(serializeNotes([])).toBeNull();
  });
});

describe('parsePayload (untrusted input)', () => {
  it('refuses what is not ours or is malformed', () => {
    expect(parsePayload('not json')).toBeNull();
    expect(parsePayload('{"paja":2,"notes":[]}')).toBeNull();
    expect(parsePayload('{"paja":1,"notes":[{"dx":"1","dy":0,"text":""}]}')).toBeNull();
    expect(parsePayload('{"paja":1,"notes":[{"dx":1e300,"dy":0,"text":""}]}')).toBeNull();
  });
  it('repairs what it can: unknown colour, missing or absurd size', () => {
    const parsed = parsePayload(
      '{"paja":1,"notes":[{"dx":0,"dy":0,"w":99999,"color":"neon","text":"x"}]}',
    );
    expect(parsed?.notes[0]).toEqual({ dx: 0, dy: 0, w: 1200, h: 160, color: 'yellow', text: 'x' });
  });
});

describe('splitLines', () => {
  it('makes one note per non-empty line, without list markers', () => {
    expect(splitLines('- yksi\r\n\n  * två \n• three\n2. neljä\n3) fem\n-5 astetta')).toEqual([
      'yksi',
      'två',
      'three',
      'neljä',
      'fem',
      '-5 astetta',
    ]);
  });
});

describe('spreadsheet rows', () => {
  it('maps a header row as the CSV import does, keeping quoted cells with tabs and newlines', () => {
    const sheet =
      'Teksti\tAihe\tVäri\nPyöräteitä\tLiikenne\tblue\n"Kaksi\nriviä"\tLiikenne\t\nPuistoja\t\t\n';
    const plan = planPaste({ plain: sheet });
    expect(plan).toEqual({
      kind: 'rows',
      confirm: false,
      notes: [
        { text: 'Pyöräteitä', topic: 'Liikenne', color: 'blue', author: '', organisation: '' },
        { text: 'Kaksi\nriviä', topic: 'Liikenne', color: null, author: '', organisation: '' },
        { text: 'Puistoja', topic: '', color: null, author: '', organisation: '' },
      ],
    });
  });

  it('without a header, each row is one note of its cells, nothing left out', () => {
    expect(planPaste({ plain: 'Kouluja\t2026\t\tEspoo\nKirjasto\t2030\n' })).toEqual({
      kind: 'rows',
      confirm: false,
      notes: [
        { text: 'Kouluja – 2026 – Espoo', topic: '', color: null, author: '', organisation: '' },
        { text: 'Kirjasto – 2030', topic: '', color: null, author: '', organisation: '' },
      ],
    });
  });

  it('text with a line without a tab is ordinary lines; limits hold for rows', () => {
    expect(planPaste({ plain: 'a\tb\nplain line' }).kind).toBe('lines');
    const many = Array.from({ length: 60 }, (_, i) => `row ${i}\tx`).join('\n');
    expect(planPaste({ plain: many })).toMatchObject({ kind: 'rows', confirm: true });
    const tooMany = Array.from({ length: 1001 }, (_, i) => `row ${i}\tx`).join('\n');
    expect(planPaste({ plain: tooMany })).toEqual({ kind: 'tooMany', count: 1001, limit: 1000 });
    const long = `a\tb\n${'x'.repeat(NOTE_MAX_TEXT)}\ty`;
    expect(planPaste({ plain: long })).toEqual({ kind: 'tooLong', line: 2, limit: NOTE_MAX_TEXT });
  });
});

describe('planPaste', () => {
  it('prefers our notes over the plain text that comes with them', () => {
    const forms = serializeNotes([note('a', { text: 'A' })]);
    const plan = planPaste({ custom: forms?.json, plain: 'ignored' });
    expect(plan.kind).toBe('notes');
    expect(planPaste({ html: forms?.html, plain: 'ignored' }).kind).toBe('notes');
  });
  it('splits plain text into lines and asks first above the threshold', () => {
    expect(planPaste({ plain: 'a\nb' })).toEqual({
      kind: 'lines',
      lines: ['a', 'b'],
      confirm: false,
    });
    const many = Array.from({ length: PASTE_CONFIRM_ABOVE + 1 }, (_, i) => `line ${i}`).join('\n');
    expect(planPaste({ plain: many })).toMatchObject({ kind: 'lines', confirm: true });
  });
  it('refuses too many lines or a line too long, whole', () => {
    const tooMany = Array.from({ length: PASTE_MAX_NOTES + 1 }, () => 'x').join('\n');
    expect(planPaste({ plain: tooMany })).toEqual({
      kind: 'tooMany',
      count: PASTE_MAX_NOTES + 1,
      limit: PASTE_MAX_NOTES,
    });
    const long = `ok\n${'x'.repeat(NOTE_MAX_TEXT + 1)}`;
    expect(planPaste({ plain: long })).toEqual({ kind: 'tooLong', line: 2, limit: NOTE_MAX_TEXT });
  });
  it('does nothing with an empty clipboard', () => {
    expect(planPaste({ plain: ' \n \n' })).toEqual({ kind: 'empty' });
    expect(planPaste({})).toEqual({ kind: 'empty' });
  });
});
