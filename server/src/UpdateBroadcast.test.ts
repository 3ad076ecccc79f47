import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_GATHERED_BYTES, readerBatchMs, UpdateBroadcast } from './UpdateBroadcast';
import type { WireFrame } from './WireFrame';

/** A connection that keeps what it was sent and applies it to a document of its own. */
class Member {
  readonly doc = new Y.Doc();
  readonly frames: WireFrame[] = [];
  messages = 0;
  sendFrame(frame: WireFrame): void {
    this.frames.push(frame);
    this.messages++;
    const decoder = decoding.createDecoder(frame.payload);
    expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
    expect(decoding.readVarUint(decoder)).toBe(2); // a sync update
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
  }
  text(): string {
    return this.doc.getText('t').toString();
  }
}

/** An update that writes `text` at the end, made by its own Yjs client. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  doc.getText('t').insert(0, text);
  if (!update) throw new Error('no update');
  return update;
}

/** The Yjs update a sync-update frame carries. */
function updateIn(frame: WireFrame | undefined): Uint8Array {
  if (!frame) throw new Error('no frame');
  const decoder = decoding.createDecoder(frame.payload);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UpdateBroadcast', () => {
  it('sends a turn’s one update at the turn’s end to every editor but its sender', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    for (const m of [a, b, c]) broadcast.join(m, false);
    const update = edit('A');
    broadcast.add(update, a);
    expect(b.messages).toBe(0); // gathered until the turn ends
    await nextTurn();
    expect(a.messages).toBe(0); // not echoed: it is the only update of the turn
    expect([b.text(), c.text()]).toEqual(['A', 'A']);
    // As it came (not re-encoded), framed once: every receiver is written the very same bytes.
    expect(b.frames[0]).toBe(c.frames[0]);
    expect(updateIn(b.frames[0])).toEqual(update);
  });

  it('merges a turn’s updates into one frame for every editor, senders included', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    for (const m of [a, b, c]) broadcast.join(m, false);
    broadcast.add(edit('A'), a);
    broadcast.add(edit('B'), b);
    broadcast.add(edit('S'), null); // the server's own change
    await nextTurn();
    for (const m of [a, b, c]) {
      expect(m.messages).toBe(1);
      expect(m.text().split('').sort().join('')).toBe('ABS');
    }
    expect(a.frames[0]).toBe(b.frames[0]);
    expect(b.frames[0]).toBe(c.frames[0]);
  });

  it('gathers per turn: the next turn’s updates are a message of their own', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    for (const m of [a, b]) broadcast.join(m, false);
    broadcast.add(edit('1'), a);
    broadcast.add(edit('2'), b);
    await nextTurn();
    broadcast.add(edit('3'), a);
    await nextTurn();
    expect(b.messages).toBe(2);
    expect(a.messages).toBe(1); // the first turn's merge (its own '1' in it); not its lone '3'
    expect(b.text().split('').sort().join('')).toBe('123');
  });

  it('sends several updates of one sender merged, and not back to it', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    for (const m of [a, b, c]) broadcast.join(m, false);
    broadcast.add(edit('1'), a);
    broadcast.add(edit('2'), a);
    await nextTurn();
    expect([a.messages, b.messages, c.messages]).toEqual([0, 1, 1]);
    expect(b.text().split('').sort().join('')).toBe('12');
  });

  it('sends what is gathered at once when asked (before another message to a member)', () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    for (const m of [a, b]) broadcast.join(m, false);
    broadcast.add(edit('A'), a);
    broadcast.add(edit('B'), b);
    broadcast.sendGathered();
    expect([a.messages, b.messages]).toEqual([1, 1]);
    broadcast.sendGathered(); // nothing left
    expect([a.messages, b.messages]).toEqual([1, 1]);
  });

  it('sends a large update on its own, after what was gathered before it', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    for (const m of [a, b]) broadcast.join(m, false);
    broadcast.add(edit('1'), a);
    broadcast.add(edit('x'.repeat(MAX_GATHERED_BYTES + 1)), a);
    expect(b.messages).toBe(2);
    expect(b.text()).toContain('1');
    expect(a.messages).toBe(0);
    await nextTurn();
    expect(b.messages).toBe(2);
  });

  it('gives a small audience each update at once, and a large one merged over a few ms', async () => {
    expect(readerBatchMs(10)).toBe(0);
    expect(readerBatchMs(5000)).toBe(100);
    expect(readerBatchMs(1_000_000)).toBe(200);
    const small = new UpdateBroadcast<Member>();
    const reader = new Member();
    small.join(reader, true);
    small.add(edit('x'), null);
    await nextTurn();
    expect(reader.text()).toBe('x');

    const large = new UpdateBroadcast<Member>();
    const editor = new Member();
    large.join(editor, false);
    const readers = Array.from({ length: 150 }, () => new Member()); // 3 ms batches
    for (const r of readers) large.join(r, true);
    large.add(edit('1'), null);
    await nextTurn();
    large.add(edit('2'), null);
    await nextTurn();
    expect(editor.messages).toBe(2);
    expect(readers[0]?.messages).toBe(0);
    await sleep(20);
    for (const r of readers) {
      expect(r.messages).toBe(1);
      expect(r.text().split('').sort().join('')).toBe('12');
    }
  });

  it('forgets members that left and sends nothing after close, gathered updates included', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    const readers = Array.from({ length: 100 }, () => new Member());
    for (const m of [a, b]) broadcast.join(m, false);
    for (const r of readers) broadcast.join(r, true);
    broadcast.leave(a);
    broadcast.add(edit('x'), null);
    broadcast.add(edit('y'), null);
    broadcast.close();
    await sleep(10);
    expect(a.messages + b.messages + readers.reduce((sum, r) => sum + r.messages, 0)).toBe(0);
  });
});
