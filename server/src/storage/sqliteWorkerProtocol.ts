import type { Role } from '@paja/shared';
import type { SqliteBlobMethod } from './SqliteBlobs';
import type { SideWrite } from './Storage';

/** What the server thread asks the storage worker; one request, one answer, matched by id. */
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
  | { op: 'close' }
);

export type WorkerAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

export interface WorkerStart {
  file: string;
}
