import { Group, Label, Layer, Path, Tag, Text } from 'react-konva';
import type { Awareness } from 'y-protocols/awareness';
import { usePeers } from './usePresence';

// A pointer arrow, 20 px tall, tip at (0, 0).
const ARROW = 'M0 0 L0 17 L4.5 13 L7.5 20 L10.5 18.8 L7.6 12 L13 12 Z';

/**
 * Other people's pointers with their names. A layer of its own that does not listen to
 * events: a cursor moving 20 times a second redraws this canvas only, never the notes.
 * Cursors keep their screen size at any zoom (scaled by 1 / zoom).
 */
export function CursorLayer({ awareness, scale }: { awareness: Awareness; scale: number }) {
  const peers = usePeers(awareness);
  const inverse = 1 / scale;
  return (
    <Layer listening={false}>
      {peers.map((peer) =>
        peer.isLocal || !peer.cursor ? null : (
          <Group
            key={peer.clientId}
            x={peer.cursor.x}
            y={peer.cursor.y}
            scaleX={inverse}
            scaleY={inverse}
          >
            <Path data={ARROW} fill={peer.user.color} stroke="#fff" strokeWidth={1.5} />
            <Label x={12} y={20}>
              <Tag fill={peer.user.color} cornerRadius={4} />
              <Text
                text={peer.user.name}
                fill="#fff"
                fontSize={12}
                fontStyle="bold"
                padding={4}
                fontFamily="system-ui, sans-serif"
              />
            </Label>
          </Group>
        ),
      )}
    </Layer>
  );
}
