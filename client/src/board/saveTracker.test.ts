import { decodeFrame, decodeSaveRequest, encodeSaved, MessageType, openFrame } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SaveTracker } from './saveTracker';

/** Just enough of a WebsocketProvider: the socket's sent save requests, and its sync event. */
function fakeProvider(online: boolean) {
  const requests: number[] = [];
  const syncListeners = new Set<(synced: boolean) => void>();
  const fake = {
    messageHandlers: [] as unknown[],
    wsconnected: online,
    synced: online,
    ws: {
      send(data: Uint8Array) {
        const marker = decodeFrame(data, MessageType.saveRequest, decodeSaveRequest);
        if (!marker.ok) throw new Error(marker.error.reason);
        requests.push(marker.value);
      },
    },
    on(_event: 'sync', listener: (synced: boolean) => void) {
      syncListeners.add(listener);
    },
    off(_event: 'sync', listener: (synced: boolean) => void) {
      syncListeners.delete(listener);
    },
    reconnect() {
      fake.wsconnected = true;
      fake.synced = true;
      for (const listener of syncListeners) listener(true);
    },
  };
  return { fake, provider: fake as unknown as WebsocketProvider, requests };
}

describe('SaveTracker', () => {
  it('confirms from the server’s saved message, and not from an undecodable one', () => {
    const doc = new Y.Doc();
    const { fake, provider } = fakeProvider(true);
    const tracker = new SaveTracker(doc, provider, () => undefined);
    doc.getMap('m').set('a', 1);
    const handle = (frame: Uint8Array) => {
      const opened = openFrame(frame);
      if (!opened.ok) throw new Error(opened.error.reason);
      const handler = fake.messageHandlers[MessageType.saved] as (e: null, d: unknown) => void;
      handler(null, opened.value.decoder);
    };
    handle(Uint8Array.from([...encodeSaved({ marker: 1, clocks: [[doc.clientID, 1]] }), 0]));
    expect(tracker.saved).toBe(false); // trailing byte: not a saved message
    handle(encodeSaved({ marker: 1, clocks: [[doc.clientID, 1]] }));
    expect(tracker.saved).toBe(true);
  });

  it('counts local changes and is saved once the server confirms them', () => {
    const doc = new Y.Doc();
    const { provider, requests } = fakeProvider(true);
    const states: boolean[] = [];
    const tracker = new SaveTracker(doc, provider, (saved) => states.push(saved));
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    expect(tracker.saved).toBe(false);
    expect(requests).toEqual([1, 2]);
    tracker.confirm(1);
    expect(tracker.saved).toBe(false);
    tracker.confirm(2);
    expect(tracker.saved).toBe(true);
    expect(states).toEqual([false, true]);
  });

  it('does not count updates from the server or from the local copy', () => {
    const doc = new Y.Doc();
    const { provider } = fakeProvider(true);
    const copy = Symbol('copy');
    const tracker = new SaveTracker(doc, provider, () => undefined, {
      notLocal: (origin) => origin === copy,
    });
    const other = new Y.Doc();
    other.getMap('m').set('x', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), provider);
    other.getMap('m').set('y', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), copy);
    expect(tracker.saved).toBe(true);
  });

  it('counts restored unconfirmed changes and asks for them after the sync', () => {
    const doc = new Y.Doc();
    const { fake, provider, requests } = fakeProvider(false);
    const tracker = new SaveTracker(doc, provider, () => undefined);
    const marker = tracker.addRestored();
    expect(tracker.saved).toBe(false);
    expect(requests).toEqual([]); // offline: nothing to ask yet
    doc.getMap('m').set('offline', true);
    fake.reconnect();
    expect(requests).toEqual([marker + 1]);
    tracker.confirm(marker);
    expect(tracker.saved).toBe(false);
    tracker.confirm(marker + 1);
    expect(tracker.saved).toBe(true);
  });

  it('is not saved while held, whatever the counters say', () => {
    const doc = new Y.Doc();
    const { provider } = fakeProvider(true);
    const states: boolean[] = [];
    const tracker = new SaveTracker(doc, provider, (saved) => states.push(saved));
    const release = tracker.hold();
    expect(tracker.saved).toBe(false);
    release();
    release(); // twice is once
    expect(tracker.saved).toBe(true);
    expect(states).toEqual([false, true]);
  });

  it('tells its listener each change with its marker, and each confirmation', () => {
    const doc = new Y.Doc();
    const { provider } = fakeProvider(true);
    const seen: string[] = [];
    const tracker = new SaveTracker(doc, provider, () => undefined, {
      listener: {
        changed: (update, marker) => seen.push(`changed ${marker} ${update.byteLength > 0}`),
        confirmed: (marker) => seen.push(`confirmed ${marker}`),
      },
    });
    doc.getMap('m').set('a', 1);
    tracker.confirm(1);
    tracker.confirm(1); // repeated: nothing new
    expect(seen).toEqual(['changed 1 true', 'confirmed 1']);
  });
});
