/**
 * One generator process of the writers scenario (writers.ts forks several and spreads the
 * writers over them). Light by design, so that 50 writers at 30 Hz (75,000 deliveries a
 * second) measure the server and not the generator:
 *
 * - A writer makes real Yjs updates, as Paja's client does: its own Y.Doc, a note created with
 *   shared's `createNote`, then moves of that note, one transaction each (x, y and a move mark,
 *   writersProtocol.ts), each followed by a save request on Paja.
 * - Nobody applies what arrives (not even the board at the handshake: a writer's moves touch
 *   only its own note, so its document needs nothing of the others'). A receiver finds the
 *   writer and send time of every move in a frame with a byte search (readMoveMarks), and
 *   counts it as delivered to itself; every receiver, writers and observers, counts and times.
 *
 * Driven over IPC (writersProtocol.ts): open -> opened, start, window, report -> report, stop,
 * close, exit. Says `ready` once compiled and listening.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createNote, notesMap } from '@paja/shared';
import * as Y from 'yjs';
import { now } from './client';
import { LightSyncClient } from './lightSyncClient';
import { SaveTracker } from './load';
import {
  moveMark,
  readMoveMarks,
  TIME_PLACEHOLDER,
  timeText,
  WRITERS_MESSAGE,
  type WritersCommand,
  type WritersReply,
} from './writersProtocol';

type Open = Extract<WritersCommand, { type: 'open' }>;

let from = Number.POSITIVE_INFINITY;
let to = Number.NEGATIVE_INFINITY;
/** This process's CPU time (ms) at the window's start and end, read by timers at those times. */
let cpuAtFrom = Number.NaN;
let cpuAtTo = Number.NaN;
const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
/** How late this process's event loop ran in the window: over a few ms, it was the limit. */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let windowTimers: ReturnType<typeof setTimeout>[] = [];
/** Deliveries of moves sent inside the window, and their latencies. */
let delivered = 0;
let latencies = new Float64Array(1 << 16);
let latencyCount = 0;

function recordLatency(ms: number): void {
  if (latencyCount === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[latencyCount++] = ms;
}

/** What arrives at a receiver: every move of another writer, counted and timed. */
function receive(self: number | null) {
  return (update: Uint8Array, at: number) => {
    readMoveMarks(update, (writer, sentAt) => {
      if (writer === self || sentAt < from || sentAt >= to) return;
      delivered++;
      recordLatency(at - sentAt);
    });
  };
}

/** A move made beforehand: its frame, and where its send time goes in it. */
interface PreparedMove {
  frame: Buffer;
  timeAt: number;
}

/**
 * A person dragging their own note (see the file's comment). Its moves are real Yjs updates of
 * its own document, made and framed before the step (`prepare`) with a placeholder for the
 * send time of the same width, which `move` writes into the frame just before sending it: at
 * 30 Hz, fifty writers' Yjs transactions and encodings were a large part of the generator.
 */
class LightWriter {
  readonly doc = new Y.Doc();
  readonly client: LightSyncClient;
  /** Send times of its moves. */
  readonly moveTimes: number[] = [];
  /** Paja: each change's time to `saved`. */
  readonly saves = new SaveTracker();
  #note: Y.Map<unknown> | null = null;
  #prepared: PreparedMove[] = [];
  #next = 0;
  #made = 0;
  #asksSaved: boolean;

  constructor(
    readonly index: number,
    url: string,
    command: Open,
  ) {
    this.#asksSaved = command.asksSaved;
    this.client = new LightSyncClient({
      url,
      dialect: command.dialect,
      docName: command.docName,
      onUpdate: receive(index),
      onSaved: (marker, at) => this.saves.confirmed(marker, at),
    });
  }

  /** Creates its note (sent at once, as a change of its own). */
  addNote(): void {
    const send = (update: Uint8Array) => {
      if (this.client.sendUpdate(update) && this.#asksSaved) {
        this.client.requestSaved(this.saves.sent(now()));
      }
    };
    this.doc.once('update', send);
    // A participant may add notes only in its own name (the server's edit guard checks it).
    const id = createNote(this.doc, {
      x: (this.index % 50) * 220,
      y: Math.floor(this.index / 50) * 220,
      text: `Muistiinpano ${this.index}`,
      authorId: this.client.participantId ?? `bench-${this.index}`,
      authorName: `Bench ${this.index}`,
    });
    const note = notesMap(this.doc).get(id);
    if (!(note instanceof Y.Map)) throw new Error('note was not created');
    this.#note = note;
  }

  /** Makes and frames its next `count` moves (x, y and the move mark, one transaction each). */
  prepare(count: number): void {
    const note = this.#note;
    if (!note) throw new Error('addNote first');
    const updates: Uint8Array[] = [];
    const keep = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', keep);
    for (let i = 0; i < count; i++) {
      const m = ++this.#made;
      this.doc.transact(() => {
        note.set('x', 100 + (m % 400));
        note.set('y', 100 + ((m * 7) % 300));
        note.set('benchMove', moveMark(this.index, TIME_PLACEHOLDER));
      });
    }
    this.doc.off('update', keep);
    const placeholder = Buffer.from(TIME_PLACEHOLDER);
    this.#prepared = updates.map((update) => {
      const frame = this.client.updateFrame(update);
      const timeAt = frame.indexOf(placeholder);
      if (timeAt < 0) throw new Error('a prepared move lost its time placeholder');
      return { frame, timeAt };
    });
    this.#next = 0;
  }

  /** Sends the next prepared move with the time now; false once none is left. */
  move(): boolean {
    const prepared = this.#prepared[this.#next];
    if (!prepared || !this.client.open) return false;
    this.#next++;
    const sentAt = now();
    const { frame, timeAt } = prepared;
    frame.write(timeText(sentAt), timeAt, 'latin1');
    this.moveTimes.push(sentAt);
    // The update and its save request leave in one system call.
    this.client.socket.batch(() => {
      this.client.socket.sendFrame(frame);
      if (this.#asksSaved) this.client.requestSaved(this.saves.sent(sentAt));
    });
    return true;
  }
}

