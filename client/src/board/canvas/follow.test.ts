import { describe, expect, it } from 'vitest';
import { type FollowState, NOT_FOLLOWING, nextFollow, viewportShowing, viewRectOf } from './follow';

describe('following a view', () => {
  it('a view rect round-trips through a screen of the same size', () => {
    const size = { width: 1280, height: 720 };
    const view = { x: -300, y: 150, scale: 0.5 };
    const rect = viewRectOf(view, size);
    expect(rect).toEqual({ x: 600, y: -300, width: 2560, height: 1440 });
    const back = viewportShowing(rect, size);
    expect(back.scale).toBeCloseTo(0.5);
    expect(back.x).toBeCloseTo(-300);
    expect(back.y).toBeCloseTo(150);
  });

  it('a narrow screen shows the whole of a wide view, centred', () => {
    const rect = { x: 0, y: 0, width: 1500, height: 1000 };
    const phone = viewportShowing(rect, { width: 375, height: 700 });
    expect(phone.scale).toBeCloseTo(0.25);
    // The rect's centre is at the phone's centre.
    expect(750 * phone.scale + phone.x).toBeCloseTo(187.5);
    expect(500 * phone.scale + phone.y).toBeCloseTo(350);
  });
});

describe('who this person follows', () => {
  const me = 'p-me';
  const leads = (state: FollowState, leader: string | null) =>
    nextFollow(state, { type: 'leader', leader, me });

  it('follows a leader until moving away, and may follow again', () => {
    let state = leads(NOT_FOLLOWING, 'p-fac');
    expect(state).toEqual({ leader: 'p-fac', following: 'p-fac' });
    state = nextFollow(state, { type: 'stop' });
    expect(state).toEqual({ leader: 'p-fac', following: null });
    state = nextFollow(state, { type: 'follow', participantId: 'p-fac', me });
    expect(state).toEqual({ leader: 'p-fac', following: 'p-fac' });
    expect(leads(state, null)).toEqual(NOT_FOLLOWING);
  });

  it('a leader leading again brings back those who moved away', () => {
    const moved = { leader: 'p-fac', following: null };
    expect(leads(moved, 'p-fac')).toEqual({ leader: 'p-fac', following: 'p-fac' });
  });

  it('never follows oneself, and the leader does not follow her own lead', () => {
    expect(leads(NOT_FOLLOWING, me)).toEqual(NOT_FOLLOWING);
    expect(nextFollow(NOT_FOLLOWING, { type: 'follow', participantId: me, me })).toBe(
      NOT_FOLLOWING,
    );
  });

  it('keeps following a chosen person when a leader stops', () => {
    const chosen = nextFollow(NOT_FOLLOWING, { type: 'follow', participantId: 'p-anna', me });
    expect(chosen).toEqual({ leader: null, following: 'p-anna' });
    expect(leads(chosen, null)).toEqual(chosen);
    // A leader takes over from a chosen person; when she stops, nobody is followed.
    expect(leads(leads(chosen, 'p-fac'), null)).toEqual(NOT_FOLLOWING);
  });
});
