import { encodeSaved } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fakeChannel } from './fakeChannel';
import { SaveTracker } from './saveTracker';

describe('SaveTracker', () => {
  it('confirms from the server’s saved message, and not from an undecodable one', () => {
    const doc = new Y.Doc();
    const channel = fakeChannel(true);
    const tracker = new SaveTracker(doc, channel, () => undefined);
    doc.getMap('m').set('a', 1);
    channel.receive(
      Uint8Array.from([...encodeSaved({ marker: 1, clocks: [[doc.clientID, 1]] }), 0]),
    );
    expect(tracker.saved).toBe(false); // trailing byte: not a saved message
    channel.receive(encodeSaved({ marker: 1, clocks: [[doc.clientID, 1]] }));
    expect(tracker.saved).toBe(true);
  });

  it('counts local changes and is saved once the server confirms them', () => {
    const doc = new Y.Doc();
    const channel = fakeChannel(true);
    const { requests } = channel;
    const states: boolean[] = [];
    const tracker = new SaveTracker(doc, channel, (saved) => states.push(saved));
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
    const channel = fakeChannel(true, 'server');
    const copy = Symbol('copy');
    const tracker = new SaveTracker(doc, channel, () => undefined, {
      notLocal: (origin) => origin === copy,
    });
    const other = new Y.Doc();
    other.getMap('m').set('x', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'server');
    other.getMap('m').set('y', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), copy);
    expect(tracker.saved).toBe(true);
  });

  it('counts restored unconfirmed changes and asks for them after the sync', () => {
    const doc = new Y.Doc();
    const channel = fakeChannel(false);
    const { requests } = channel;
    const tracker = new SaveTracker(doc, channel, () => undefined);
    const marker = tracker.addRestored();
    expect(tracker.saved).toBe(false);
    expect(requests).toEqual([]); // offline: nothing to ask yet
    doc.getMap('m').set('offline', true);
    channel.connect();
    expect(requests).toEqual([marker + 1]);
    tracker.confirm(marker);
    expect(tracker.saved).toBe(false);
    tracker.confirm(marker + 1);
    expect(tracker.saved).toBe(true);
  });

  it('is not saved while held, whatever the counters say', () => {
    const doc = new Y.Doc();
    const channel = fakeChannel(true, 'server');
    const states: boolean[] = [];
    const tracker = new SaveTracker(doc, channel, (saved) => states.push(saved));
    const release = tracker.hold();
    expect(tracker.saved).toBe(false);
    release();
    release(); // twice is once
    expect(tracker.saved).toBe(true);
    expect(states).toEqual([false, true]);
  });

  it('tells its listener each change with its marker, and each confirmation', () => {
    const doc = new Y.Doc();
    const channel = fakeChannel(true, 'server');
    const seen: string[] = [];
    const tracker = new SaveTracker(doc, channel, () => undefined, {
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
