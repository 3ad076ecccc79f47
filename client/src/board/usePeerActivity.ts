import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers } from '../presence';
import { type PeerActivity, parseActivity } from './boardPresence';

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
