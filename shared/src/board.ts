import * as Y from 'yjs';
import type { BoardView } from './boardView';
import { readClusterEntries, withMembers } from './clusters';
import { readComments } from './comments';
import { readNotes } from './notes';
import {
  DEFAULT_PHASE,
  type LockArea,
  lockKey,
  MetaKey,
  PHASE_SETTINGS,
  type PhaseSettings,
  phaseKey,
  readMeta,
} from './records/meta';
import { NoteKey } from './records/note';
import type { RoadmapCell } from './records/roadmap';
import { VoteSessionKey } from './records/vote';
import { readRoadmap } from './roadmap';
import {
  clustersMap,
  lanesMap,
  metaMap,
  notesMap,
  periodsMap,
  transact,
  voteSessionsMap,
} from './roots';
import {
  type DanglingRef,
  type InvalidEntry,
  isLocale,
  type Locale,
  ORGANISATION_MAX,
  ORGANISATIONS_MAX,
  SCHEMA_VERSION,
} from './schema';
import { cleanTitle } from './values';
import { readVoteSessions } from './votes';

export interface NewBoard {
  title: string;
  locale: Locale;
  now?: number;
  /** Id of the template the board is created from. */
  template?: string;
  /** Phase settings to start with; unspecified ones take DEFAULT_PHASE. */
  phase?: Partial<PhaseSettings>;
  /** Organisations to offer on joining (see setOrganisations). */
  organisations?: readonly string[];
}

/**
 * Writes the meta of a new board. Called once, by whoever creates the board (the server),
 * so that two first visitors do not both initialise it.
 */
export function initBoard(doc: Y.Doc, board: NewBoard): void {
  if (!isLocale(board.locale)) throw new Error(`Unknown locale: ${String(board.locale)}`);
  transact(doc, () => {
    const meta = metaMap(doc);
    meta.set(MetaKey.schemaVersion, SCHEMA_VERSION);
    meta.set(MetaKey.title, cleanTitle(board.title));
    meta.set(MetaKey.locale, board.locale);
    meta.set(MetaKey.contentLangs, [board.locale]);
    meta.set(MetaKey.createdAt, board.now ?? Date.now());
    if (board.template !== undefined) meta.set(MetaKey.template, board.template);
    // Every setting explicitly: a later change of DEFAULT_PHASE must not change this board.
    writePhase(doc, { ...DEFAULT_PHASE, ...board.phase });
    if (board.organisations?.length) setOrganisations(doc, board.organisations);
  });
}

export function setTitle(doc: Y.Doc, title: string): void {
  const clean = cleanTitle(title);
  if (metaMap(doc).get(MetaKey.title) === clean) return;
  transact(doc, () => metaMap(doc).set(MetaKey.title, clean));
}

export function setLocale(doc: Y.Doc, locale: Locale): void {
  if (!isLocale(locale)) throw new Error(`Unknown locale: ${String(locale)}`);
  if (metaMap(doc).get(MetaKey.locale) === locale) return;
  transact(doc, () => metaMap(doc).set(MetaKey.locale, locale));
}

/** Changes some phase settings (each is its own LWW key, so concurrent changes compose). */
export function setPhase(doc: Y.Doc, settings: Partial<PhaseSettings>): void {
  transact(doc, () => writePhase(doc, settings));
}

function writePhase(doc: Y.Doc, settings: Partial<PhaseSettings>): void {
  const meta = metaMap(doc);
  for (const name of PHASE_SETTINGS) {
    const value = settings[name];
    if (typeof value === 'boolean' && meta.get(phaseKey(name)) !== value) {
      meta.set(phaseKey(name), value);
    }
  }
}

/** Locks or unlocks a whole area for participants (see LOCK_AREAS). */
export function setAreaLocked(doc: Y.Doc, area: LockArea, locked: boolean): void {
  if (metaMap(doc).get(lockKey(area)) === locked) return;
  transact(doc, () => metaMap(doc).set(lockKey(area), locked));
}

export class OrganisationListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrganisationListError';
  }
}

/**
 * Sets the organisations the join dialog offers, in the given order. Names are trimmed;
 * empty ones and repeats (ignoring case) are dropped. A name longer than ORGANISATION_MAX or
 * more than ORGANISATIONS_MAX names are refused (OrganisationListError), not cut.
 */
