import { MessageType } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** A sync "update" message carrying one Yjs update, ready to send to every receiver. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The `saved` message: the connection's highest save marker covered by the commit, and for each
 * client id, the clock below which its edits are durable.
 */
export function encodeSaved(
  marker: number,
  clients: Iterable<number>,
  durable: ReadonlyMap<number, number>,
): Uint8Array {
  const pairs = [...clients].map((client) => [client, durable.get(client) ?? 0] as const);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, marker);
  encoding.writeVarUint(encoder, pairs.length);
  for (const [client, clock] of pairs) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}
