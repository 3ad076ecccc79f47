import { isRole, LOCALES, type Locale, type Role } from '@paja/shared';

/** What the HTTP API answers; see the server's PROTOCOL.md. Responses are checked, not trusted. */
export interface CreatedBoard {
  id: string;
  path: string;
  /** The creator's (facilitator's) access token, when the server issues tokens. */
  token: string | null;
}

export type BoardLookup =
  | {
      kind: 'found';
      id: string;
      title: string;
      role: Role | null;
      /** The organisations the join dialog offers (the facilitator's list). */
      organisations: string[];
    }
  | { kind: 'not-found' }
  /** `reason`: the server's words when they tell the person more (a revoked link, a mistyped address). */
  | { kind: 'no-access'; reason?: string }
  | { kind: 'unavailable' }
  | { kind: 'network-error' };

/**
 * Why creating a board failed: the template is gone from the server, too many boards from this
 * address lately (429), creation kept to the server's operators (403), or anything else.
 */
export class CreateBoardError extends Error {
  constructor(readonly reason: 'unknownTemplate' | 'throttled' | 'restricted' | 'failed') {
    super(`Creating a board failed: ${reason}`);
    this.name = 'CreateBoardError';
  }
}

export async function createBoard(input: {
  title?: string;
  locale: Locale;
  template?: string;
}): Promise<CreatedBoard> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (response.status === 400 && input.template !== undefined) {
    const body: unknown = await response.json().catch(() => null);
    if (isRecord(body) && typeof body.error === 'string' && body.error.includes('template')) {
      throw new CreateBoardError('unknownTemplate');
    }
  }
  if (response.status === 429) throw new CreateBoardError('throttled');
  if (response.status === 403) throw new CreateBoardError('restricted');
  if (response.status !== 201 && response.status !== 200) throw new CreateBoardError('failed');
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
  if (response.status === 401 || response.status === 403) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    return typeof body?.error === 'string'
      ? { kind: 'no-access', reason: body.error }
      : { kind: 'no-access' };
  }
  if (!response.ok) return { kind: 'unavailable' };
  try {
    const body: unknown = await response.json();
    if (!isRecord(body)) return { kind: 'unavailable' };
    return {
      kind: 'found',
      id,
      title: typeof body.title === 'string' ? body.title : '',
      role: isRole(body.role) ? body.role : null,
      organisations: Array.isArray(body.organisations)
        ? body.organisations.filter((o): o is string => typeof o === 'string')
        : [],
    };
  } catch {
    return { kind: 'unavailable' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface TemplateInfo {
  id: string;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** The board templates the server offers; an empty list if it cannot say (then: blank). */
export async function listTemplates(): Promise<TemplateInfo[]> {
  try {
    const response = await fetch('/api/templates');
    if (!response.ok) return [];
    const body: unknown = await response.json();
    if (!isRecord(body) || !Array.isArray(body.templates)) return [];
    return body.templates.filter(
      (t): t is TemplateInfo =>
        isRecord(t) &&
        typeof t.id === 'string' &&
        LOCALES.every(
          (l) =>
            isRecord(t.name) &&
            typeof t.name[l] === 'string' &&
            isRecord(t.description) &&
            typeof t.description[l] === 'string',
        ),
    );
  } catch {
    return [];
  }
}
