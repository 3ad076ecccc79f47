import { isRole, type Role } from '@paja/shared';

/**
 * What this browser remembers about a board it has a local copy of, in localStorage (read
 * synchronously on load, so an offline reload can decide at once to open the local copy):
 * the title for the first paint, and who the server last said this person is, so that an
 * offline page authors notes under the right participant id and hides editing from a viewer.
 */
export interface LocalBoard {
  title: string;
  /** From the server's last `welcome`, valid only for the token it was given to. */
  welcome: { participantId: string; role: Role; tokenTag: string } | null;
}

const PREFIX = 'paja.local.';

export function localBoard(boardId: string): LocalBoard | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + boardId);
    return raw === null ? null : parseLocalBoard(raw);
  } catch {
    return null;
  }
}

export function rememberLocalBoard(boardId: string, change: Partial<LocalBoard>): void {
  const next: LocalBoard = { title: '', welcome: null, ...localBoard(boardId), ...change };
  try {
    window.localStorage.setItem(PREFIX + boardId, JSON.stringify(next));
  } catch {
    // Without the record an offline reload shows the "no connection" message instead.
  }
}

export function forgetLocalBoard(boardId: string): void {
  try {
    window.localStorage.removeItem(PREFIX + boardId);
  } catch {
    // Nothing to forget.
  }
}

/** The remembered welcome, if it was given for this token. */
export function rememberedWelcome(
  record: LocalBoard | null,
  token: string | null,
): { participantId: string; role: Role } | null {
  const welcome = record?.welcome;
  if (!welcome || welcome.tokenTag !== tokenTag(token)) return null;
  return { participantId: welcome.participantId, role: welcome.role };
}

/**
 * A short fingerprint of the token (FNV-1a), so that the record can tell which link a welcome
 * belongs to without keeping a second copy of the capability itself.
 */
export function tokenTag(token: string | null): string {
  let hash = 0x811c9dc5;
  for (const char of token ?? '') {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function parseLocalBoard(raw: string): LocalBoard | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { title, welcome } = value as Record<string, unknown>;
    return {
      title: typeof title === 'string' ? title : '',
      welcome: parseWelcome(welcome),
    };
  } catch {
    return null;
  }
}

function parseWelcome(value: unknown): LocalBoard['welcome'] {
  if (typeof value !== 'object' || value === null) return null;
  const { participantId, role, tokenTag } = value as Record<string, unknown>;
  if (typeof participantId !== 'string' || participantId === '') return null;
  if (!isRole(role) || typeof tokenTag !== 'string') return null;
  return { participantId, role, tokenTag };
}
