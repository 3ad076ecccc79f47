import type { BoardDiff, BoardView } from '@paja/shared';

/** The history API (PROTOCOL.md, "History"), facilitators only. Answers are checked. */
export interface SnapshotInfo {
  id: string;
  name: string;
  at: number;
  by: string;
  auto: 'phase' | 'vote' | 'publish' | 'hourly' | 'restore' | null;
}

/** A comparison: the changes and both boards (drawn on the canvas with the changes marked). */
export interface Comparison {
  diff: BoardDiff;
  before: BoardView;
  after: BoardView;
}

export type HistoryProblem = 'noAccess' | 'forbidden' | 'missing' | 'failed' | 'network';
export type HistoryResult<T> = { ok: true; value: T } | { ok: false; problem: HistoryProblem };

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/snapshots`;

export async function call<T>(
  url: string,
  token: string,
  check: (value: Record<string, unknown>) => T | null,
  init: RequestInit = {},
): Promise<HistoryResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  } catch {
    return { ok: false, problem: 'network' };
  }
  if (response.status === 401) return { ok: false, problem: 'noAccess' };
  if (response.status === 403) return { ok: false, problem: 'forbidden' };
  if (response.status === 404) return { ok: false, problem: 'missing' };
  if (!response.ok) return { ok: false, problem: 'failed' };
  const body: unknown = await response.json().catch(() => null);
  const value =
    typeof body === 'object' && body !== null ? check(body as Record<string, unknown>) : null;
  return value === null ? { ok: false, problem: 'failed' } : { ok: true, value };
}

function readInfo(v: unknown): SnapshotInfo | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<string, unknown>;
  if (typeof s.id !== 'string' || typeof s.name !== 'string' || typeof s.at !== 'number') {
    return null;
  }
  const causes = ['phase', 'vote', 'publish', 'hourly', 'restore'] as const;
  const auto = causes.find((cause) => cause === s.auto) ?? null;
  return { id: s.id, name: s.name, at: s.at, by: typeof s.by === 'string' ? s.by : '', auto };
}

export const listSnapshots = (boardId: string, token: string) =>
  call(base(boardId), token, (v) =>
    Array.isArray(v.snapshots) ? v.snapshots.flatMap((s) => readInfo(s) ?? []) : null,
  );

export const takeSnapshot = (boardId: string, token: string, name: string, by: string) =>
  call(base(boardId), token, (v) => readInfo(v), {
    method: 'POST',
    body: JSON.stringify({ name, by }),
  });

export const openSnapshot = (boardId: string, token: string, id: string) =>
  call(`${base(boardId)}/${encodeURIComponent(id)}`, token, (v) =>
    typeof v.board === 'object' && v.board !== null ? (v.board as BoardView) : null,
  );

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** From snapshot `id` to `against` (another snapshot's id, or "now"). */
export const compare = (boardId: string, token: string, id: string, against: string) =>
  call(
    `${base(boardId)}/${encodeURIComponent(id)}/diff?against=${encodeURIComponent(against)}`,
    token,
    (v): Comparison | null =>
      isObject(v.diff) && isObject(v.before) && isObject(v.after)
        ? {
            diff: v.diff as unknown as BoardDiff,
            before: v.before as unknown as BoardView,
            after: v.after as unknown as BoardView,
          }
        : null,
  );

export const deleteSnapshot = (boardId: string, token: string, id: string, by: string) =>
  call(
    `${base(boardId)}/${encodeURIComponent(id)}?by=${encodeURIComponent(by)}`,
    token,
    (v) => (typeof v.deleted === 'string' ? v.deleted : null),
    { method: 'DELETE' },
  );

/** `by`: the facilitator's name, on the snapshot of now that a restore onto the board keeps. */
export const restoreSnapshot = (
  boardId: string,
  token: string,
  id: string,
  mode: 'onto' | 'new',
  by = '',
) =>
  call(
    `${base(boardId)}/${encodeURIComponent(id)}/restore`,
    token,
    (v) => ({
      id: typeof v.id === 'string' ? v.id : null,
      token: typeof v.token === 'string' ? v.token : null,
    }),
    { method: 'POST', body: JSON.stringify({ mode, by }) },
  );
