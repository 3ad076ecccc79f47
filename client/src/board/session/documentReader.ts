import {
  type ClusterView,
  type ContentLang,
  clustersMap,
  type InvalidEntry,
  lanesMap,
  type MetaView,
  metaMap,
  type NoteView,
  notesMap,
  periodsMap,
  type RoadmapView,
  readClusterEntries,
  readMeta,
  readNotes,
  readRoadmap,
} from '@paja/shared';
import type * as Y from 'yjs';
import { ContentReading } from '../language/ContentReading';
import { reuseUnchanged } from './noteViews';
import { Store } from './store';

/** Clusters without members: those come from the notes (withMembers). */
export type ClusterEntry = Omit<ClusterView, 'members'>;

/**
 * The document as plain data, re-read after every transaction that touches it. Each part keeps
 * its identity while unchanged (a note typed in does not re-read clusters or the roadmap, and
 * unchanged notes stay the same objects), so memoised components skip their work.
 */
export interface BoardSnapshot {
  /**
   * The language this person reads the content in (language/ContentReading.ts). Texts and
   * titles below are shown in it where translated; an item's `lang` is the language of the text
   * shown, so one that differs from this is untranslated.
   */
  lang: ContentLang;
  notes: NoteView[];
  meta: MetaView | null;
  invalid: InvalidEntry[];
  clusters: ClusterEntry[];
  roadmap: RoadmapView;
}

/** The snapshot of no board (the first render of a page, before a session opens). */
export const NO_BOARD: BoardSnapshot = {
  lang: 'fi',
  notes: [],
  meta: null,
  invalid: [],
  clusters: [],
  roadmap: { lanes: [], periods: [] },
};

/**
 * Reads a board's document into `board` (a store React reads), part by part as transactions
 * touch it: notes and meta, clusters, the roadmap's axes. Everything read is validated by
 * shared's readers; what does not validate is listed in `invalid`.
 */
export class DocumentReader {
  readonly board: Store<BoardSnapshot>;
  readonly #doc: Y.Doc;
  readonly #onTitle: (title: string) => void;
  readonly #cleanup: Array<() => void> = [];
  #notesById = new Map<string, NoteView>();
  readonly #reading = new ContentReading();

  /** `onTitle`: the board's title, after every read of the meta (the local copy keeps it). */
  constructor(doc: Y.Doc, onTitle: (title: string) => void) {
    this.#doc = doc;
    this.#onTitle = onTitle;
    this.board = new Store<BoardSnapshot>({
      lang: 'fi',
      notes: [],
      meta: null,
      invalid: [],
      clusters: readClusterEntries(doc),
      roadmap: readRoadmap(doc),
    });
    this.#readNotes();
    // observeDeep fires once per transaction, also for typing inside a note's Y.Text.
    const readNotes = () => this.#readNotes();
    const readClusters = () =>
      this.board.patch({ clusters: this.#reading.titled(readClusterEntries(doc)) });
    const readAxes = () => this.board.patch({ roadmap: this.#reading.roadmap(readRoadmap(doc)) });
    const observe = (type: DeepObservable, read: () => void) => {
      type.observeDeep(read);
      this.#cleanup.push(() => type.unobserveDeep(read));
    };
    observe(notesMap(doc), readNotes);
    observe(metaMap(doc), readNotes);
    observe(clustersMap(doc), readClusters);
    observe(lanesMap(doc), readAxes);
    observe(periodsMap(doc), readAxes);
  }

  destroy(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
  }

  /** Shows the content in `lang` if the board has it (else in its main language). */
  setPreferredLang(lang: ContentLang): void {
    if (this.#reading.prefer(lang)) this.#readNotes(true);
  }

  /** The notes and meta; everything when the language shown changed (or `all`). */
  #readNotes(all = false): void {
    const invalid: InvalidEntry[] = [];
    const meta = readMeta(this.#doc, invalid);
    const again = this.#reading.follow(meta) || all;
    const notes = reuseUnchanged(
      this.#notesById,
      this.#reading.notes(readNotes(this.#doc, invalid)),
    );
    this.#notesById = new Map(notes.map((note) => [note.id, note]));
    this.#onTitle(meta.title);
    const old = this.board.get().invalid;
    this.board.patch({
      lang: this.#reading.lang,
      notes,
      meta,
      invalid: old.length === 0 && invalid.length === 0 ? old : invalid,
    });
    if (again) {
      this.board.patch({
        clusters: this.#reading.titled(readClusterEntries(this.#doc)),
        roadmap: this.#reading.roadmap(readRoadmap(this.#doc)),
      });
    }
  }
}

/** A shared type whose changes, nested ones included, can be observed (a top-level Y.Map). */
interface DeepObservable {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}
