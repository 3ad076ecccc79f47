import type { NoteView } from '@paja/shared';
import { memo, useDeferredValue, useEffect, useId, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { privacyOf } from '../canvas/privacy';
import type { Selection } from '../canvas/selection';
import type { Bounds } from '../canvas/viewport';
import { ContentText, useReadingLang } from '../language/ReadingLang';
import { isUntranslated } from '../language/readingLang';
import './keys.css';

interface NoteListProps {
  /** Every note, collapsed topics' too, in reading order (canvas/keyboardNav.ts). */
  notes: readonly NoteView[];
  /** A note's name for a screen reader: "Note: …, in topic …, 3 dots" (noteDescription.ts). */
  describe(note: NoteView): string;
  selection: Selection;
  /** The note the keyboard is on; its stand-in is the one Tab reaches. */
  focusedId: string | null;
  /** Bumped when the keyboard's note must take the page's focus (an editor or dialog closed). */
  focusRequest: number;
  /** The page's focus arrived on a note's stand-in (id), or left them all (null). */
  onFocus(id: string | null): void;
  /** A key pressed on a stand-in; true when the board handled it (input/noteKeys.ts). */
  onKey(event: KeyboardEvent): boolean;
  /**
   * Where the keyboard's note is drawn on the canvas (CSS px from its corner): its stand-in
   * lies there, unseen, so a screen magnifier that follows the focus shows that note.
   */
  focusBox: Bounds | null;
}

/**
 * The notes as text, in reading order, and the canvas's keyboard: each note has a stand-in here
 * that takes the page's focus when the keyboard is on that note, named for a screen reader
 * (a multi-select listbox: its options say whether they are selected), while the canvas draws
 * the focus ring. One stand-in is in the Tab order (roving tabindex): Tab into the canvas lands
 * on the note the keyboard was last on. Unseen (the list is transparent, keys.css) but in the
 * accessibility tree; the one with the keyboard lies over its note (`focusBox`).
 */
export const NoteList = memo(function NoteList(props: NoteListProps) {
  const { t } = useI18n();
  const hint = useId();
  const list = useRef<HTMLDivElement>(null);
  // The handlers are read when an event comes, so new ones need no render (see sameList).
  const handlers = useRef(props);
  handlers.current = props;
  // Deferred: on a board of thousands of notes this list is thousands of elements, and the
  // canvas must not wait for it. React fills it in right after, in an interruptible render.
  const shown = useDeferredValue(props.notes);
  // Named once per list and naming, not at every render: the focused stand-in follows its note
  // through a pan, and naming 10,000 notes took most of each frame.
  const { describe } = props;
  const labels = useMemo(() => shown.map((note) => describe(note)), [shown, describe]);
  const { focusedId, focusRequest } = props;
  const tabbable = shown.some((n) => n.id === focusedId) ? focusedId : (shown[0]?.id ?? null);

  // Only a request moves the page's focus (not every change of the keyboard's note: opening a
  // note's editor makes it the keyboard's note, and the editor keeps the focus).
  const wanted = useRef(focusedId);
  wanted.current = focusedId;
  useEffect(() => {
    const focusedId = wanted.current;
    if (focusRequest === 0 || focusedId === null) return;
    // A new note's stand-in may come a render later (the list is deferred): try a few frames.
    let tries = 0;
    let frame = 0;
    const put = () => {
      const item = list.current?.querySelector<HTMLElement>(
        `[data-note-id="${CSS.escape(focusedId)}"]`,
      );
      if (item) {
        if (document.activeElement !== item) item.focus({ preventScroll: true });
      } else if (tries++ < 10) frame = requestAnimationFrame(put);
    };
    put();
    return () => cancelAnimationFrame(frame);
  }, [focusRequest]);

  return (
    <>
      <div
        ref={list}
        data-testid="note-list"
        className="note-list"
        role="listbox"
        aria-multiselectable="true"
        aria-label={t('notes.listLabel', { count: shown.length })}
        aria-describedby={hint}
        onFocus={(event) => {
          const id = (event.target as HTMLElement).dataset.noteId;
          if (id !== undefined) handlers.current.onFocus(id);
        }}
        onBlur={(event) => {
          if (!list.current?.contains(event.relatedTarget as Node | null)) {
            handlers.current.onFocus(null);
          }
        }}
        // A focused stand-in must never scroll this box (it would shift every place over the notes).
        onScroll={(event) => {
          event.currentTarget.scrollTop = 0;
          event.currentTarget.scrollLeft = 0;
        }}
        onKeyDown={(event) => {
          if (handlers.current.onKey(event.nativeEvent)) event.stopPropagation();
        }}
      >
        {shown.map((note, index) => (
          <NoteItem
            key={note.id}
            note={note}
            label={labels[index] ?? ''}
            selected={props.selection.has(note.id)}
            tabbable={note.id === tabbable}
            box={note.id === focusedId ? props.focusBox : null}
          />
        ))}
      </div>
      <p id={hint} className="visually-hidden">
        {t('keys.listHint')}
      </p>
    </>
  );
}, sameList);

/**
 * Whether a render would show the same list: the handlers do not count (they are read from a
 * ref when an event comes, and the board passes new ones at every render, every frame of a pan),
 * and the focused stand-in's box counts by value.
 */
function sameList(before: NoteListProps, after: NoteListProps): boolean {
  return (
    before.notes === after.notes &&
    before.describe === after.describe &&
    before.selection === after.selection &&
    before.focusedId === after.focusedId &&
    before.focusRequest === after.focusRequest &&
    sameBox(before.focusBox, after.focusBox)
  );
}

function sameBox(a: Bounds | null, b: Bounds | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

const NoteItem = memo(function NoteItem({
  note,
  label,
  selected,
  tabbable,
  box,
}: {
  note: NoteView;
  label: string;
  selected: boolean;
  tabbable: boolean;
  box: Bounds | null;
}) {
  const { t } = useI18n();
  // The name is the label (in the UI's language); a text shown in its original says so in it.
  const reading = useReadingLang();
  const untranslated =
    note.lang !== null && isUntranslated(note.text, note.lang, reading)
      ? t('lang.untranslated', { language: t(`lang.name.${note.lang}`) })
      : null;
  return (
    <div
      role="option"
      aria-selected={selected}
      aria-label={untranslated ? `${label} (${untranslated})` : label}
      tabIndex={tabbable ? 0 : -1}
      className={box ? 'note-stand-in-here' : 'note-stand-in'}
      style={box ? { left: box.x, top: box.y, width: box.w, height: box.h } : undefined}
      data-testid="note-item"
      data-note-id={note.id}
      data-organisation={note.organisation ?? ''}
      data-private={privacyOf(note) ?? undefined}
    >
      {privacyOf(note) === 'mine' && `${t('private.label.mine')}: `}
      {privacyOf(note) === 'others' && `${t('private.label.others', { name: note.authorName })}: `}
      <ContentText text={note.text} lang={note.lang} />
    </div>
  );
});
