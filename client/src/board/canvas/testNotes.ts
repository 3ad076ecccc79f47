import type { NoteView } from '@paja/shared';

/** A NoteView for tests: only what a test cares about needs saying. */
export function note(id: string, fields: Partial<NoteView> = {}): NoteView {
  return {
    id,
    x: 0,
    y: 0,
    w: 100,
    h: 100,
    color: 'yellow',
    text: '',
    z: 'a0',
    authorId: 'p',
    authorName: 'P',
    organisation: null,
    createdAt: 0,
    editedAt: 0,
    locked: false,
    cluster: null,
    clusterOrder: null,
    cell: null,
    ...fields,
  };
}