export function setOrganisations(doc: Y.Doc, names: readonly string[]): void {
  const list: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name.length > ORGANISATION_MAX) {
      throw new OrganisationListError(
        `An organisation name holds at most ${ORGANISATION_MAX} characters.`,
      );
    }
    const folded = name.toLocaleLowerCase();
    if (name === '' || seen.has(folded)) continue;
    seen.add(folded);
    list.push(name);
  }
  if (list.length > ORGANISATIONS_MAX) {
    throw new OrganisationListError(`A board lists at most ${ORGANISATIONS_MAX} organisations.`);
  }
  const current = metaMap(doc).get(MetaKey.organisations);
  const same =
    Array.isArray(current) &&
    current.length === list.length &&
    current.every((name, i) => name === list[i]);
  if (same) return;
  transact(doc, () => metaMap(doc).set(MetaKey.organisations, list));
}

/**
 * The whole board as plain data: what the UI lists, what exports write, what tests compare.
 * Deterministic: two replicas holding the same updates return deep-equal views. `invalid` and
 * `dangling` are sorted by kind, then id.
 */
export function readBoard(doc: Y.Doc): BoardView {
  const invalid: InvalidEntry[] = [];
  const dangling: DanglingRef[] = [];
  const meta = readMeta(doc, invalid);
  const clusterEntries = readClusterEntries(doc, invalid);
  const roadmap = readRoadmap(doc, invalid);
  const clusterIds = new Set(clusterEntries.map((c) => c.id));
  const lanes = new Set(roadmap.lanes.map((l) => l.id));
  const periods = new Set(roadmap.periods.map((p) => p.id));
  const notes = readNotes(doc, invalid, { clusters: clusterIds, lanes, periods, dangling });
  const noteIds = new Set(notes.map((n) => n.id));
  const clusters = withMembers(clusterEntries, notes);
  const comments = readComments(doc, invalid, {
    notes: noteIds,
    clusters: clusterIds,
    lanes,
    periods,
    dangling,
  });
  const voteSessions = readVoteSessions(doc, invalid, dangling, noteIds);
  // Maps iterate in insertion order, which differs between replicas: sort what was collected
  // while iterating so that every replica returns the same view.
  invalid.sort((a, b) => compareStrings([a.kind, a.id, a.reason], [b.kind, b.id, b.reason]));
  dangling.sort((a, b) =>
    compareStrings([a.kind, a.id, a.field, a.target], [b.kind, b.id, b.field, b.target]),
  );
  return { meta, notes, clusters, roadmap, comments, voteSessions, invalid, dangling };
}

function compareStrings(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Clears references that name objects that no longer exist: a note's cluster or roadmap cell
 * deleted concurrently by someone else, vote candidates of deleted notes.
 * Readers already ignore them, so this is housekeeping (the server may run it after loading
 * a board); it is idempotent and safe to run on several replicas at once. Returns how many
 * references it cleared.
 */
export function repairReferences(doc: Y.Doc): number {
  let cleared = 0;
  transact(doc, () => {
    const notes = notesMap(doc);
    for (const note of notes.values()) {
      if (!(note instanceof Y.Map)) continue;
      const cluster = note.get(NoteKey.cluster);
      if (typeof cluster === 'string' && !clustersMap(doc).has(cluster)) {
        note.delete(NoteKey.cluster);
        note.delete(NoteKey.clusterOrder);
        cleared++;
      } else if (cluster === undefined && note.has(NoteKey.clusterOrder)) {
        // Left by a reorder that raced with a removal; harmless, but tidy it.
        note.delete(NoteKey.clusterOrder);
      }
      const cell = note.get(NoteKey.cell) as Partial<RoadmapCell> | undefined;
      if (
        cell &&
        typeof cell === 'object' &&
        !(lanesMap(doc).has(String(cell.lane)) && periodsMap(doc).has(String(cell.period)))
      ) {
        note.delete(NoteKey.cell);
        cleared++;
      }
    }
    const sessions = voteSessionsMap(doc);
    for (const session of sessions.values()) {
      const candidates = session instanceof Y.Map ? session.get(VoteSessionKey.candidates) : null;
      if (!(candidates instanceof Y.Map)) continue;
      for (const id of [...candidates.keys()]) {
        if (!notes.has(id)) {
          candidates.delete(id);
          cleared++;
        }
      }
    }
  });
  return cleared;
}
