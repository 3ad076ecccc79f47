import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isSupportKind, type SupportTarget } from '../records/support';
import { isRefId } from '../values';
import type { CommentDecodeError } from './comment';
import { type Decoded, decoded, readJsonObject, readPayload } from './decode';
import { MessageType } from './messageType';

/*
 * Comment actions: what a person does to something already on the board besides writing a
 * comment. The server checks each (role, phase, publication, who is asking), writes it into
 * the document itself and answers with `commentResult` (104) under the same request number,
 * the target's id as `id`.
 */

/**
 * support    give my +1 to a note or a comment (once per person per item)
 * unsupport  take my +1 back
 * resolve    mark a comment's thread resolved (facilitators)
 * reopen     mark it open again (facilitators)
 */
export const COMMENT_ACTIONS = ['support', 'unsupport', 'resolve', 'reopen'] as const;
export type CommentActionKind = (typeof COMMENT_ACTIONS)[number];

/**
 * `commentAction` (112), client -> server. Payload: a varString with the JSON object
 * `{ request, action, target: { kind: "note" | "comment", id } }`; resolve and reopen take a
 * comment. The person is never in it: the server uses the connection's participant id.
 */
export interface CommentAction {
  request: number;
  action: CommentActionKind;
  target: SupportTarget;
}

export function encodeCommentAction(action: CommentAction): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.commentAction);
  const { request, target } = action;
  const body = { request, action: action.action, target: { kind: target.kind, id: target.id } };
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

/** As `decodeComment`: a readable request number with bad fields gets an answer, not a close. */
export function decodeCommentAction(
  decoder: decoding.Decoder,
): Decoded<CommentAction, CommentDecodeError> {
  return readPayload(decoder, (d): Decoded<CommentAction, CommentDecodeError> => {
    const body = readJsonObject(d, ['request'], ['action', 'target']);
    if (!body.ok) return body;
    const { request, action, target } = body.value;
    if (typeof request !== 'number' || !Number.isSafeInteger(request)) {
      return { ok: false, error: { reason: 'comment action has no request number' } };
    }
    const refuse = (reason: string) => ({ ok: false, error: { reason, request } }) as const;
    if (!(COMMENT_ACTIONS as readonly unknown[]).includes(action)) {
      return refuse('unknown comment action');
    }
    if (typeof target !== 'object' || target === null || Array.isArray(target)) {
      return refuse('target must be an object');
    }
    const keys = Object.keys(target);
    const { kind, id } = target as Record<string, unknown>;
    if (keys.length !== 2 || !isSupportKind(kind) || !isRefId(id)) {
      return refuse('target must be { kind: "note" | "comment", id }');
    }
    const kindOf = action as CommentActionKind;
    if ((kindOf === 'resolve' || kindOf === 'reopen') && kind !== 'comment') {
      return refuse('only a comment thread can be resolved');
    }
    return decoded({ request, action: kindOf, target: { kind, id } });
  });
}
