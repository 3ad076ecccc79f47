import { describe, expect, it } from 'vitest';
import {
  mayParticipant,
  mayPerson,
  PARTICIPANT_ACTIONS,
  type ParticipantAction,
  REFUSAL_MESSAGES,
  refusalReasonOf,
} from './permissions';
import { DEFAULT_PHASE, type PhaseSettings } from './records/meta';

const phase = (over: Partial<PhaseSettings> = {}): PhaseSettings => ({ ...DEFAULT_PHASE, ...over });
const reason = (action: ParticipantAction, context: Parameters<typeof mayParticipant>[1]) => {
  const decision = mayParticipant(action, context);
  return decision.allowed ? null : decision.reason;
};

describe('the participant permission table', () => {
  it('gives a workshop its defaults: own notes freely, others only moved, no structure', () => {
    const p = phase();
    expect(reason('addNote', { phase: p })).toBeNull();
    for (const action of ['moveNote', 'editNote', 'deleteNote', 'fileNote'] as const) {
      expect(reason(action, { phase: p, own: true }), action).toBeNull();
    }
    expect(reason('moveNote', { phase: p, own: false })).toBeNull();
    expect(reason('fileNote', { phase: p, own: false })).toBeNull();
    expect(reason('editNote', { phase: p, own: false })).toBe('closed.editOthers');
    expect(reason('deleteNote', { phase: p, own: false })).toBe('closed.deleteOthers');
    expect(reason('changeCluster', { phase: p })).toBe('closed.structure');
    expect(reason('changeRoadmap', { phase: p })).toBe('closed.structure');
    expect(reason('vote', { phase: p })).toBeNull();
    expect(reason('comment', { phase: p })).toBeNull();
  });

  it('gives the most fundamental reason first: facilitator only, frozen, locked, area, setting', () => {
    const everything = { own: false, locked: true, areaLocked: true };
    expect(reason('lock', { phase: phase({ frozen: true }), ...everything })).toBe(
      'facilitatorOnly',
    );
    expect(reason('editNote', { phase: phase({ frozen: true }), ...everything })).toBe('frozen');
    expect(reason('editNote', { phase: phase(), ...everything })).toBe('locked');
    expect(reason('editNote', { phase: phase(), own: false, areaLocked: true })).toBe('areaLocked');
    expect(reason('addNote', { phase: phase({ addNotes: false, frozen: true }) })).toBe('frozen');
  });

  it('lets a frozen board still be voted and commented on', () => {
    const p = phase({ frozen: true });
    expect(reason('vote', { phase: p })).toBeNull();
    expect(reason('comment', { phase: p })).toBeNull();
    expect(reason('moveNote', { phase: p, own: true })).toBe('frozen');
  });

  it('keeps locks, settings, vote sessions and moderation for facilitators', () => {
    for (const action of ['lock', 'changeSettings', 'runVotes', 'moderate'] as const) {
      expect(reason(action, { phase: phase() }), action).toBe('facilitatorOnly');
      expect(mayPerson('facilitator', action, { phase: phase() }).allowed).toBe(true);
    }
  });

  it('lets commenters only comment and viewers nothing', () => {
    for (const action of PARTICIPANT_ACTIONS) {
      const viewer = mayPerson('viewer', action, { phase: phase() });
      expect(viewer.allowed, action).toBe(false);
      const commenter = mayPerson('commenter', action, { phase: phase() });
      expect(commenter.allowed, action).toBe(action === 'comment');
    }
    expect(mayPerson('commenter', 'comment', { phase: phase({ comment: false }) })).toEqual({
      allowed: false,
      reason: 'closed.comment',
    });
  });

  it('has a message for every reason, short enough for a close frame, and reads it back', () => {
    for (const [key, message] of Object.entries(REFUSAL_MESSAGES)) {
      // ASCII, so characters are bytes; a close reason holds at most 123 bytes.
      expect(message).toMatch(/^[ -~]+$/);
      expect(`${message}: lock or unlock a cluster`.length).toBeLessThan(123);
      if (key !== 'closed.frozen') expect(refusalReasonOf(message)).toBe(key);
    }
    expect(refusalReasonOf('it is locked by a facilitator: note')).toBe('locked');
    expect(refusalReasonOf('something else')).toBeNull();
  });
});
