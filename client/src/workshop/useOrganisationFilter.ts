import type { NoteView } from '@paja/shared';
import { useState } from 'react';

export interface OrganisationFilter {
  /** The organisation shown alone, '' for notes without one, or null: all notes. */
  filter: string | null;
  setFilter(organisation: string | null): void;
}

/**
 * "Show only the notes of one organisation": a view over the notes, nothing in the document,
 * so each person filters for themselves and nobody else's board changes.
 */
export function useOrganisationFilter(): OrganisationFilter {
  const [filter, setFilter] = useState<string | null>(null);
  return { filter, setFilter };
}

export function filterByOrganisation(notes: NoteView[], filter: string | null): NoteView[] {
  return filter === null ? notes : notes.filter((note) => (note.organisation ?? '') === filter);
}
