import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import {
  type DragPreview,
  type Peer,
  type PeerActivity,
  parseActivity,
  peerDrags,
  readPeers,
} from './presence';

/**
 * Subscribes to awareness but re-renders only when `select` yields a different key: the
 * participant list must not re-render 20 times a second because someone moves their pointer.
 */
function useAwarenessSelection<T>(
  awareness: Awareness,
  select: (peers: Peer[]) => { key: string; value: T },
): T {
  const [selected, setSelected] = useState(() =>
    select(readPeers(awareness.getStates(), awareness.clientID)),
  );
  useEffect(() => {
    const onChange = () => {
      const next = select(readPeers(awareness.getStates(), awareness.clientID));
      setSelected((current) => (current.key === next.key ? current : next));
    };
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, select]);
  return selected.value;
}

function selectParticipants(peers: Peer[]) {
  return {
    key: peers.map((p) => `${p.clientId}:${p.user.id}:${p.user.color}:${p.user.name}`).join('\n'),
    value: peers,
  };
}

function selectDrags(peers: Peer[]) {
  const { key, drags } = peerDrags(peers);
  return { key, value: drags as ReadonlyMap<string, DragPreview> };
}

/** Everyone on the board, me included. */
export function useParticipants(awareness: Awareness): Peer[] {
  return useAwarenessSelection(awareness, selectParticipants);
}

/** Notes other people are dragging or resizing right now, by note id. */
export function usePeerDrags(awareness: Awareness): ReadonlyMap<string, DragPreview> {
  return useAwarenessSelection(awareness, selectDrags);
}

/**
 * Other people's selections and group drags. Re-renders only when one of them changes, not
 * when someone merely moves their pointer (that is the cursor layer's business).
 */
export function usePeerActivity(awareness: Awareness): PeerActivity[] {
  const [state, setState] = useState<{ key: string; value: PeerActivity[] }>({
    key: '',
    value: [],
  });
  useEffect(() => {
    const onChange = () => {
      const states = awareness.getStates();
      const value: PeerActivity[] = [];
      for (const peer of readPeers(states, awareness.clientID)) {
        if (peer.isLocal) continue;
        const activity = parseActivity(states.get(peer.clientId));
        if (activity.moving === null && activity.selection.length === 0) continue;
        value.push({ clientId: peer.clientId, color: peer.user.color, ...activity });
      }
      const key = JSON.stringify(value);
      setState((current) => (current.key === key ? current : { key, value }));
    };
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return state.value;
}
