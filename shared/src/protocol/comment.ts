import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type CommentAnchor, readAnchor } from '../records/comment';
import { type Decoded, type DecodeError, decoded, readJsonObject, readPayload } from './decode';
import { MessageType } from './messageType';

/*
 * Comments: the only way a commenter writes to a board. The client asks (`comment`), the
 * server checks the request, writes the comment into the document itself under the
 * connection's participant id, and answers (`commentResult`).
 */

/**
 * `comment` (103), client -> server. Payload: a varString with a JSON object: `request`,
 * `text`, `authorName`, and either `anchor` (starts a thread) or `replyTo` (answers one).
 * The author id is never in it: the server uses the connection's.
 */
export type CommentRequest = {
  /** Chosen by the client; the answer carries it back. */
  request: number;
  text: string;
  authorName: string;
  /**
   * The comment form's honeypot: a field people never see and never fill, which form-filling
   * bots do. Absent or empty from every honest client; anything else is dropped unseen.
   */
  website?: string;
} & ({ anchor: CommentAnchor } | { replyTo: string });

/**
 * Why a comment request could not be read. When its `request` number could be read, the
 * server answers that request with the reason (the person sees it); otherwise the frame is
 * not a comment request at all and the connection closes with 4400.
 */
export interface CommentDecodeError extends DecodeError {
  readonly request?: number;
}

export function encodeComment(comment: CommentRequest): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.comment);
  const target = 'replyTo' in comment ? { replyTo: comment.replyTo } : { anchor: comment.anchor };
  const { request, text, authorName, website } = comment;
  const trap = website ? { website } : {};
  encoding.writeVarString(
    encoder,
    JSON.stringify({ request, text, authorName, ...target, ...trap }),
  );
  return encoding.toUint8Array(encoder);
}

export function decodeComment(
  decoder: decoding.Decoder,
): Decoded<CommentRequest, CommentDecodeError> {
  return readPayload(decoder, (d): Decoded<CommentRequest, CommentDecodeError> => {
    const body = readJsonObject(
      d,
      ['request'],
      ['text', 'authorName', 'anchor', 'replyTo', 'website'],
    );
    if (!body.ok) return body;
    const { request, text, authorName, anchor, replyTo, website } = body.value;
    if (typeof request !== 'number' || !Number.isSafeInteger(request)) {
      return { ok: false, error: { reason: 'comment request has no request number' } };
    }
    const refuse = (reason: string) => ({ ok: false, error: { reason, request } }) as const;
    if (typeof text !== 'string' || typeof authorName !== 'string') {
      return refuse('text and authorName must be strings');
    }
    if (website !== undefined && typeof website !== 'string') {
      return refuse('website must be a string');
    }
    const trap = website ? { website } : {};
    if (replyTo !== undefined) {
      if (anchor !== undefined) return refuse('a comment has an anchor or replyTo, not both');
      if (typeof replyTo !== 'string') return refuse('replyTo must be a comment id');
      return decoded({ request, text, authorName, replyTo, ...trap });
    }
    const read = readAnchor(anchor);
    if (typeof read === 'string') return refuse(`Bad anchor: ${read}`);
    return decoded({ request, text, authorName, anchor: read, ...trap });
  });
}

/**
 * `commentResult` (104), server -> client. Payload: a varString with the JSON object
 * `{ request, ok: true, id }` (with `pending: true` when the comment waits for a moderator
 * instead of being written into the board) or `{ request, ok: false, error }`.
 */
export type CommentResult =
  | { request: number; ok: true; id: string; pending?: true }
  | { request: number; ok: false; error: string };

export function encodeCommentResult(result: CommentResult): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.commentResult);
  const held = result.ok && result.pending ? { pending: true } : {};
  const body = result.ok
    ? { request: result.request, ok: true, id: result.id, ...held }
    : { request: result.request, ok: false, error: result.error };
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

export function decodeCommentResult(decoder: decoding.Decoder): Decoded<CommentResult> {
  return readPayload(decoder, (d): Decoded<CommentResult> => {
    const body = readJsonObject(d, ['request', 'ok'], ['id', 'error', 'pending']);
    if (!body.ok) return body;
    const { request, ok, id, error, pending } = body.value;
    if (typeof request !== 'number' || !Number.isSafeInteger(request)) {
      return { ok: false, error: { reason: 'commentResult has no request number' } };
    }
    if (ok === true && typeof id === 'string' && error === undefined) {
      if (pending === true) return decoded({ request, ok, id, pending });
      if (pending === undefined) return decoded({ request, ok, id });
    }
    if (ok === false && typeof error === 'string' && id === undefined && pending === undefined) {
      return decoded({ request, ok, error });
    }
    return { ok: false, error: { reason: 'commentResult is neither an id nor an error' } };
  });
}
