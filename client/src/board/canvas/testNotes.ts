import type { ClusterView, NoteView } from '@paja/shared';
import { layoutRoadmap } from './roadmapLayout';

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
    lang: null,
    translations: {},
    media: null,
    ...fields,
  };
}

/** An open cluster frame for tests. */
export function cluster(id: string, fields: Partial<ClusterView> = {}): ClusterView {
  return {
    id,
    title: '',
    color: 'gray',
    x: 0,
    y: 0,
    w: 600,
    h: 400,
    collapsed: false,
    locked: false,
    members: [],
    authorId: '',
    createdAt: 0,
    lang: null,
    translations: {},
    ...fields,
  };
}

/** The layout of a roadmap of one lane 'L' and one period 'P'. */
export function oneCellRoadmap() {
  return layoutRoadmap(
    {
      lanes: [{ id: 'L', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
      periods: [{ id: 'P', title: '', order: 'a0', locked: false, lang: null, translations: {} }],
    },
    [],
  );
}
