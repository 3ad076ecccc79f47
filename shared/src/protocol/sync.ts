import * as encoding from 'lib0/encoding';
import { MessageType } from './messageType';

/** The steps of y-protocols' sync message (0), as y-protocols/sync.js numbers them. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/**
 * A y-protocols sync "update" frame carrying one Yjs update, as the server relays every change:
 * encoded once, sent to every receiver. Reading sync and awareness frames is y-protocols' job.
 */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncStep.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
