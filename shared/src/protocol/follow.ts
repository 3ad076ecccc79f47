import * as decoding from 'lib0/decoding';
import { BOARD_EXTENT } from '../schema';
import {
  type Decoded,
  decoded,
  encodeKindJson,
  failed,
  readJsonObject,
  readPayload,
} from './decode';
import { MessageType } from './messageType';

/*
 * The follow family (109): a facilitator brings everyone to her view once (`summon`), or
 * leads (follow-me: the others keep following her view until they move away or she stops).
 * A frame is: varUint 109, varUint kind, then a varString holding a JSON object.
 *
 * While someone leads, the followers read her current view from awareness (`view` in her
 * awareness state, which the server lets only her connection set), the same place from
 * which anyone can follow any other person individually; this family carries only who leads
 * and the one-off summons, because those are what only facilitators may do.
 */

export const FollowKind = {
  /** Facilitator -> server: bring everyone to this view, once. */
  summon: 0,
  /** Facilitator -> server: start (`on: true`) or stop leading. */
  lead: 1,
  /** Server -> everyone else: go to this view (a facilitator's summons). */
  summoned: 2,
  /** Server -> everyone: who leads now (null: nobody); sent on join and on every change. */
  leader: 3,
} as const;

/**
 * The part of the board a person sees, in board coordinates: the rectangle of her screen.
 * A follower fits it into her own screen, so a phone shows the whole of a projector's view.
 */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Leader {
  /** The leader's participant id (her `user.id` in awareness), or null when nobody leads. */
  participantId: string | null;
}

export type FollowMessage =
  | { kind: 'summon'; view: ViewRect }
  | { kind: 'lead'; on: boolean }
  | { kind: 'summoned'; view: ViewRect; by: string }
  | { kind: 'leader'; leader: Leader };

function frame(kind: number, body: unknown): Uint8Array<ArrayBuffer> {
  return encodeKindJson(MessageType.follow, kind, body);
}

const viewOf = ({ x, y, width, height }: ViewRect): ViewRect => ({ x, y, width, height });

export function encodeFollow(message: FollowMessage): Uint8Array<ArrayBuffer> {
  switch (message.kind) {
    case 'summon':
      return frame(FollowKind.summon, { view: viewOf(message.view) });
    case 'lead':
      return frame(FollowKind.lead, { on: message.on });
    case 'summoned':
      return frame(FollowKind.summoned, { view: viewOf(message.view), by: message.by });
    case 'leader':
      return frame(FollowKind.leader, { participantId: message.leader.participantId });
  }
}

/** Decodes any kind; the caller checks that the kind is one its side may receive. */
export function decodeFollow(decoder: decoding.Decoder): Decoded<FollowMessage> {
  return readPayload(decoder, (d): Decoded<FollowMessage> => {
    const kind = decoding.readVarUint(d);
    switch (kind) {
      case FollowKind.summon: {
        const body = readJsonObject(d, ['view']);
        if (!body.ok) return body;
        const view = readViewRect(body.value.view);
        return typeof view === 'string' ? failed(view) : decoded({ kind: 'summon', view });
      }
      case FollowKind.lead: {
        const body = readJsonObject(d, ['on']);
        if (!body.ok) return body;
        const on = body.value.on;
        if (typeof on !== 'boolean') return failed('on is not a boolean');
        return decoded({ kind: 'lead', on });
      }
      case FollowKind.summoned: {
        const body = readJsonObject(d, ['view', 'by']);
        if (!body.ok) return body;
        const view = readViewRect(body.value.view);
        if (typeof view === 'string') return failed(view);
        const by = body.value.by;
        if (typeof by !== 'string' || by === '') return failed('by is not a participant id');
        return decoded({ kind: 'summoned', view, by });
      }
      case FollowKind.leader: {
        const body = readJsonObject(d, ['participantId']);
        if (!body.ok) return body;
        const id = body.value.participantId;
        if (id !== null && (typeof id !== 'string' || id === '')) {
          return failed('participantId is neither null nor a participant id');
        }
        return decoded({ kind: 'leader', leader: { participantId: id } });
      }
      default:
        return failed('unknown follow message kind');
    }
  });
}

/**
 * Reads a view from untrusted JSON (a message, or someone's awareness state): inside the
 * board's extent, with a positive size. The view, or why not.
 */
export function readViewRect(value: unknown): ViewRect | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'view is not an object';
  }
  const v = value as Record<string, unknown>;
  if (Object.keys(v).sort().join(',') !== 'height,width,x,y') {
    return 'a view has exactly x, y, width and height';
  }
  const { x, y, width, height } = v;
  const within = (n: unknown, min: number): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= min && n <= 2 * BOARD_EXTENT;
  if (!within(x, -2 * BOARD_EXTENT) || !within(y, -2 * BOARD_EXTENT)) {
    return 'view position is outside the board';
  }
  if (!within(width, 0) || !within(height, 0) || width === 0 || height === 0) {
    return 'view size is not positive';
  }
  return { x, y, width, height };
}
