import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What instances tell each other about a board on its fan-out channel (never sent to clients).
 * Writers and readers side by side; a message that does not read cleanly is refused whole.
 *
 *   updates: 0, firstSeq, count, count x update   the updates a commit stored, numbered
 *   head:    1, lastSeq                           "storage holds the board through lastSeq"
 */
export type RelayMessage =
  | { kind: 'updates'; firstSeq: number; updates: Uint8Array[] }
  | { kind: 'head'; lastSeq: number };

const UPDATES = 0;
const HEAD = 1;

export function encodeRelayUpdates(firstSeq: number, updates: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, UPDATES);
  encoding.writeVarUint(encoder, firstSeq);
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeRelayHead(lastSeq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, HEAD);
  encoding.writeVarUint(encoder, lastSeq);
  return encoding.toUint8Array(encoder);
}

/** Reads a relay message; throws on anything else (an unknown kind, trailing bytes). */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  const decoder = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(decoder);
  let message: RelayMessage;
  if (kind === UPDATES) {
    const firstSeq = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    const updates: Uint8Array[] = [];
    for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
    message = { kind: 'updates', firstSeq, updates };
  } else if (kind === HEAD) {
    message = { kind: 'head', lastSeq: decoding.readVarUint(decoder) };
  } else {
    throw new Error(`unknown relay message kind ${kind}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a relay message');
  return message;
}
