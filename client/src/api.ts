import { isRole, type Locale, type Role } from '@paja/shared';

/** What the HTTP API answers; see the server's PROTOCOL.md. Responses are checked, not trusted. */
export interface CreatedBoard {
  id: string;
  path: string;
  /** The creator's (facilitator's) access token, when the server issues tokens. */
  token: string | null;
}

export type BoardLookup =
  | { kind: 'found'; id: string; title: string; role: Role | null }
  | { kind: 'not-found' }
  | { kind: 'no-access' }
  | { kind: 'unavailable' }
  | { kind: 'network-error' };

export async function createBoard(input: {
  title?: string;
  locale: Locale;
}): Promise<CreatedBoard> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`Creating a board failed: HTTP ${response.status}`);
  }
  const body: unknown = await response.json();
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw new Error('Creating a board failed: unexpected response');
  }
  const path = typeof body.path === 'string' ? body.path : `/b/${encodeURIComponent(body.id)}`;
  const token = typeof body.token === 'string' ? body.token : null;
  return { id: body.id, path, token };
}

export async function lookupBoard(
  id: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<BoardLookup> {
  let response: Response;
  const init: RequestInit = token ? { headers: { authorization: `Bearer ${token}` } } : {};
  if (signal) init.signal = signal;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(id)}`, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'network-error' };
  }
  if (response.status === 404) return { kind: 'not-found' };
  if (response.status === 401 || response.status === 403) return { kind: 'no-access' };
  if (!response.ok) return { kind: 'unavailable' };
  try {
    const body: unknown = await response.json();
    if (!isRecord(body)) return { kind: 'unavailable' };
    return {
      kind: 'found',
      id,
      title: typeof body.title === 'string' ? body.title : '',
      role: isRole(body.role) ? body.role : null,
    };
  } catch {
    return { kind: 'unavailable' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
