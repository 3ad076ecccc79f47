import type { PrivateMode, VoteSessionView, VoteStatus } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { type MessageKey, type MessageParams, translate } from '../../i18n/messages';
import { NO_PRIVATE_STATE, type PrivateState } from '../session/PrivateBrainstorm';
import type { VoteState } from '../session/VoteClient';
import { phaseChanges, phasesOf } from './phaseAnnouncements';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const fi = (key: MessageKey, params?: MessageParams) => translate('fi', key, params);

const session = (over: Partial<VoteSessionView> = {}) =>
  ({
    id: 'v1',
    title: 'What first?',
    dotsPerPerson: 3,
    open: true,
    revealed: false,
    ...over,
  }) as VoteSessionView;
const status = (over: Partial<VoteStatus> = {}): VoteStatus => ({
  session: 'v1',
  open: true,
  remainingMs: null,
  voter: true,
  mine: {},
  left: 3,
  ...over,
});
const votes = (over: Partial<VoteState> = {}): VoteState => ({
  sessions: [],
  current: null,
  status: null,
  deadline: null,
  refusal: null,
  ...over,
});
const mode = (id: string) => ({ session: id }) as PrivateMode;
const brainstorm = (over: Partial<PrivateState> = {}): PrivateState => ({
  ...NO_PRIVATE_STATE,
  ...over,
});

const none = phasesOf(votes(), brainstorm());
const running = (over: Partial<VoteSessionView> = {}, voter = true) => {
  const s = session(over);
  return phasesOf(votes({ sessions: [s], current: s, status: status({ voter }) }), brainstorm());
};

describe('phaseChanges', () => {
  it('says a vote started, with its title and the dots this person has', () => {
    expect(phaseChanges(none, running(), 'participant', en)).toEqual([
      'A dot vote has started: “What first?”.',
      'You have 3 dots to place.',
    ]);
    expect(phaseChanges(none, running({ title: '', dotsPerPerson: 1 }), 'participant', fi)).toEqual(
      ['Pisteäänestys on alkanut.', 'Sinulla on 1 piste annettavana.'],
    );
    // Someone who does not vote hears of the vote, not of dots.
    expect(phaseChanges(none, running({ title: '' }, false), 'commenter', en)).toEqual([
      'A dot vote has started.',
    ]);
  });

  it('waits for the server’s status of a new vote, which says whether this person votes', () => {
    const s = session();
    const early = phasesOf(votes({ sessions: [s], current: s }), brainstorm());
    expect(phaseChanges(none, early, 'participant', en)).toEqual([]);
    expect(phaseChanges(early, running(), 'participant', en)).toHaveLength(2);
  });

  it('says voting closed once, and the results revealed', () => {
    const closed = running({ open: false });
    expect(phaseChanges(running(), closed, 'participant', en)).toEqual([
      'Voting has ended. The results appear when the facilitator reveals them.',
    ]);
    expect(phaseChanges(running(), closed, 'facilitator', en)).toEqual([
      'Voting has closed. Reveal the results when you are ready.',
    ]);
    // A timed vote: the server's status closes it before the document does.
    const s = session();
    const timedOut = phasesOf(
      votes({ sessions: [s], current: s, status: status({ open: false }) }),
      brainstorm(),
    );
    expect(phaseChanges(running(), timedOut, 'participant', en)).toHaveLength(1);
    expect(phaseChanges(closed, closed, 'participant', en)).toEqual([]);
    const revealed = phasesOf(
      votes({ sessions: [session({ open: false, revealed: true })] }),
      brainstorm(),
    );
    expect(phaseChanges(closed, revealed, 'participant', en)).toEqual([
      'The results of “What first?” are revealed, on the notes and in the Dot voting panel.',
    ]);
    // Revealed while still open: only the reveal is news.
    expect(phaseChanges(running(), revealed, 'participant', en)).toHaveLength(1);
  });

  it('says nothing of a discarded vote, nor when nothing changed', () => {
    expect(phaseChanges(running(), none, 'participant', en)).toEqual([]);
    expect(phaseChanges(running(), running(), 'participant', en)).toEqual([]);
  });

  it('says a private brainstorm started (what it means for this person) and its reveal', () => {
    const on = phasesOf(votes(), brainstorm({ mode: mode('p1') }));
    expect(phaseChanges(none, on, 'participant', en)).toEqual([
      'A private brainstorm has started: your new notes are visible only to you until the facilitator reveals them.',
    ]);
    expect(phaseChanges(none, on, 'facilitator', en)).toEqual([
      'Private brainstorm running: participants’ new notes are hidden until you reveal them.',
    ]);
    const revealed = phasesOf(
      votes(),
      brainstorm({ last: { session: 'p1', outcome: 'revealed' } }),
    );
    expect(phaseChanges(on, revealed, 'participant', en)).toEqual([
      'The private notes are now on the board for everyone.',
    ]);
    const discarded = phasesOf(
      votes(),
      brainstorm({ last: { session: 'p1', outcome: 'discarded' } }),
    );
    expect(phaseChanges(on, discarded, 'participant', en)).toEqual([]);
  });
});
