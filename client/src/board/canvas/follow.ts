import type { ViewRect } from '@paja/shared';
import { fitBounds, type Size, type Viewport } from './viewport';

/**
 * Following another person's view: the math, and who this person follows. A view travels as
 * the board rectangle a screen shows (`ViewRect`), so a phone following a projector fits the
 * projector's whole view into its own screen rather than copying a scale made for another size.
 */

/** The board rectangle `view` shows on a screen of `size`. */
export function viewRectOf(view: Viewport, size: Size): ViewRect {
  return {
    x: -view.x / view.scale,
    y: -view.y / view.scale,
    width: Math.max(1, size.width) / view.scale,
    height: Math.max(1, size.height) / view.scale,
  };
}

/** The viewport that shows `rect` whole and centred on a screen of `size`. */
export function viewportShowing(rect: ViewRect, size: Size): Viewport {
  return fitBounds({ x: rect.x, y: rect.y, w: rect.width, h: rect.height }, size, 0, Infinity);
}

/**
 * Who this person follows. `leader` is the facilitator leading follow-me (never this person
 * herself); `following` is whose view this screen shows now, the leader's or anyone's chosen
 * from the participant list. Moving the view oneself stops following; while a leader still
 * leads, the page offers to follow again.
 */
export interface FollowState {
  readonly leader: string | null;
  readonly following: string | null;
}

export const NOT_FOLLOWING: FollowState = { leader: null, following: null };

export type FollowEvent =
  /** The server says who leads now. */
  | { type: 'leader'; leader: string | null; me: string | null }
  /** This person chose to follow someone (from the participant list, or "follow again"). */
  | { type: 'follow'; participantId: string; me: string | null }
  /** This person moved the view herself, or pressed "stop following". */
  | { type: 'stop' };

export function nextFollow(state: FollowState, event: FollowEvent): FollowState {
  switch (event.type) {
    case 'leader': {
      const leader = event.leader === event.me ? null : event.leader;
      if (leader !== null) return { leader, following: leader };
      // Leading ended (or passed to me): stop following the old leader, keep a chosen person.
      const following = state.following === state.leader ? null : state.following;
      return { leader: null, following };
    }
    case 'follow':
      if (event.participantId === event.me) return state;
      return { leader: state.leader, following: event.participantId };
    case 'stop':
      return state.following === null ? state : { leader: state.leader, following: null };
  }
}
