import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  editorPacingMs,
  MAX_EDITOR_PACING_MS,
  MAX_GATHERED_BYTES,
  MAX_GATHERED_RUN_BYTES,
  readerBatchMs,
  UpdateBroadcast,
} from './UpdateBroadcast';
import type { FrameRun, WireFrame } from './WireFrame';

/**
 * A connection that keeps what it was sent (each message, and how many writes brought them)
 * and applies it to a document of its own.
 */
class Member {
  readonly doc = new Y.Doc();
  readonly frames: WireFrame[] = [];
  readonly runs: FrameRun[] = [];
  writes = 0;
  /** Times it was asked to keep a turn's writes together (before what was gathered for it). */
  holds = 0;
  get messages(): number {
    return this.frames.length;
  }
  sendFrame(frame: WireFrame): void {
    this.writes++;
    this.#receive(frame);
  }
  holdWrites(): void {
    this.holds++;
  }
  sendRun(run: FrameRun, without: readonly number[]): void {
    this.writes++;
    this.runs.push(run);
    run.frames.forEach((frame, i) => {
      if (!without.includes(i)) this.#receive(frame);
    });
  }
  text(): string {
    return this.doc.getText('t').toString();
  }
  #receive(frame: WireFrame): void {
    this.frames.push(frame);
    const decoder = decoding.createDecoder(frame.payload);
    expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
    expect(decoding.readVarUint(decoder)).toBe(2); // a sync update
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
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

