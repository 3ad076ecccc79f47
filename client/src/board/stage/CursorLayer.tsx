import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Group, Label, Layer, Path, Tag, Text } from 'react-konva';
import type { Awareness } from 'y-protocols/awareness';
import { follow } from '../canvas/motion';
import type { Point } from '../canvas/viewport';
import { parsePresence } from '../presence/presence';
import { useParticipants } from '../presence/usePresence';

// A pointer arrow, 20 px tall, tip at (0, 0).
const ARROW = 'M0 0 L0 17 L4.5 13 L7.5 20 L10.5 18.8 L7.6 12 L13 12 Z';

/**
 * Other people's pointers with their names, on a layer of its own that listens to nothing:
 * a cursor moving redraws this canvas only, never the notes. React renders a cursor when a
 * person arrives, leaves or is renamed; the movement itself is animated outside React, each
 * frame easing every cursor toward its latest reported position (motion.ts), so pointers that
 * arrive 20 times a second still glide. Cursors keep their screen size at any zoom.
 */
export function CursorLayer({ awareness, scale }: { awareness: Awareness; scale: number }) {
  const peers = useParticipants(awareness);
  const layerRef = useRef<Konva.Layer>(null);
  const nodes = useRef(new Map<number, Konva.Group>());
  const targets = useRef(new Map<number, Point | null>());
  const shown = useRef(new Map<number, Point>());

  useEffect(() => {
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      frame = 0;
      const dt = Math.min(100, now - last);
      last = now;
      let moving = false;
      for (const [clientId, node] of nodes.current) {
        const target = targets.current.get(clientId) ?? null;
        if (!target) {
          node.visible(false);
          shown.current.delete(clientId);
          continue;
        }
        const from = shown.current.get(clientId) ?? target;
        const next = follow(from, target, dt);
        shown.current.set(clientId, next);
        node.visible(true);
        node.position(next);
        if (next.x !== target.x || next.y !== target.y) moving = true;
      }
      layerRef.current?.batchDraw();
      if (moving) frame = requestAnimationFrame(tick);
    };
    const onChange = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        targets.current.set(clientId, parsePresence(state)?.cursor ?? null);
      }
      for (const clientId of targets.current.keys()) {
        if (!awareness.getStates().has(clientId)) targets.current.delete(clientId);
      }
      if (frame === 0) {
        last = performance.now();
        frame = requestAnimationFrame(tick);
      }
    };
    onChange();
    awareness.on('change', onChange);
    return () => {
      awareness.off('change', onChange);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [awareness]);

  const inverse = 1 / scale;
  return (
    // Hidden while nobody else is here: Chromium copies every shown canvas at each frame.
    <Layer ref={layerRef} listening={false} visible={peers.some((peer) => !peer.isLocal)}>
      {peers.map((peer) =>
        peer.isLocal ? null : (
          <Group
            key={peer.clientId}
            ref={(node) => {
              if (node) {
                nodes.current.set(peer.clientId, node);
                const at = shown.current.get(peer.clientId) ?? peer.cursor;
                if (at) node.position(at);
                node.visible(at !== null);
              } else {
                nodes.current.delete(peer.clientId);
              }
            }}
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
