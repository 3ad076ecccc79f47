import type * as Y from 'yjs';
import { metaMap } from '../roots';
import {
  type InvalidEntry,
  isLocale,
  type Locale,
  ORGANISATION_MAX,
  ORGANISATIONS_MAX,
} from '../schema';
import { isOrganisation } from '../values';
import { type ContentLang, readContentLangs } from './language';

/*
 * The board's meta record: one top-level Y.Map of plain values. Every setting is its own key,
 * so two facilitators changing different settings at the same moment both take effect (LWW
 * per key). Participants never write here: the server refuses it (editGuard.ts).
 */

export const MetaKey = {
  /** number: the schema version the document was last written or migrated to. */
  schemaVersion: 'schemaVersion',
  /** string: the board's title, shown in the header and the browser tab. LWW. */
  title: 'title',
  /** Locale: the board's default language for people who have not chosen one. LWW. */
  locale: 'locale',
  /** number: ms since epoch when the board was created. Set once. */
  createdAt: 'createdAt',
  /** string: id of the template the board was created from (informational). Set once. */
  template: 'template',
  /**
   * string[]: the organisations the facilitator expects (e.g. the municipalities present);
   * the join dialog offers them, a participant may still type another (v3). One LWW value:
   * it is a short list that one facilitator edits at a time, and a whole list that wins is
   * easier to understand than a merge of two people's half-edited lists.
   */
  organisations: 'organisations',
  /**
   * Publication | absent: the board is open to the public at `/p/<board id>`, without a token
   * (publication.ts). One LWW value, so "published" and "the public may comment" change
   * together. Written by the server (the publish API) or a facilitator; never by participants.
   */
  publication: 'publication',
  /**
   * ContentLang[] (v5): the languages the board's content is written and translated in, the
   * first being its main language (new items written without a language are in it). Readers
   * choose among these. One LWW value, written by facilitators; the v5 migration writes
   * `[locale]`. See records/language.ts for the texts themselves.
   */
  contentLangs: 'contentLangs',
} as const;

/**
 * Phase settings: what participants may do right now (v3). Each is its own meta key
 * (`phase.<name>`, boolean, LWW). The document cannot enforce them: the server does, from
 * the permission table in permissions.ts, and the client asks the same table to hide what a
 * person may not do.
 *
 *   addNotes      add notes
 *   moveOthers    move, file into clusters or roadmap cells, and bring to front notes that
 *                 someone else wrote (their own notes they may always move)
 *   editOthers    change the text, colour or size of notes someone else wrote
 *   deleteOthers  delete notes someone else wrote
 *   structure     change clusters (create, rename, recolour, move or resize the frame,
 *                 collapse, ungroup, delete) and the roadmap's lanes and periods
 *   vote          place and take back dots
 *   comment       comment (through the server's comment message)
 *   frozen        freeze the board: no note, cluster or roadmap change at all; voting and
 *                 commenting follow their own switches, so a frozen board can still be voted on
 */
export const PHASE_SETTINGS = [
  'addNotes',
  'moveOthers',
  'editOthers',
  'deleteOthers',
  'structure',
  'vote',
  'comment',
  'frozen',
] as const;
export type PhaseSetting = (typeof PHASE_SETTINGS)[number];
export type PhaseSettings = Record<PhaseSetting, boolean>;

/**
 * A workshop's sensible start: participants add notes and move any note, but edit and delete
 * only their own, and leave clusters and the roadmap's structure to the facilitator.
 */
export const DEFAULT_PHASE: Readonly<PhaseSettings> = {
  addNotes: true,
  moveOthers: true,
  editOthers: false,
  deleteOthers: false,
  structure: false,
  vote: true,
  comment: true,
  frozen: false,
};

export function phaseKey(setting: PhaseSetting): string {
  return `phase.${setting}`;
}

/**
 * Areas a facilitator can lock as a whole (v3), each a boolean meta key `lock.<area>` (LWW,
 * absent = unlocked). A locked area is settled for participants: `roadmap` stops changes to
 * lanes and periods and every placement of a note into or out of a cell; `clusters` stops
 * changes to every cluster and to cluster membership. The notes themselves keep their own
 * locks: lock them too to stop edits of their text.
 */
export const LOCK_AREAS = ['roadmap', 'clusters'] as const;
export type LockArea = (typeof LOCK_AREAS)[number];
export type AreaLocks = Record<LockArea, boolean>;

export function lockKey(area: LockArea): string {
  return `lock.${area}`;
}

export interface MetaView {
  schemaVersion: number;
  title: string;
  locale: Locale;
  createdAt: number;
  template: string | null;
  phase: PhaseSettings;
  locks: AreaLocks;
  /** The facilitator's list, in the facilitator's order. */
  organisations: string[];
  /** The content languages, main language first (never empty: `[locale]` when unset). */
  contentLangs: ContentLang[];
}

