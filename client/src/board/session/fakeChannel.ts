// A test helper (not a test): a SaveChannel without a socket, for the save tracker's and the
// offline copy's unit tests. The session's own tests use a real channel and a fake server.
import { decodeFrame, decodeSaveRequest, MessageType, openFrame } from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import type { SaveChannel } from './saveTracker';

export interface FakeChannel extends SaveChannel {
  /** Markers of the save requests sent, in order. */
  readonly requests: number[];
  /** The socket opens and the first sync completes. */
  connect(): void;
  /** Delivers a server message (type first) to its handler. */
  receive(message: Uint8Array): void;
}

export function fakeChannel(online: boolean, remote: unknown = Symbol('server')): FakeChannel {
  const requests: number[] = [];
  const syncListeners = new Set<(synced: boolean) => void>();
  const handlers = new Map<number, (decoder: decoding.Decoder) => void>();
  let synced = online;
  return {
    requests,
    isRemote: (origin) => origin === remote,
    send(message) {
      if (!synced) return false;
      const marker = decodeFrame(message, MessageType.saveRequest, decodeSaveRequest);
      if (!marker.ok) throw new Error(marker.error.reason);
      requests.push(marker.value);
      return true;
    },
    handle: (type, handler) => handlers.set(type, handler),
    onSync(listener) {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
    connect() {
      synced = true;
      for (const listener of syncListeners) listener(true);
    },
    receive(message) {
      const frame = openFrame(message);
      if (!frame.ok) throw new Error(frame.error.reason);
      handlers.get(frame.value.type)?.(frame.value.decoder);
    },
  };
}
