import { MessageType } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Makes the provider send only this client's own awareness state. Stock y-websocket re-sends
 * every awareness change it hears, other people's included: in a room of n people each cursor
 * move then reaches the server n times, and Paja's server closes a connection that sends
 * another connection's state (4422). The server relays everyone's state; we send only ours.
 * Returns a function that undoes the change.
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider): () => void {
  const { awareness, doc } = provider;
  const own = doc.clientID;
  awareness.off('update', provider._awarenessUpdateHandler);
  const onUpdate = ({ added, updated, removed }: AwarenessChange) => {
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [own]));
    ws.send(encoding.toUint8Array(encoder));
  };
  awareness.on('update', onUpdate);
  return () => awareness.off('update', onUpdate);
}
