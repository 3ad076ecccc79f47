import type * as Y from 'yjs';
import { addToCluster, createCluster } from './clusters';
import { createNote } from './notes';
import { addLane, addPeriod } from './roadmap';
import { transact } from './roots';
import {
  BOARD_EXTENT,
  CLUSTER_MAX_SIZE,
  isNoteColor,
  LOCALES,
  type Locale,
  NOTE_MAX_SIZE,
  NOTE_MAX_TEXT,
  NOTE_MIN_SIZE,
  type NoteColor,
  TITLE_MAX,
} from './schema';

/**
 * Board templates are data: JSON files (shared/templates/*.json) that the server reads at
 * start and checks with parseTemplate, so an operator adds one without writing code. Every
 * text is given in all three languages (or once, for words that need no translation, such
 * as "2030"); a board made from a template gets the texts of its own language.
 *
 * A template holds what the board model holds: notes, clusters (frames with a title, which
 * also serve as the labelled areas of a workshop board), and roadmap lanes and periods.
 */
export type TemplateText = string | Readonly<Record<Locale, string>>;

export interface TemplateCluster {
  /** Name a note uses to sit in this cluster (`"cluster": key`). */
  key?: string;
  title: TemplateText;
  x: number;
  y: number;
  w: number;
  h: number;
  color?: NoteColor;
}

export interface TemplateNote {
  text: TemplateText;
  x: number;
  y: number;
  w?: number;
  h?: number;
  color?: NoteColor;
  /** The `key` of a cluster of this template. */
  cluster?: string;
}

export interface BoardTemplate {
  /** Lower-case letters, digits and dashes; what POST /api/boards takes as `template`. */
  id: string;
  /** Where the template is listed (ascending). */
  order: number;
  name: Readonly<Record<Locale, string>>;
  description: Readonly<Record<Locale, string>>;
  /** The board's title when its creator gives none. */
  title?: TemplateText;
  clusters: TemplateCluster[];
  notes: TemplateNote[];
  /** Roadmap themes, top to bottom. */
  lanes: TemplateText[];
  /** Roadmap periods, left to right. */
  periods: TemplateText[];
}

export const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** A template is a starting point, not a board: a cap keeps a typo from making a huge one. */
const MAX_ITEMS = 500;

export type TemplateCheck = { ok: true; template: BoardTemplate } | { ok: false; errors: string[] };

/** Checks a parsed JSON value as a template; every problem is named with where it is. */
export function parseTemplate(value: unknown): TemplateCheck {
  const errors: string[] = [];
  const at = (where: string, problem: string) => errors.push(`${where}: ${problem}`);
  if (!isObject(value)) return { ok: false, errors: ['the template is not a JSON object'] };

  const id = value.id;
  if (typeof id !== 'string' || !TEMPLATE_ID.test(id)) {
    at('id', 'must be 1-40 lower-case letters, digits or dashes, e.g. "retro-2030"');
  }
  const order = value.order ?? 100;
  if (typeof order !== 'number' || !Number.isFinite(order)) at('order', 'must be a number');
  const name = readAllLocales(value.name, 'name', TITLE_MAX, at);
  const description = readAllLocales(value.description ?? value.name, 'description', 1000, at);
  const title = value.title === undefined ? undefined : readText(value.title, 'title', at);

  const clusters = readList(value.clusters, 'clusters', at).map((entry, i) =>
    readCluster(entry, `clusters[${i}]`, at),
  );
  const keys = new Set<string>();
  for (const [i, cluster] of clusters.entries()) {
    if (!cluster?.key) continue;
    if (keys.has(cluster.key)) at(`clusters[${i}].key`, `"${cluster.key}" is used twice`);
    keys.add(cluster.key);
  }
  const notes = readList(value.notes, 'notes', at).map((entry, i) =>
    readNote(entry, `notes[${i}]`, keys, at),
  );
  const lanes = readList(value.lanes, 'lanes', at).map((t, i) => readText(t, `lanes[${i}]`, at));
  const periods = readList(value.periods, 'periods', at).map((t, i) =>
    readText(t, `periods[${i}]`, at),
  );
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    template: {
      id: id as string,
      order: order as number,
      name: name as Record<Locale, string>,
      description: description as Record<Locale, string>,
      ...(title === undefined ? {} : { title: title as TemplateText }),
      clusters: clusters as TemplateCluster[],
      notes: notes as TemplateNote[],
      lanes: lanes as TemplateText[],
      periods: periods as TemplateText[],
    },
  };
}

/** A template's text in one language. */
export function localize(text: TemplateText, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}

/**
 * Writes a template's content into a board, in the board's language, as one transaction.
 * Template notes have no author: they belong to the board, not to a person.
 */
