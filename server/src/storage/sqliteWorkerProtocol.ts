import type { Role } from '@paja/shared';
import type { SqliteBlobMethod } from './SqliteBlobs';
import type { SideWrite } from './Storage';

/**
 * What the server thread asks the storage worker; one request, one answer, matched by id. They
 * travel in rounds (WorkerRound): one message carries every request queued since the last one.
 */
export type WorkerRequest = { id: number } & (
  | { op: 'createBoard'; boardId: string; state: Uint8Array }
  | { op: 'boardExists'; boardId: string }
  | { op: 'loadBoard'; boardId: string }
  | { op: 'updatesSince'; boardId: string; afterSeq: number }
  | { op: 'sideSince'; boardId: string; afterSideSeq: number }
  | { op: 'append'; boardId: string; updates: Uint8Array[]; side: SideWrite[] }
  | { op: 'compact'; boardId: string; snapshot: Uint8Array; throughSeq: number }
  | { op: 'linkGeneration'; boardId: string; role: Role }
  | { op: 'revokeLinks'; boardId: string; role: Role }
  | { op: 'boardsUnchangedSince'; at: number }
  | { op: 'deleteBoard'; boardId: string }
  | { op: 'blob'; method: SqliteBlobMethod; args: unknown[] }
  | { op: 'ping' }
  | { op: 'checkpoint' }
  | { op: 'close' }
);

export type WorkerAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

/**
 * One message to the worker: every request the server thread made in one turn of its event
 * loop, in the order they were made. The worker answers with one message per turn of its own
 * (covering every round that had arrived by then), a WorkerAnswer per request, in order; a
 * commit's answers leave at once when other requests follow it, so that no `saved` waits for a
 * slow read or a compaction queued behind it. Rounds
 * rather than one message per request, because every message wakes the other thread (about
 * 200 µs of CPU each on a small VM): fifty boards committing together cost two wake-ups, not a
 * hundred.
 */
export type WorkerRound = WorkerRequest[];
export type WorkerRoundAnswer = WorkerAnswer[];

export interface WorkerStart {
  file: string;
}
