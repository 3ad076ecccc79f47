import { DEFAULT_PHASE, type MetaView, type PhaseSettings, type Role } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import type { BoardSession } from '../session/BoardSession';
import { Store } from '../session/store';
import { authorityOf, decideNote, may } from './authority';

/** What authority.ts reads of a session: the board's meta and who the server says I am. */
function session(role: Role | null, phase: Partial<PhaseSettings> = {}): BoardSession {
  const meta = {
    phase: { ...DEFAULT_PHASE, ...phase },
    locks: { roadmap: false, clusters: false },
  };
  return {
    board: new Store({
      notes: [],
      meta: meta as MetaView,
      invalid: [],
      clusters: [],
      roadmap: { lanes: [], periods: [] },
    }),
    status: new Store({ welcome: role ? { role, participantId: 'me' } : null }),
  } as unknown as BoardSession;
}

const mine = note('a', { authorId: 'me' });
const theirs = note('b', { authorId: 'someone' });
const lockedTheirs = note('c', { authorId: 'someone', locked: true });

describe('one answer to "may I?" on the client', () => {
  it('asks the permission table with the phase and who wrote each note', () => {
    const s = session('participant', { moveOthers: false });
    expect(may(s, 'participant', 'moveNote', [mine])).toBe(true);
    expect(may(s, 'participant', 'moveNote', [mine, theirs])).toBe(false);
    // Locked notes are skipped by every operation, for everyone: they do not refuse a move.
    expect(may(s, 'participant', 'moveNote', [mine, lockedTheirs])).toBe(true);
    expect(
      may(session('facilitator', { moveOthers: false }), 'facilitator', 'moveNote', [theirs]),
    ).toBe(true);
  });

  it('agrees with the decisions the commands explain', () => {
    const s = session('participant', { editOthers: false, frozen: false });
    for (const n of [mine, theirs]) {
      expect(may(s, 'participant', 'editNote', [n])).toBe(
        decideNote(authorityOf(s), 'editNote', n).allowed,
      );
    }
    const frozen = session('participant', { frozen: true });
    expect(may(frozen, 'participant', 'addNote')).toBe(false);
  });

  it('leaves the decision to the server while the role is unknown', () => {
    expect(may(session(null, { frozen: true }), null, 'addNote')).toBe(true);
  });
});
