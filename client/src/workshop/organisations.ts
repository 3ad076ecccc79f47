import { readStored, StorageKey, writeStored } from '../storage';

/** The longest organisation name accepted (the board model refuses longer ones). */
export const ORGANISATION_NAME_MAX = 80;

export function cleanOrganisation(input: string): string {
  return input.replace(/\s+/g, ' ').trim().slice(0, ORGANISATION_NAME_MAX);
}

/** The organisation this browser's person last joined with ('' for none). */
export function storedOrganisation(): string {
  return cleanOrganisation(readStored(StorageKey.organisation) ?? '');
}

export function rememberOrganisation(name: string): void {
  writeStored(StorageKey.organisation, cleanOrganisation(name));
}

export interface OrganisationCount {
  /** null: notes whose author gave no organisation. */
  name: string | null;
  notes: number;
  /** Distinct authors who wrote them. */
  people: number;
}

/**
 * Who contributed what: notes and distinct authors per organisation, most notes first (ties
 * by name; "no organisation" last). Organisations on the board's list with no notes yet are
 * listed too, with zero, so a facilitator sees who has not been heard.
 */
export function countByOrganisation(
  notes: ReadonlyArray<{ organisation: string | null; authorId: string }>,
  listed: readonly string[] = [],
): OrganisationCount[] {
  const byName = new Map<string | null, { notes: number; people: Set<string> }>();
  for (const name of listed) byName.set(name, { notes: 0, people: new Set() });
  for (const note of notes) {
    const entry = byName.get(note.organisation) ?? { notes: 0, people: new Set<string>() };
    entry.notes++;
    if (note.authorId !== '') entry.people.add(note.authorId);
    byName.set(note.organisation, entry);
  }
  return [...byName]
    .map(([name, entry]) => ({ name, notes: entry.notes, people: entry.people.size }))
    .sort((a, b) => {
      if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
      return b.notes - a.notes || (a.name ?? '').localeCompare(b.name ?? '');
    });
}

/** What a note shows under its text: who wrote it, and for which organisation. */
export function authorLine(note: { authorName: string; organisation: string | null }): string {
  if (!note.organisation) return note.authorName;
  return note.authorName === '' ? note.organisation : `${note.authorName} · ${note.organisation}`;
}
