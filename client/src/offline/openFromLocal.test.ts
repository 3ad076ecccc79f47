import { describe, expect, it } from 'vitest';
import { type LocalBoard, parseLocalBoard, rememberedWelcome, tokenTag } from './localBoards';
import { openFromLocal } from './openFromLocal';

const copy: LocalBoard = {
  title: 'Tiekartta 2030',
  welcome: { participantId: 'p1', role: 'participant', tokenTag: tokenTag('tok') },
};

describe('openFromLocal', () => {
  it('opens the local copy at once and when the server cannot be reached', () => {
    for (const kind of ['loading', 'network-error', 'unavailable'] as const) {
      expect(openFromLocal('board1234', { kind }, copy)).toEqual({
        kind: 'found',
        id: 'board1234',
        title: 'Tiekartta 2030',
        role: 'participant',
        organisations: [],
      });
    }
  });

  it('never opens a board the server refused, and changes nothing without a copy', () => {
    expect(openFromLocal('board1234', { kind: 'not-found' }, copy)).toEqual({ kind: 'not-found' });
    expect(openFromLocal('board1234', { kind: 'no-access' }, copy)).toEqual({ kind: 'no-access' });
    expect(openFromLocal('board1234', { kind: 'network-error' }, null)).toEqual({
      kind: 'network-error',
    });
  });
});

describe('the local board record', () => {
  it('gives the remembered welcome only for the token it came with', () => {
    expect(rememberedWelcome(copy, 'tok')).toEqual({ participantId: 'p1', role: 'participant' });
    expect(rememberedWelcome(copy, 'other')).toBeNull();
    expect(rememberedWelcome(null, 'tok')).toBeNull();
  });

  it('reads what it wrote and refuses what it did not', () => {
    expect(parseLocalBoard(JSON.stringify(copy))).toEqual(copy);
    expect(parseLocalBoard('not json')).toBeNull();
    expect(parseLocalBoard(JSON.stringify({ title: 5, welcome: { role: 'king' } }))).toEqual({
      title: '',
      welcome: null,
    });
  });
});