function readBooleans<K extends string>(
  meta: Y.Map<unknown>,
  names: readonly K[],
  keyOf: (name: K) => string,
  defaults: Readonly<Record<K, boolean>>,
  invalid: InvalidEntry[],
): Record<K, boolean> {
  const result = { ...defaults } as Record<K, boolean>;
  for (const name of names) {
    const value = meta.get(keyOf(name));
    if (typeof value === 'boolean') result[name] = value;
    else if (value !== undefined) {
      invalid.push({ kind: 'meta', id: keyOf(name), reason: 'not a boolean' });
    }
  }
  return result;
}

const NO_LOCKS: Readonly<AreaLocks> = { roadmap: false, clusters: false };

/**
 * Reads and validates the meta record. A present but mistyped value is reported in `invalid`
 * and read as its default, so one bad setting never hides the board.
 */
export function readMeta(doc: Y.Doc, invalid: InvalidEntry[] = []): MetaView {
  const meta = metaMap(doc);
  const version = meta.get(MetaKey.schemaVersion);
  const title = meta.get(MetaKey.title);
  const locale = meta.get(MetaKey.locale);
  const createdAt = meta.get(MetaKey.createdAt);
  const template = meta.get(MetaKey.template);
  const check = (key: string, ok: boolean, reason: string) => {
    if (!ok) invalid.push({ kind: 'meta', id: key, reason });
  };
  check(
    MetaKey.schemaVersion,
    version === undefined || typeof version === 'number',
    'not a number',
  );
  check(MetaKey.title, title === undefined || typeof title === 'string', 'not a string');
  check(
    MetaKey.locale,
    locale === undefined || isLocale(locale),
    `unknown locale ${String(locale)}`,
  );
  check(
    MetaKey.createdAt,
    createdAt === undefined || typeof createdAt === 'number',
    'not a number',
  );
  check(MetaKey.template, template === undefined || typeof template === 'string', 'not a string');
  const organisations = readOrganisations(meta.get(MetaKey.organisations));
  if (typeof organisations === 'string') {
    invalid.push({ kind: 'meta', id: MetaKey.organisations, reason: organisations });
  }
  const storedLangs = meta.get(MetaKey.contentLangs);
  const contentLangs = storedLangs === undefined ? null : readContentLangs(storedLangs);
  if (typeof contentLangs === 'string') {
    invalid.push({ kind: 'meta', id: MetaKey.contentLangs, reason: contentLangs });
  }
  return {
    schemaVersion: typeof version === 'number' ? version : 0,
    title: typeof title === 'string' ? title : '',
    locale: isLocale(locale) ? locale : 'fi',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    template: typeof template === 'string' ? template : null,
    phase: readBooleans(meta, PHASE_SETTINGS, phaseKey, DEFAULT_PHASE, invalid),
    locks: readBooleans(meta, LOCK_AREAS, lockKey, NO_LOCKS, invalid),
    organisations: typeof organisations === 'string' ? [] : organisations,
    contentLangs: Array.isArray(contentLangs) ? contentLangs : [isLocale(locale) ? locale : 'fi'],
  };
}

function readOrganisations(value: unknown): string[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'not a list';
  if (value.length > ORGANISATIONS_MAX) return `more than ${ORGANISATIONS_MAX} names`;
  if (!value.every(isOrganisation))
    return `a name is not a trimmed string of 1..${ORGANISATION_MAX} characters`;
  if (new Set(value).size !== value.length) return 'a name is listed twice';
  return [...value];
}

/**
 * Migration steps of the meta record, by the version they lift from (see migrations.ts).
 * v2 -> v3: the phase settings of issue 11. `moveNotes` (moving at all) becomes `moveOthers`
 * (moving others' notes: one's own may always be moved), keeping a facilitator's "off";
 * `editNotes` is dropped (editing one's own notes is always allowed now, unless frozen);
 * every setting is then written explicitly, so that a later change of DEFAULT_PHASE cannot
 * change a running workshop. Area locks and the organisation list start absent (unlocked,
 * empty).
 */
export const META_MIGRATIONS: Readonly<Record<number, (doc: Y.Doc) => void>> = {
  2(doc) {
    const meta = metaMap(doc);
    const moveNotes = meta.get('phase.moveNotes');
    if (moveNotes === false && !meta.has(phaseKey('moveOthers'))) {
      meta.set(phaseKey('moveOthers'), false);
    }
    meta.delete('phase.moveNotes');
    meta.delete('phase.editNotes');
    for (const name of PHASE_SETTINGS) {
      if (!meta.has(phaseKey(name))) meta.set(phaseKey(name), DEFAULT_PHASE[name]);
    }
  },
  /** v4 -> v5: the content language list starts as the board's locale alone. */
  4(doc) {
    const meta = metaMap(doc);
    const locale = meta.get(MetaKey.locale);
    if (!meta.has(MetaKey.contentLangs)) {
      meta.set(MetaKey.contentLangs, [isLocale(locale) ? locale : 'fi']);
    }
  },
};
