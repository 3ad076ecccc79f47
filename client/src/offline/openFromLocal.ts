import type { BoardLookup } from '../api';
import type { LocalBoard } from './localBoards';

export type PageLookup = { kind: 'loading' } | BoardLookup;

/**
 * What the board page shows, given the server's answer so far and this browser's local copy.
 * With a local copy the board opens at once (before the server answered) and stays open when
 * the server cannot be reached; the sync socket then connects whenever it can. A board the
 * server says is missing or closed to this link is never opened from the copy.
 */
export function openFromLocal(
  boardId: string,
  lookup: PageLookup,
  local: LocalBoard | null,
): PageLookup {
  if (local === null) return lookup;
  switch (lookup.kind) {
    case 'loading':
    case 'network-error':
    case 'unavailable':
      return {
        kind: 'found',
        id: boardId,
        title: local.title,
        role: local.welcome?.role ?? null,
        organisations: [],
      };
    default:
      return lookup;
  }
}
