import {
  type PrivateMode,
  type PrivateNoteInput,
  readNoteInput,
  readPrivateMode,
} from '@paja/shared';

/**
 * What is kept in this browser, so that private notes written offline survive a reload.
 * localStorage, not the board's IndexedDB copy: that copy is the shared document's, and a
 * private note must never enter it; these records are small and must be readable
 * synchronously on load.
 */
export interface Kept {
  mode: PrivateMode | null;
  /** Own private notes by id, as last written here or confirmed. */
  notes: Record<string, PrivateNoteInput>;
  /** Ids whose latest version (or removal) the server has not confirmed. */
  dirty: string[];
}

/** The key one board's private notes are kept under. */
export function keptKey(boardId: string): string {
  return `paja.private.${boardId}`;
}

/** What was kept for `key`, each note validated; empty when nothing (readable) was. */
export function loadKept(key: string): Kept {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw) {
      const parsed = JSON.parse(raw) as { mode?: unknown; notes?: unknown; dirty?: unknown };
      const notes: Record<string, PrivateNoteInput> = {};
      for (const value of Object.values((parsed.notes ?? {}) as object)) {
        const note = readNoteInput(value);
        if (typeof note !== 'string') notes[note.id] = note;
      }
      const dirty = Array.isArray(parsed.dirty)
        ? parsed.dirty.filter((id): id is string => typeof id === 'string')
        : [];
      return { mode: readPrivateMode(parsed.mode) ?? null, notes, dirty };
    }
  } catch {
    // Unreadable or unavailable: start empty (the server holds what it confirmed).
  }
  return { mode: null, notes: {}, dirty: [] };
}

/** Keeps `kept` under `key`; nothing at all when no brainstorm runs and nothing is unsent. */
export function saveKept(key: string, kept: Kept): void {
  try {
    if (kept.mode === null && kept.dirty.length === 0) {
      window.localStorage.removeItem(key);
    } else {
      window.localStorage.setItem(key, JSON.stringify(kept));
    }
  } catch {
    // Storage full or blocked: the notes still go to the server while online.
  }
}