export function applyTemplate(
  doc: Y.Doc,
  template: BoardTemplate,
  locale: Locale,
  now = Date.now(),
): void {
  transact(doc, () => {
    const clusterIds = new Map<string, string>();
    for (const cluster of template.clusters) {
      const id = createCluster(doc, {
        noteIds: [],
        title: localize(cluster.title, locale),
        x: cluster.x,
        y: cluster.y,
        w: cluster.w,
        h: cluster.h,
        ...(cluster.color ? { color: cluster.color } : {}),
        now,
      });
      if (cluster.key) clusterIds.set(cluster.key, id);
    }
    const members = new Map<string, string[]>();
    for (const note of template.notes) {
      const id = createNote(doc, {
        x: note.x,
        y: note.y,
        ...(note.w === undefined ? {} : { w: note.w }),
        ...(note.h === undefined ? {} : { h: note.h }),
        ...(note.color ? { color: note.color } : {}),
        text: localize(note.text, locale),
        authorId: '',
        authorName: '',
        now,
      });
      const cluster = note.cluster === undefined ? undefined : clusterIds.get(note.cluster);
      if (cluster) members.set(cluster, [...(members.get(cluster) ?? []), id]);
    }
    for (const [cluster, ids] of members) {
      // Members keep the places the template gave them; only membership is written.
      addToCluster(doc, cluster, ids);
    }
    for (const lane of template.lanes) addLane(doc, { title: localize(lane, locale), now });
    for (const period of template.periods) {
      addPeriod(doc, { title: localize(period, locale), now });
    }
  });
}

type Report = (where: string, problem: string) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readList(value: unknown, where: string, at: Report): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    at(where, 'must be a list');
    return [];
  }
  if (value.length > MAX_ITEMS) at(where, `has more than ${MAX_ITEMS} entries`);
  return value;
}

function readAllLocales(
  value: unknown,
  where: string,
  max: number,
  at: Report,
): Record<Locale, string> | null {
  if (!isObject(value)) {
    at(
      where,
      `must give the text in each language: { ${LOCALES.map((l) => `"${l}": "…"`).join(', ')} }`,
    );
    return null;
  }
  const texts: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const text = value[locale];
    if (typeof text !== 'string' || text.trim() === '') at(`${where}.${locale}`, 'is missing');
    else if (text.length > max) at(`${where}.${locale}`, `is longer than ${max} characters`);
    else texts[locale] = text;
  }
  for (const key of Object.keys(value)) {
    if (!(LOCALES as readonly string[]).includes(key))
      at(`${where}.${key}`, 'is not a language Paja speaks (fi, sv, en)');
  }
  return texts as Record<Locale, string>;
}

function readText(value: unknown, where: string, at: Report): TemplateText | null {
  if (typeof value === 'string') {
    if (value.length > NOTE_MAX_TEXT) at(where, `is longer than ${NOTE_MAX_TEXT} characters`);
    return value;
  }
  return readAllLocales(value, where, NOTE_MAX_TEXT, at);
}

function readCoord(entry: Record<string, unknown>, key: string, where: string, at: Report) {
  const value = entry[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > BOARD_EXTENT) {
    at(`${where}.${key}`, `must be a number between -${BOARD_EXTENT} and ${BOARD_EXTENT}`);
  }
  return value as number;
}

function readSize(
  entry: Record<string, unknown>,
  key: string,
  where: string,
  range: [number, number],
  at: Report,
) {
  const value = entry[key];
  if (typeof value !== 'number' || !(value >= range[0] && value <= range[1])) {
    at(`${where}.${key}`, `must be a number from ${range[0]} to ${range[1]}`);
  }
  return value as number;
}

function readColor(entry: Record<string, unknown>, where: string, at: Report) {
  const color = entry.color;
  if (color !== undefined && !isNoteColor(color)) {
    at(`${where}.color`, `"${String(color)}" is not a palette colour`);
  }
  return color as NoteColor | undefined;
}

function readCluster(entry: unknown, where: string, at: Report): TemplateCluster | null {
  if (!isObject(entry)) {
    at(where, 'must be an object');
    return null;
  }
  const key = entry.key;
  if (key !== undefined && (typeof key !== 'string' || key === '')) {
    at(`${where}.key`, 'must be a non-empty string');
  }
  const color = readColor(entry, where, at);
  return {
    ...(typeof key === 'string' ? { key } : {}),
    title: readText(entry.title, `${where}.title`, at) as TemplateText,
    x: readCoord(entry, 'x', where, at),
    y: readCoord(entry, 'y', where, at),
    w: readSize(entry, 'w', where, [NOTE_MIN_SIZE, CLUSTER_MAX_SIZE], at),
    h: readSize(entry, 'h', where, [NOTE_MIN_SIZE, CLUSTER_MAX_SIZE], at),
    ...(color ? { color } : {}),
  };
}

function readNote(
  entry: unknown,
  where: string,
  clusterKeys: ReadonlySet<string>,
  at: Report,
): TemplateNote | null {
  if (!isObject(entry)) {
    at(where, 'must be an object');
    return null;
  }
  const cluster = entry.cluster;
  if (cluster !== undefined && (typeof cluster !== 'string' || !clusterKeys.has(cluster))) {
    at(`${where}.cluster`, `names no cluster key of this template`);
  }
  const color = readColor(entry, where, at);
  const size = [NOTE_MIN_SIZE, NOTE_MAX_SIZE] as [number, number];
  return {
    text: readText(entry.text, `${where}.text`, at) as TemplateText,
    x: readCoord(entry, 'x', where, at),
    y: readCoord(entry, 'y', where, at),
    ...(entry.w === undefined ? {} : { w: readSize(entry, 'w', where, size, at) }),
    ...(entry.h === undefined ? {} : { h: readSize(entry, 'h', where, size, at) }),
    ...(color ? { color } : {}),
    ...(typeof cluster === 'string' ? { cluster } : {}),
  };
}
