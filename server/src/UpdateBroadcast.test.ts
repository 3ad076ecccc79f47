import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readerBatchMs, UpdateBroadcast } from './UpdateBroadcast';
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

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UpdateBroadcast', () => {
  it('sends each update to every editor at once, encoded once, nobody its own', () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    for (const m of [a, b, c]) broadcast.join(m, false);
    broadcast.add(edit('A'), a);
    broadcast.add(edit('S'), null); // the server's own change
    expect(a.text()).toBe('S');
    expect(b.text().split('').sort().join('')).toBe('AS');
    expect(c.messages).toBe(2);
    // Framed once: every receiver is written the very same bytes.
    expect(b.frames[1]).toBe(c.frames[1]);
    expect(a.frames[0]).toBe(b.frames[1]);
  });

  it('gives a small audience each update at once, and a large one merged over a few ms', async () => {
    expect(readerBatchMs(10)).toBe(0);
    expect(readerBatchMs(5000)).toBe(100);
    expect(readerBatchMs(1_000_000)).toBe(200);
    const small = new UpdateBroadcast<Member>();
    const reader = new Member();
    small.join(reader, true);
    small.add(edit('x'), null);
    expect(reader.text()).toBe('x');

    const large = new UpdateBroadcast<Member>();
    const editor = new Member();
    large.join(editor, false);
    const readers = Array.from({ length: 150 }, () => new Member()); // 3 ms batches
    for (const r of readers) large.join(r, true);
    large.add(edit('1'), null);
    await nextTurn();
    large.add(edit('2'), null);
    expect(editor.messages).toBe(2);
    expect(readers[0]?.messages).toBe(0);
    await sleep(20);
    for (const r of readers) {
      expect(r.messages).toBe(1);
      expect(r.text().split('').sort().join('')).toBe('12');
    }
  });

  it('forgets members that left and sends readers nothing after close', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const a = new Member();
    const readers = Array.from({ length: 100 }, () => new Member());
    broadcast.join(a, false);
    for (const r of readers) broadcast.join(r, true);
    broadcast.leave(a);
    broadcast.add(edit('x'), null);
    broadcast.close();
    await sleep(10);
    expect(a.messages + readers.reduce((sum, r) => sum + r.messages, 0)).toBe(0);
  });
});
