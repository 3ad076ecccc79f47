import { call } from './historyApi';

/** The people API (PROTOCOL.md, "People and personal data"), facilitators only. */
export interface PersonInfo {
  key: string;
  names: string[];
  notes: number;
  comments: number;
  votes: number;
  snapshots: number;
}

export interface AuditEntry {
  at: number;
  action: string;
  by: string;
  detail: string;
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function readPerson(v: unknown): PersonInfo | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  if (typeof p.key !== 'string' || !Array.isArray(p.names)) return null;
  return {
    key: p.key,
    names: p.names.filter((n): n is string => typeof n === 'string'),
    notes: count(p.notes),
    comments: count(p.comments),
    votes: count(p.votes),
    snapshots: count(p.snapshots),
  };
}

export const listPeople = (boardId: string, token: string) =>
  call(`${base(boardId)}/people`, token, (v) =>
    Array.isArray(v.people) ? v.people.flatMap((p) => readPerson(p) ?? []) : null,
  );

export const forgetPerson = (
  boardId: string,
  token: string,
  input: { key: string; mode: 'remove' | 'pseudonymise'; pseudonym: string; by: string },
) =>
  call(
    `${base(boardId)}/people/forget`,
    token,
    (v) => ({ board: count(v.board), snapshots: count(v.snapshots), held: count(v.held) }),
    { method: 'POST', body: JSON.stringify(input) },
  );

export const readAudit = (boardId: string, token: string) =>
  call(`${base(boardId)}/audit`, token, (v) =>
    Array.isArray(v.audit)
      ? v.audit.flatMap((e): AuditEntry[] => {
          const r = e as Record<string, unknown>;
          return typeof r.at === 'number' && typeof r.action === 'string'
            ? [
                {
                  at: r.at,
                  action: r.action,
                  by: String(r.by ?? ''),
                  detail: String(r.detail ?? ''),
                },
              ]
            : [];
        })
      : null,
  );
