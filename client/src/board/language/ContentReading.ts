import type { ContentLang, MetaView, NoteView, RoadmapView } from '@paja/shared';
import { type Reading, resolveReadingLang, showNote, showRoadmap, showTitled } from './readingLang';

/**
 * Which language one person reads a board in, kept by the board's session: the person's
 * preference (set by the page) and the board's content languages (from its meta). Shows what the
 * session reads from the document in that language (language/readingLang.ts).
 */
export class ContentReading {
  #preferred: ContentLang | null = null;
  #langs: readonly ContentLang[] = ['fi'];
  #reading: Reading = { main: 'fi', want: 'fi' };

  /** The language texts are shown in. */
  get lang(): ContentLang {
    return this.#reading.want;
  }

  /** The person would rather read `lang`; true when the shown language changed. */
  prefer(lang: ContentLang): boolean {
    this.#preferred = lang;
    return this.#resolve();
  }

  /** The board's meta was read again; true when the shown or main language changed. */
  follow(meta: MetaView): boolean {
    this.#langs = meta.contentLangs;
    return this.#resolve();
  }

  notes(notes: readonly NoteView[]): NoteView[] {
    return notes.map((note) => showNote(note, this.#reading));
  }

  titled<T extends Parameters<typeof showTitled>[0]>(items: readonly T[]): T[] {
    return items.map((item) => showTitled(item, this.#reading));
  }

  roadmap(roadmap: RoadmapView): RoadmapView {
    return showRoadmap(roadmap, this.#reading);
  }

  #resolve(): boolean {
    const next = {
      main: this.#langs[0] ?? 'fi',
      want: resolveReadingLang(this.#preferred, this.#langs),
    };
    const changed = next.main !== this.#reading.main || next.want !== this.#reading.want;
    this.#reading = next;
    return changed;
  }
}
