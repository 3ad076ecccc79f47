import { decodeFrame, decodeReaderCount, MessageType } from '@paja/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBoard } from './boards';
import { loadLimits } from './config';
import { InProcessFanOut } from './fanout/InProcessFanOut';
import { silentLogger } from './log';
import { Metrics } from './Metrics';
import { READER_COUNT_INTERVAL_MS } from './ReaderCount';
import { Room, type RoomMember } from './Room';
import { MemoryStorage } from './storage/MemoryStorage';

/** A member that records the reader counts it was sent. */
function member(participantId: string, pajaClient = true) {
  const counts: number[] = [];
  const self: RoomMember & { counts: number[] } = {
    role: 'viewer',
    participantId,
    pajaClient,
    publicReader: true,
    addressKey: `address-${participantId}`,
    counts,
    send(message) {
      const count = decodeFrame(message, MessageType.readerCount, decodeReaderCount);
      if (count.ok) counts.push(count.value);
    },
    sendFrame(frame) {
      self.send(frame.payload);
    },
    holdWrites() {},
    sendRun(run, without) {
      run.frames.forEach((frame, i) => {
        if (!without.includes(i)) self.send(frame.payload);
      });
    },
    close() {},
  };
  return self;
}

describe('the reader count', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function room() {
    const storage = new MemoryStorage();
    const id = await createBoard(storage, {});
    const options = {
      compactEvery: 500,
      idleUnloadMs: 60_000,
      maxBoardBytes: 10_000_000,
      maxUnsavedBytes: 10_000_000,
      structure: {
        maxDepth: 16,
        maxUpdateEntries: 10_000,
        maxBoardItems: 100_000,
        maxBoardMemoryBytes: 1 << 26,
      },
      comments: loadLimits({}).comments,
      metrics: new Metrics(),
      fanOut: new InProcessFanOut(),
      onUnload: () => {},
    };
    const loaded = await Room.load(id, storage, options, silentLogger);
    if (!loaded) throw new Error('no board');
    return loaded;
  }

  it('is one message per person per interval however many arrive, people not tabs', async () => {
    const board = await room();
    const crowd = Array.from({ length: 200 }, (_, i) => member(`p${i % 150}`));
    for (const person of crowd) board.join(person);
    vi.advanceTimersByTime(0);
    expect(crowd.every((person) => person.counts.join() === '150')).toBe(true);

    // More come and go within the next interval: nothing until it has passed, then one.
    const late = Array.from({ length: 30 }, (_, i) => member(`late${i}`));
    for (const person of late) board.join(person);
    for (const person of crowd.slice(0, 10)) board.leave(person);
    vi.advanceTimersByTime(READER_COUNT_INTERVAL_MS - 1);
    expect(late[0]?.counts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(late.every((person) => person.counts.join() === '180')).toBe(true);
    expect(crowd[199]?.counts).toEqual([150, 180]);

    // A newcomer while the number stays the same hears it; the others are not sent it again.
    board.leave(late[0] as RoomMember);
    const newcomer = member('newcomer');
    board.join(newcomer);
    vi.advanceTimersByTime(READER_COUNT_INTERVAL_MS);
    expect(newcomer.counts).toEqual([180]);
    expect(crowd[199]?.counts).toEqual([150, 180]);
    await board.close();
  });

  it('is never sent to stock y-websocket clients', async () => {
    const board = await room();
    const stock = member('stock', false);
    board.join(stock);
    vi.advanceTimersByTime(READER_COUNT_INTERVAL_MS);
    expect(stock.counts).toEqual([]);
    await board.close();
  });
});
