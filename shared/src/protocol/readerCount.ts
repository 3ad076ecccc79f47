import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type Decoded, decoded, readPayload } from './decode';
import { MessageType } from './messageType';

/**
 * `readerCount` (111), server -> Paja client. Payload: varUint, how many people are on the
 * board now (distinct participants, every role). Only a count, never who: public readers show
 * no cursor and no name. The server batches it: at most once a second per board, and only
 * when the number changed.
 */
export function encodeReaderCount(count: number): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.readerCount);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

export function decodeReaderCount(decoder: decoding.Decoder): Decoded<number> {
  return readPayload(decoder, (d) => decoded(decoding.readVarUint(d)));
}
