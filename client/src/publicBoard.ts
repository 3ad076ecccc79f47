import { isBoardId, LOCALES, type Locale } from '@paja/shared';

/** What the public address shows before the board opens (GET /api/public/<id>). */
export type PublicLookup =
  | { kind: 'found'; id: string; title: string; locale: Locale; comments: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-published' }
  | { kind: 'network-error' };

/** Asks the server whether the board is published; no token, no name. Answers are checked. */
export async function lookupPublicBoard(
  boardId: string,
  signal?: AbortSignal,
): Promise<PublicLookup> {
  if (!isBoardId(boardId)) return { kind: 'not-found' };
  let response: Response;
  try {
    response = await fetch(`/api/public/${encodeURIComponent(boardId)}`, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'network-error' };
  }
  if (response.status === 404) return { kind: 'not-found' };
  if (response.status === 410) return { kind: 'not-published' };
  if (!response.ok) return { kind: 'network-error' };
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null) return { kind: 'network-error' };
  const { title, locale, comments } = body as Record<string, unknown>;
  return {
    kind: 'found',
    id: boardId,
    title: typeof title === 'string' ? title : '',
    locale: (LOCALES as readonly unknown[]).includes(locale) ? (locale as Locale) : 'fi',
    comments: comments === true,
  };
}
