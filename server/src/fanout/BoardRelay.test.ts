import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { MemoryStorage } from '../storage/MemoryStorage';
import { BoardRelay, type RelayTarget } from './BoardRelay';
import type { Channel, ChannelListener, FanOut } from './FanOut';
import { InProcessFanOut } from './InProcessFanOut';
import { encodeRelayCommit } from './relayMessages';

async function until(predicate: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 5000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A fan-out whose test decides what is delivered: it can drop, and report gaps. */
class ControlledFanOut implements FanOut {
  readonly inner = new InProcessFanOut();
  readonly connected = true;
  drop = false;
  /** Messages members published (dropped ones too). */
  published = 0;
  readonly listeners: ChannelListener[] = [];
  async join(boardId: string, listener: ChannelListener): Promise<Channel> {
    this.listeners.push(listener);
    const channel = await this.inner.join(boardId, listener);
    return {
      publish: (m) => {
        this.published++;
        if (!this.drop) channel.publish(m);
      },
      publishPresence: (m) => channel.publishPresence(m),
      othersMayHear: () => channel.othersMayHear(),
      leave: () => channel.leave(),
    };
  }
  async close(): Promise<void> {}
}

/** One instance's view of board 'b': a document that relayed updates are applied to. */
function instance() {
  const doc = new Y.Doc();
  const batches: number[] = [];
  const side = new Map<string, string>();
  const target: RelayTarget = {
    applyStored: (updates) => {
      batches.push(updates.length);
      Y.transact(doc, () => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
    },
    applySide: (writes, reset) => {
      if (reset) side.clear();
      for (const { key, value } of writes) {
        if (value === null) side.delete(key);
        else side.set(key, value);
      }
    },
    applyPresence: () => {},
  };
  return { doc, target, batches, side, text: () => doc.getText('t').toString() };
}

/** Writes `text` on a writer document, stores it, and returns the update and its number. */
async function write(storage: MemoryStorage, writer: Y.Doc, text: string) {
  const before = Y.encodeStateVector(writer);
  writer.getText('t').insert(writer.getText('t').length, text);
  const update = Y.encodeStateAsUpdate(writer, before);
  return { update, seq: (await storage.appendUpdates('b', [update])).lastSeq };
}

/** Stores one side write (as another instance would) and returns its numbers. */
async function writeSide(storage: MemoryStorage, key: string, value: string | null) {
  const write = { kind: 'k', key, value };
  return { write, committed: await storage.appendUpdates('b', [], [write]) };
}

async function setup(fanOut: FanOut, options = {}) {
  const storage = new MemoryStorage();
  await storage.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
  const writer = new Y.Doc();
  const sender = await BoardRelay.join('b', fanOut, storage, silentLogger, options);
  sender.start(0, 0, instance().target);
  const reader = instance();
  const relay = await BoardRelay.join('b', fanOut, storage, silentLogger, options);
  relay.start(0, 0, reader.target);
  /** Another instance stores and publishes `text`. */
  const commit = async (text: string) => {
    const { update, seq } = await write(storage, writer, text);
    sender.committed({ lastSeq: seq, lastSideSeq: relay.appliedSide }, [update], []);
  };
  /** Another instance stores and publishes a side write. */
  const commitSide = async (key: string, value: string | null) => {
    const { write: w, committed } = await writeSide(storage, key, value);
    sender.committed(committed, [], [w]);
  };
  return { storage, writer, sender, relay, reader, commit, commitSide };
}

describe('BoardRelay', () => {
  it("applies another instance's commits in order", async () => {
    const { reader, relay, commit } = await setup(new InProcessFanOut());
    for (const letter of 'abcde') await commit(letter);
    await until(() => reader.text() === 'abcde', 'all five letters');
    expect(relay.applied).toBe(5);
  });

  it('holds an early update until the missing one arrives, then applies both in order', async () => {
    const fanOut = new ControlledFanOut();
    const { storage, writer, reader, relay } = await setup(fanOut, { graceMs: 60_000 });
    const one = await write(storage, writer, 'a');
    const two = await write(storage, writer, 'b');
    const [, readerListener] = fanOut.listeners;
    readerListener?.message(encodeRelayCommit(two.seq, [two.update], 1, []));
    expect(relay.applied).toBe(0); // held: "b" builds on "a"
    readerListener?.message(encodeRelayCommit(one.seq, [one.update], 1, []));
    expect(reader.text()).toBe('ab');
    expect(relay.applied).toBe(2);
  });

  it('fetches a dropped update from storage when a later one shows the hole', async () => {
    const fanOut = new ControlledFanOut();
    const { reader, commit } = await setup(fanOut, { graceMs: 10 });
    await commit('a');
    fanOut.drop = true;
    await commit('b'); // lost by the relay
    fanOut.drop = false;
    await commit('c');
    await until(() => reader.text() === 'abc', 'the dropped letter fetched');
  });

  it('catches up from storage when the fan-out reports a gap, with nothing else said', async () => {
    const fanOut = new ControlledFanOut();
    const { reader, commit, relay } = await setup(fanOut);
    fanOut.drop = true;
    await commit('a');
    await commit('b');
    expect(reader.text()).toBe('');
    fanOut.listeners[1]?.gap();
    await until(() => reader.text() === 'ab', 'the catch-up');
    expect(relay.applied).toBe(2);
  });

  it('catches up when another instance announces a head past ours after its reconnect', async () => {
    const fanOut = new ControlledFanOut();
    const { reader, commit } = await setup(fanOut, { graceMs: 10 });
    fanOut.drop = true;
    await commit('a');
    fanOut.drop = false;
    fanOut.listeners[0]?.gap(); // the sender's relay reconnected: it announces its head
    await until(() => reader.text() === 'a', 'the announced update');
  });

  it('takes the snapshot when a compaction folded what it missed', async () => {
    const fanOut = new ControlledFanOut();
    const { storage, writer, reader, commit } = await setup(fanOut);
    fanOut.drop = true;
    await commit('a');
    const { seq } = await write(storage, writer, 'b');
    await storage.compact('b', Y.encodeStateAsUpdate(writer), seq);
    fanOut.listeners[1]?.gap();
    await until(() => reader.text() === 'ab', 'the snapshot');
  });

  it('checks storage periodically, so a loss with no later message is found', async () => {
    const fanOut = new ControlledFanOut();
    const { reader, commit } = await setup(fanOut, { checkEveryMs: 20 });
    fanOut.drop = true;
    await commit('a');
    await until(() => reader.text() === 'a', 'the periodic check');
  });

  it('counts its own commits as applied without applying them again', async () => {
    const storage = new MemoryStorage();
    await storage.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
    const own = instance();
    const relay = await BoardRelay.join('b', new InProcessFanOut(), storage, silentLogger);
    relay.start(0, 0, own.target);
    const { update, seq } = await write(storage, own.doc, 'x');
    relay.committed({ lastSeq: seq, lastSideSeq: 0 }, [update], []);
    expect(relay.applied).toBe(seq);
    expect(own.batches).toEqual([]);
    await relay.leave();
  });

  it('encodes and publishes nothing while no other instance has the board, and then does', async () => {
    const storage = new MemoryStorage();
    await storage.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
    const fanOut = new ControlledFanOut();
    const own = instance();
    const relay = await BoardRelay.join('b', fanOut, storage, silentLogger);
    relay.start(0, 0, own.target);
    const first = await write(storage, own.doc, 'x');
    relay.committed({ lastSeq: first.seq, lastSideSeq: 0 }, [first.update], []);
    expect(fanOut.published).toBe(0);
    expect(relay.applied).toBe(first.seq);
    // Another instance loads the board: from now on it hears every commit.
    const other = instance();
    const otherRelay = await BoardRelay.join('b', fanOut, storage, silentLogger);
    otherRelay.start(first.seq, 0, other.target);
    const second = await write(storage, own.doc, 'y');
    relay.committed({ lastSeq: second.seq, lastSideSeq: 0 }, [second.update], []);
    expect(fanOut.published).toBe(1);
    await until(() => otherRelay.applied === second.seq, 'the second commit elsewhere');
    await relay.leave();
    await otherRelay.leave();
  });

  it("applies another instance's side writes in order, deletions too", async () => {
    const { reader, relay, commitSide } = await setup(new InProcessFanOut());
    await commitSide('a', '1');
    await commitSide('b', '2');
    await commitSide('a', null);
    await until(() => relay.appliedSide === 3, 'three side writes');
    expect([...reader.side]).toEqual([['b', '2']]);
  });

  it('fetches a dropped side write from storage when a later one shows the hole', async () => {
    const fanOut = new ControlledFanOut();
    const { reader, commitSide } = await setup(fanOut, { graceMs: 10 });
    fanOut.drop = true;
    await commitSide('a', '1'); // lost by the relay
    fanOut.drop = false;
    await commitSide('b', '2');
    await until(() => reader.side.size === 2, 'the dropped write fetched');
    expect(reader.side.get('a')).toBe('1');
  });

  it('catches up side state after a gap, as a reset when storage forgot deletions', async () => {
    const fanOut = new ControlledFanOut();
    const { storage, writer, reader, relay, commitSide } = await setup(fanOut);
    await commitSide('gone', '1');
    await until(() => reader.side.has('gone'), 'the first write');
    fanOut.drop = true;
    await commitSide('gone', null);
    await commitSide('kept', '2');
    const { seq } = await write(storage, writer, 'x');
    await storage.compact('b', Y.encodeStateAsUpdate(writer), seq); // forgets the deletion
    fanOut.listeners[1]?.gap();
    await until(() => relay.appliedSide === 3, 'the catch-up');
    expect([...reader.side]).toEqual([['kept', '2']]);
  });
});