let writers: LightWriter[] = [];
let observers: LightSyncClient[] = [];
let pacer: ReturnType<typeof setInterval> | null = null;

function reply(message: WritersReply): void {
  process.send?.({ [WRITERS_MESSAGE]: message });
}

async function open(command: Open): Promise<void> {
  let failed = 0;
  // One after another: a server answers each handshake with the whole board.
  for (const { index, url } of command.writers) {
    const writer = new LightWriter(index, url, command);
    try {
      await writer.client.socket.opened;
      await writer.client.synced;
      writer.addNote();
      writer.prepare(command.movesEach);
      writers.push(writer);
    } catch {
      failed++;
    }
  }
  for (const url of command.observers) {
    const observer = new LightSyncClient({
      url,
      dialect: command.dialect,
      docName: command.docName,
      onUpdate: receive(null),
    });
    try {
      await observer.socket.opened;
      await observer.synced;
      observers.push(observer);
    } catch {
      failed++;
    }
  }
  reply({ type: 'opened', writers: writers.length, observers: observers.length, failed });
}

/**
 * Moves writer i at startAt + (i / total + k) / rate for k = 0, 1, ...: the phases of all
 * writers, over all processes, spread evenly over a period. A late tick catches up by at most
 * three moves per writer; beyond that the moves are skipped (and so not counted as sent).
 */
function start(command: Extract<WritersCommand, { type: 'start' }>): void {
  const period = 1000 / command.rate;
  const done = writers.map(() => 0);
  pacer = setInterval(() => {
    const t = now() - command.startAt;
    writers.forEach((writer, i) => {
      const owed = Math.floor((t - (writer.index / command.total) * period) / period) + 1;
      let burst = 0;
      while ((done[i] as number) < owed && burst < 3) {
        done[i] = (done[i] as number) + 1;
        burst++;
        writer.move();
      }
      if ((done[i] as number) < owed) done[i] = owed;
    });
  }, 2);
}

function report(): WritersReply {
  const inWindow = (t: number) => t >= from && t < to;
  return {
    type: 'report',
    moves: writers.reduce((sum, w) => sum + w.moveTimes.filter(inWindow).length, 0),
    delivered,
    latencies: latencies.slice(0, latencyCount),
    saved: Float64Array.from(writers.flatMap((w) => w.saves.savedIn(from, to))),
    unsaved: writers.reduce((sum, w) => sum + w.saves.unsavedIn(from, to), 0),
    open: [...writers.map((w) => w.client), ...observers].filter((c) => c.open).length,
    windowCpuMs: cpuAtTo - cpuAtFrom,
    loopDelayP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : Number.NaN,
  };
}

function closeAll(): void {
  for (const timer of windowTimers) clearTimeout(timer);
  windowTimers = [];
  loopDelay.disable();
  if (pacer) clearInterval(pacer);
  pacer = null;
  for (const client of [...writers.map((w) => w.client), ...observers]) client.close();
  writers = [];
  observers = [];
  from = Number.POSITIVE_INFINITY;
  to = Number.NEGATIVE_INFINITY;
  delivered = 0;
  latencyCount = 0;
}

process.on('message', (raw: unknown) => {
  const command = (raw as Record<string, WritersCommand>)[WRITERS_MESSAGE];
  if (!command) return;
  switch (command.type) {
    case 'open':
      void open(command);
      break;
    case 'start':
      start(command);
      break;
    case 'window':
      from = command.from;
      to = command.to;
      cpuAtFrom = Number.NaN;
      cpuAtTo = Number.NaN;
      windowTimers = [
        setTimeout(() => {
          cpuAtFrom = cpuNow();
          loopDelay.reset();
          loopDelay.enable();
        }, from - now()),
        setTimeout(() => {
          cpuAtTo = cpuNow();
          loopDelay.disable();
        }, to - now()),
      ];
      break;
    case 'report':
      reply(report());
      break;
    case 'stop':
      if (pacer) clearInterval(pacer);
      pacer = null;
      break;
    case 'close':
      closeAll();
      break;
    case 'exit':
      closeAll();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
// Compiled and listening: the scenario may send commands.
reply({ type: 'ready' });
