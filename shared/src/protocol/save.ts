import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type Decoded, decoded, failed, readPayload } from './decode';
import { MessageType } from './messageType';

/*
 * The "saved means stored" conversation: a Paja client sends `saveRequest` with a marker
 * after its changes; the server answers `saved` after the commit that covers them.
 */

/**
 * `saved` (100), server -> Paja client. Payload: varUint marker, varUint n, then n pairs
 * (varUint Yjs client id, varUint clock).
 */
export interface Saved {
  /** The highest `saveRequest` marker the commit covers, 0 if none. */
  marker: number;
  /** Per Yjs client id the connection sent: every update below that clock is stored. */
  clocks: Array<[client: number, clock: number]>;
}

export function encodeSaved(saved: Saved): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, saved.marker);
  encoding.writeVarUint(encoder, saved.clocks.length);
  for (const [client, clock] of saved.clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeSaved(decoder: decoding.Decoder): Decoded<Saved> {
  return readPayload(decoder, (d) => {
    const marker = decoding.readVarUint(d);
    const n = decoding.readVarUint(d);
    // Each pair takes at least two bytes: a larger count is a lie, refused before looping.
    if (n * 2 > d.arr.length - d.pos) return failed('saved announces more pairs than it holds');
    const clocks: Saved['clocks'] = [];
    for (let i = 0; i < n; i++) clocks.push([decoding.readVarUint(d), decoding.readVarUint(d)]);
    return decoded({ marker, clocks });
  });
}

/**
 * `saveRequest` (102), client -> server. Payload: varUint marker. "Tell me when everything I
 * sent before this is stored"; deletions, which do not advance a Yjs clock, included.
 */
export function encodeSaveRequest(marker: number): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saveRequest);
  encoding.writeVarUint(encoder, marker);
  return encoding.toUint8Array(encoder);
}

export function decodeSaveRequest(decoder: decoding.Decoder): Decoded<number> {
  return readPayload(decoder, (d) => decoded(decoding.readVarUint(d)));
}
