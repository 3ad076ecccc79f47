import * as Y from 'yjs';
import { DEFAULT_CLUSTER_COLOR, isNoteColor, type NoteColor } from '../schema';
import { isFiniteNumber } from '../values';
import { readTranslated, type Translated } from './language';

/*
 * The cluster record (a discussion topic): one Y.Map per cluster in the top-level `clusters`
 * map, keyed by id. Membership lives on the notes (NoteKey.cluster, NoteKey.clusterOrder), not
 * here, so a note is in at most one cluster. The operations are in clusters.ts.
 */

export const ClusterKey = {
  /** Y.Text: the topic's title; two facilitators typing both keep their characters. */
  title: 'title',
  /** NoteColor: palette name of the cluster's frame. LWW. */
  color: 'color',
  /** numbers: the cluster's frame in board units. LWW each. */
  x: 'x',
  y: 'y',
  w: 'w',
  h: 'h',
  /** boolean: members are hidden behind the title. LWW. */
  collapsed: 'collapsed',
  /** string: participant id of the creator. Set once. */
  authorId: 'authorId',
  /** number: ms since epoch at creation. Set once; clusters are listed in creation order. */
  createdAt: 'createdAt',
  /**
   * boolean | absent: settled by a facilitator (v3; absent = false). A locked cluster keeps
   * its title, colour, frame and members; operations leave it alone. LWW; only facilitators
   * write it (the server refuses it from anyone else).
   */
  locked: 'locked',
} as const;

/** `title` is the original, in `lang`; translations in `translations` (records/language.ts). */
export interface ClusterView extends Translated {
  id: string;
  title: string;
  color: NoteColor;
  x: number;
  y: number;
  w: number;
  h: number;
  collapsed: boolean;
  locked: boolean;
  /** Ids of member notes in member order (clusterOrder, then id). */
  members: string[];
  authorId: string;
  createdAt: number;
}

/** Validates one cluster's own fields (members come from the notes). */
export function readClusterEntry(
  id: string,
  cluster: unknown,
): Omit<ClusterView, 'members'> | string {
  if (!(cluster instanceof Y.Map)) return 'not a map';
  const title = cluster.get(ClusterKey.title);
  if (!(title instanceof Y.Text)) return 'title is missing';
  const color = cluster.get(ClusterKey.color);
  if (!isNoteColor(color)) return `unknown colour ${String(color)}`;
  const frame = {
    x: cluster.get(ClusterKey.x),
    y: cluster.get(ClusterKey.y),
    w: cluster.get(ClusterKey.w),
    h: cluster.get(ClusterKey.h),
  };
  for (const [name, value] of Object.entries(frame)) {
    if (!isFiniteNumber(value)) return `${name} is not a number`;
  }
  const collapsed = cluster.get(ClusterKey.collapsed) ?? false;
  if (typeof collapsed !== 'boolean') return 'collapsed is not a boolean';
  const locked = cluster.get(ClusterKey.locked) ?? false;
  if (typeof locked !== 'boolean') return 'locked is not a boolean';
  const authorId = cluster.get(ClusterKey.authorId) ?? '';
  if (typeof authorId !== 'string') return 'authorId is not a string';
  const createdAt = cluster.get(ClusterKey.createdAt) ?? 0;
  if (!isFiniteNumber(createdAt)) return 'createdAt is not a number';
  const translated = readTranslated(cluster);
  if (typeof translated === 'string') return translated;
  return {
    id,
    title: title.toString(),
    color,
    x: frame.x as number,
    y: frame.y as number,
    w: frame.w as number,
    h: frame.h as number,
    collapsed,
    locked,
    authorId,
    createdAt,
    ...translated,
  };
}

/** Healing defaults (heal.ts) for a cluster whose required field an undo could not restore. */
export const CLUSTER_FILLS: Readonly<Record<string, () => unknown>> = {
  [ClusterKey.title]: () => new Y.Text(),
  [ClusterKey.color]: () => DEFAULT_CLUSTER_COLOR,
  [ClusterKey.x]: () => 0,
  [ClusterKey.y]: () => 0,
  [ClusterKey.w]: () => 400,
  [ClusterKey.h]: () => 300,
};

/*
 * Migration steps: clusters are new in v2 (nothing to move); `locked` is new in v3 and
 * optional (absent = unlocked). No step writes anything.
 */
