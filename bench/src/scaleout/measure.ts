import fs from 'node:fs';
import { PostgresStorage, silentLogger } from '@paja/server';
import { createNote, initBoard, notesMap } from '@paja/shared';
import * as Y from 'yjs';
import { now, REMOTE, SENT_AT, SyncClient } from '../sync/client';
import { type BoardRef, pajaToken, type RunningServer, wsUrl } from '../sync/servers';
import { percentile } from '../sync/stats';
import { databaseUrl } from './instances';

export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencies(samples: number[]): Latencies {
  const sorted = Array.from(Float64Array.from(samples).sort());
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** The most memory a process has had resident so far (the kernel's high-water mark), bytes. */
export function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

/**
 * A board of about `bytes` encoded: notes of a workshop with long texts, each made in its own
 * transaction as people add them. It starts as a board Paja creates (initBoard: at the current
 * schema version), so loading it does not migrate it: a board without a schema version was
 * migrated on every load, a write to each of its notes, which no real board pays.
 */
export function boardOfSize(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Iso taulu', locale: 'fi' });
  const text = 'Kuntien yhteinen palvelupolku vuoteen 2030: '.repeat(20); // ~900 characters
  for (let i = 0; Y.encodeStateAsUpdate(doc).byteLength < bytes; i++) {
    doc.transact(() => {
      for (let j = 0; j < 200; j++) {
        const n = i * 200 + j;
        createNote(doc, {
          x: (n % 100) * 220,
          y: Math.floor(n / 100) * 220,
          text: `${n}: ${text}`,
          authorId: `author-${n % 300}`,
          authorName: `Osallistuja ${n % 300}`,
        });
      }
    });
  }
  return Y.encodeStateAsUpdate(doc);
}

/** Stores `update` as a new board in the PostgreSQL schema; returns it with a facilitator token. */
export async function storeInPostgres(schema: string, update: Uint8Array): Promise<BoardRef> {
  const storage = await PostgresStorage.open(databaseUrl, silentLogger, { schema });
  const name = `benchboard${Date.now()}`;
  await storage.createBoard(name, update);
  await storage.close();
  return { name, token: pajaToken(name) };
}

/**
 * A person moving their own note without holding the board: its socket does not keep what the
 * server sends (an observer's), and its note lives in a small document of its own, whose updates
 * the server integrates into the board like any other (a new note, then moves of it). So a few
 * writers on a board of megabytes cost the load generator almost nothing.
 */
export class LightWriter {
  readonly doc = new Y.Doc();
  readonly client: SyncClient;
  readonly moveTimes: number[] = [];
  #note: Y.Map<unknown> | null = null;
  #moves = 0;

  constructor(
    server: RunningServer,
    board: BoardRef,
    onUpdate?: SyncClient['options']['onUpdate'],
  ) {
    this.client = new SyncClient({
      url: wsUrl(server, board),
      dialect: 'y-websocket',
      docName: board.name,
      onUpdate,
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.client.sendUpdate(update);
    });
  }

  async ready(index: number): Promise<void> {
    await this.client.opened;
    await this.client.synced;
    const id = createNote(this.doc, {
      x: index * 220,
      y: -400,
      text: `Kirjoittaja ${index}`,
      authorId: `writer-${index}`,
      authorName: `Kirjoittaja ${index}`,
    });
    this.#note = notesMap(this.doc).get(id) as Y.Map<unknown>;
  }

  move(): void {
    const note = this.#note;
    if (!note || !this.client.open) return; // a move that cannot be sent is not counted
    const m = ++this.#moves;
    const sentAt = now();
    this.moveTimes.push(sentAt);
    this.doc.transact(() => {
      note.set('x', 100 + (m % 400));
      note.set(SENT_AT, { [SENT_AT]: sentAt });
    });
  }

  movesIn(from: number, to: number): number {
    return this.moveTimes.filter((t) => t >= from && t < to).length;
  }
}