  it('sends a turn’s updates to each editor in one write, each its own message, none back to its sender', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b, c] = [new Member(), new Member(), new Member()];
    for (const m of [a, b, c]) broadcast.join(m, false);
    const updates = [edit('A'), edit('B'), edit('S')];
    broadcast.add(updates[0] as Uint8Array, a);
    broadcast.add(updates[1] as Uint8Array, b);
    broadcast.add(updates[2] as Uint8Array, null); // the server's own change
    expect(c.writes).toBe(0);
    await nextTurn();
    expect([a.writes, b.writes, c.writes]).toEqual([1, 1, 1]);
    // The messages are the updates as they came, in order, without the receiver's own.
    expect(a.frames.map(updateIn)).toEqual([updates[1], updates[2]]);
    expect(b.frames.map(updateIn)).toEqual([updates[0], updates[2]]);
    expect(c.frames.map(updateIn)).toEqual(updates);
    // Framed once, and laid out once: every editor is written (slices of) the same run.
    expect(a.runs[0]).toBe(c.runs[0]);
    expect(b.frames[1]).toBe(c.frames[2]);
    expect(b.text()).toBe(c.text().replace('B', ''));
  });

  it('gathers per turn: the next turn’s updates are a write of their own', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    for (const m of [a, b]) broadcast.join(m, false);
    broadcast.add(edit('1'), a);
    broadcast.add(edit('2'), a);
    await nextTurn();
    broadcast.add(edit('3'), a);
    await nextTurn();
    expect([b.writes, b.messages]).toEqual([2, 3]);
    expect(a.messages).toBe(0); // never its own
    expect(b.text().split('').sort().join('')).toBe('123');
  });

  it('gives a small audience the editors’ run, the same bytes', async () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    const readers = Array.from({ length: 10 }, () => new Member());
    for (const m of [a, b]) broadcast.join(m, false);
    for (const r of readers) broadcast.join(r, true);
    broadcast.add(edit('A'), a);
    broadcast.add(edit('B'), b);
    await nextTurn();
    for (const r of readers) {
      expect([r.writes, r.messages]).toEqual([1, 2]);
      expect(r.runs[0]).toBe(a.runs[0]);
      expect(r.text().split('').sort().join('')).toBe('AB');
    }
  });

  it('sends what is gathered at once when asked (before another message to a member)', () => {
    const broadcast = new UpdateBroadcast<Member>();
    const [a, b] = [new Member(), new Member()];
    for (const m of [a, b]) broadcast.join(m, false);
    broadcast.add(edit('A'), a);
    broadcast.add(edit('B'), b);
    broadcast.sendGathered();
    expect([a.text(), b.text()]).toEqual(['B', 'A']);
    broadcast.sendGathered(); // nothing left
    expect([a.writes, b.writes]).toEqual([1, 1]);
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

  it('gives a small audience each update at once, and a large one merged over a few ms', () => {
    expect(readerBatchMs(10)).toBe(0);
    expect(readerBatchMs(5000)).toBe(100);
    expect(readerBatchMs(1_000_000)).toBe(200);
    // On fake timers: the large audience's batch is 3 ms, less than a loaded machine may take
    // between two turns.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const turn = () => vi.advanceTimersByTime(0);
      const small = new UpdateBroadcast<Member>();
      const reader = new Member();
      small.join(reader, true);
      small.add(edit('x'), null);
      turn();
      expect(reader.text()).toBe('x');

      const large = new UpdateBroadcast<Member>();
      const editor = new Member();
      large.join(editor, false);
      const readers = Array.from({ length: 150 }, () => new Member()); // 3 ms batches
      for (const r of readers) large.join(r, true);
      large.add(edit('1'), null);
      turn();
      large.add(edit('2'), null);
      large.add(edit('3'), null); // a turn of two: the run for the editor, the batch for readers
      turn();
      expect(editor.messages).toBe(3);
      expect(readers[0]?.messages).toBe(0);
      vi.advanceTimersByTime(3);
      for (const r of readers) {
        expect(r.messages).toBe(1);
        expect(r.text().split('').sort().join('')).toBe('123');
      }
    } finally {
      vi.useRealTimers();
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

  describe('on a busy board with many editors', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    /** A board of 50 editors (paced by MAX_EDITOR_PACING_MS), on fake timers and clock. */
    function busyBoard() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
      const broadcast = new UpdateBroadcast<Member>();
      const editors = Array.from({ length: 50 }, () => new Member());
      for (const m of editors) broadcast.join(m, false);
      return { broadcast, editors, a: editors[0] as Member, b: editors[1] as Member };
    }
    const nextFakeTurn = () => vi.advanceTimersByTime(0);

    it('paces its broadcasts by the number of editors, up to a bound', () => {
      expect([2, 4, 5, 10, 25, 50, 5000].map(editorPacingMs)).toEqual([0, 1, 2, 4, 10, 20, 20]);
      expect(MAX_EDITOR_PACING_MS).toBe(20);
    });

    it('sends a quiet board’s update when the turn ends, and gathers the next ones until the pacing has passed', () => {
      const { broadcast, a, b } = busyBoard();
      broadcast.add(edit('1'), a);
      nextFakeTurn();
      expect(b.messages).toBe(1); // the last broadcast was long ago: no wait
      vi.advanceTimersByTime(3);
      broadcast.add(edit('2'), a);
      nextFakeTurn();
      vi.advanceTimersByTime(3);
      broadcast.add(edit('3'), null);
      nextFakeTurn();
      expect(b.messages).toBe(1); // 6 ms after the last broadcast: still gathering
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS - 6);
      expect([b.writes, b.messages]).toEqual([2, 3]); // both in one write
      expect(b.text().split('').sort().join('')).toBe('123');
      expect([a.writes, a.messages]).toEqual([1, 1]); // never its own
      // Quiet again: the next update leaves at its turn's end.
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS);
      broadcast.add(edit('4'), a);
      nextFakeTurn();
      expect(b.messages).toBe(4);
    });

    it('sends a member what it waits for before another message, and not again in the broadcast', () => {
      const { broadcast, editors, a, b } = busyBoard();
      broadcast.add(edit('0'), null);
      nextFakeTurn();
      const [one, two] = [edit('1'), edit('2')];
      broadcast.add(one, a);
      broadcast.add(two, b);
      // As the room does before `saved` (or any message) to `a`: `a` gets what is not its own.
      broadcast.sendGatheredTo(a);
      expect(a.frames.map(updateIn).slice(1)).toEqual([two]);
      // Its writes are held, so the message after them leaves in the same write.
      expect(a.holds).toBe(1);
      broadcast.sendGatheredTo(a); // nothing new for it
      expect(a.messages).toBe(2);
      expect(a.holds).toBe(1);
      const three = edit('3');
      broadcast.add(three, null);
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS);
      // The broadcast left out what `a` had: it got each update exactly once, in order.
      expect(a.frames.map(updateIn).slice(1)).toEqual([two, three]);
      expect(b.frames.map(updateIn).slice(1)).toEqual([one, three]);
      const c = editors[2] as Member;
      expect(c.frames.map(updateIn).slice(1)).toEqual([one, two, three]);
      expect(c.text().split('').sort().join('')).toBe('0123');
    });

    it('lays the gathered updates back to back once for everyone it sends them to', () => {
      const { broadcast, editors, a, b } = busyBoard();
      broadcast.add(edit('0'), null);
      nextFakeTurn();
      broadcast.add(edit('1'), a);
      broadcast.add(edit('2'), b);
      // After a commit, `saved` to both writers sends each of them the other's update first.
      broadcast.sendGatheredTo(a);
      broadcast.sendGatheredTo(b);
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS);
      const c = editors[2] as Member;
      expect(a.runs[0]).toBe(b.runs[0]);
      expect(c.runs[0]).toBe(a.runs[0]);
      expect([a.text(), b.text()].map((t) => t.split('').sort().join(''))).toEqual(['02', '01']);
      expect(c.text().split('').sort().join('')).toBe('012');
    });

    it('sends what it gathered at once when it grows past a bound, paced or not', () => {
      const { broadcast, a, b } = busyBoard();
      broadcast.add(edit('0'), a);
      nextFakeTurn();
      const big = 'x'.repeat(MAX_GATHERED_BYTES - 100);
      const count = Math.ceil(MAX_GATHERED_RUN_BYTES / big.length) + 1;
      for (let i = 0; i < count; i++) broadcast.add(edit(big), a);
      expect(b.messages).toBe(count); // the first broadcast, and a run past the bound
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS);
      expect(b.messages).toBe(count + 1);
    });

    it('sends nothing after close, a paced broadcast included', () => {
      const { broadcast, a, b } = busyBoard();
      broadcast.add(edit('0'), a);
      nextFakeTurn();
      broadcast.add(edit('1'), a);
      broadcast.close();
      vi.advanceTimersByTime(MAX_EDITOR_PACING_MS * 2);
      expect(b.messages).toBe(1);
    });
  });
});
