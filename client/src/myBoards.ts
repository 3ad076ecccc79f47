import { isBoardId, isRole, ROLES, type Role } from '@paja/shared';
import { forgetToken, rememberedToken, rememberToken } from './linkToken';

/**
 * "My boards": the boards this browser has opened, for the front page. Kept in localStorage
 * (no account); the access tokens stay in their own keys (linkToken.ts), never in this list.
 */
export interface MyBoard {
  id: string;
  title: string;
  role: Role;
  /** ms since epoch. */
  lastOpened: number;
}

const KEY = 'paja.myBoards';
/** Enough for a facilitator's season of workshops; the oldest fall off. */
export const MY_BOARDS_MAX = 50;

export function myBoards(): MyBoard[] {
  try {
    return parseMyBoards(window.localStorage.getItem(KEY));
  } catch {
    return [];
  }
}

/** The list as stored: anything malformed is dropped, newest first. */
export function parseMyBoards(raw: string | null): MyBoard[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const boards: MyBoard[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, title, role, lastOpened } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !isBoardId(id) || !isRole(role) || typeof lastOpened !== 'number')
      continue;
    boards.push({ id, title: typeof title === 'string' ? title : '', role, lastOpened });
  }
  return boards.sort((a, b) => b.lastOpened - a.lastOpened);
}

/** A stronger role comes first in ROLES: facilitator > participant > commenter > viewer. */
function stronger(a: Role, b: Role): boolean {
  return ROLES.indexOf(a) < ROLES.indexOf(b);
}

/**
 * Records an opened board. A weaker link opened later (a facilitator trying the participant
 * link in the same browser) does not replace the stronger token the browser already holds:
 * "my boards" would otherwise quietly demote the facilitator.
 */
export function rememberBoardVisit(
  visit: { id: string; title: string; role: Role; token: string | null },
  now = Date.now(),
): void {
  const boards = myBoards();
  const earlier = boards.find((board) => board.id === visit.id);
  const keepEarlier =
    earlier !== undefined &&
    stronger(earlier.role, visit.role) &&
    rememberedToken(visit.id) !== null;
  if (visit.token && !keepEarlier) rememberToken(visit.id, visit.token);
  const entry: MyBoard = {
    id: visit.id,
    title: visit.title,
    role: keepEarlier && earlier ? earlier.role : visit.role,
    lastOpened: now,
  };
  write([entry, ...boards.filter((board) => board.id !== visit.id)].slice(0, MY_BOARDS_MAX));
}

/** Takes a board off the list and forgets its token (the board itself is not touched). */
export function forgetBoard(id: string): void {
  forgetToken(id);
  write(myBoards().filter((board) => board.id !== id));
}

function write(boards: MyBoard[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(boards));
  } catch {
    // The list is a convenience; the board works without it.
  }
}
