import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * How every decoder in this folder answers: the typed message, or why the bytes are not one.
 * Decoders never throw: a peer's bytes are untrusted input, and the caller decides what a
 * failure costs (the server closes the connection with 4400; the client ignores or stops).
 */
export type Decoded<T, E extends DecodeError = DecodeError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export interface DecodeError {
  /** Short and safe to log or send back: it never quotes the input. */
  readonly reason: string;
}

export function decoded<T>(value: T): Decoded<T, never> {
  return { ok: true, value };
}

export function failed(reason: string): Decoded<never> {
  return { ok: false, error: { reason } };
}

/**
 * Reads one payload from a decoder that has just read the message type (as the server's
 * dispatch and y-websocket's `messageHandlers` leave it), then checks that nothing follows:
 * a frame holds exactly one message. A frame cut short (lib0 throws) is a failure too.
 */
export function readPayload<T, E extends DecodeError>(
  decoder: decoding.Decoder,
  read: (decoder: decoding.Decoder) => Decoded<T, E>,
): Decoded<T, E | DecodeError> {
  let result: Decoded<T, E>;
  try {
    result = read(decoder);
  } catch {
    return failed('message is cut short or holds an integer out of range');
  }
  if (!result.ok) return result;
  if (decoding.hasContent(decoder)) return failed('trailing bytes after message');
  return result;
}

/** The message type at the start of a whole frame, and a decoder positioned after it. */
export function openFrame(frame: Uint8Array): Decoded<{ type: number; decoder: decoding.Decoder }> {
  const decoder = decoding.createDecoder(frame);
  try {
    return decoded({ type: decoding.readVarUint(decoder), decoder });
  } catch {
    return failed('frame has no message type');
  }
}

/**
 * Reads a varString holding a JSON object whose keys are all in `required` or `optional`.
 * Unknown keys are refused: a field this version does not know is a field it cannot check.
 */
export function readJsonObject(
  decoder: decoding.Decoder,
  required: readonly string[],
  optional: readonly string[] = [],
): Decoded<Record<string, unknown>> {
  const text = decoding.readVarString(decoder); // a short frame throws: readPayload says so
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failed('payload is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failed('payload is not a JSON object');
  }
  const body = parsed as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!required.includes(key) && !optional.includes(key)) return failed(`unknown field ${key}`);
  }
  for (const key of required) {
    if (!(key in body)) return failed(`missing field ${key}`);
  }
  return decoded(body);
}

export function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Decodes a whole frame that must be of `type` (tests, load generators, tools). */
export function decodeFrame<T, E extends DecodeError>(
  frame: Uint8Array,
  type: number,
  decode: (decoder: decoding.Decoder) => Decoded<T, E>,
): Decoded<T, E | DecodeError> {
  const opened = openFrame(frame);
  if (!opened.ok) return opened;
  if (opened.value.type !== type) return failed(`expected message type ${type}`);
  return decode(opened.value.decoder);
}

/**
 * A whole frame of a family whose payload is a varUint kind and a JSON object (timer, follow,
 * moderation): the writing side of `readJsonObject` after a kind.
 */
export function encodeKindJson(type: number, kind: number, body: unknown): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}
