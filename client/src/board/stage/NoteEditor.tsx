import {
  type ContentLang,
  isContentLang,
  LangKey,
  mainLangOf,
  NOTE_COLORS,
  NOTE_MAX_TEXT,
  type NoteColor,
  notesMap,
  setTextIn,
  textIn,
} from '@paja/shared';
import { useLayoutEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nContext';
import type { Viewport } from '../canvas/viewport';
import type { Geometry } from './NoteShape';
import {
  NOTE_CORNER_RADIUS,
  NOTE_FONT_FAMILY,
  NOTE_LINE_HEIGHT,
  NOTE_PADDING,
  noteLayout,
} from './noteLayout';
import { transformSelection } from './textBinding';

interface NoteEditorProps {
  doc: Y.Doc;
  noteId: string;
  geometry: Geometry;
  color: NoteColor;
  /** The note's current text, for the font size only; the textarea is bound to the Y.Text. */
  text: string;
  /**
   * The language written: the reader's (the original, or its translation, created at the first
   * character). A private brainstorm's note is written in its original (null).
   */
  lang: ContentLang | null;
  viewport: Viewport;
  /** Shown while empty (an image's description). */
  placeholder?: string | undefined;
  /** `byEscape`: the person pressed Escape (the keyboard goes back to the note), else a blur. */
  onClose(byEscape: boolean): void;
}

/**
 * An HTML textarea laid exactly over the note (same box, padding, font and zoom), bound both
 * ways to the note's Y.Text: local typing is written as a minimal diff, and other people's
 * typing in the same note is merged into the textarea with the caret kept in place.
 */
export function NoteEditor({
  doc,
  noteId,
  geometry,
  color,
  text,
  lang,
  viewport,
  placeholder,
  onClose,
}: NoteEditorProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLTextAreaElement>(null);
  // True while this editor writes, so the observer does not echo our own typing back. (A
  // transaction origin of our own would do too, but shared/ operations must keep theirs: the
  // undo manager tracks it.) Yjs calls observers synchronously inside the write.
  const writing = useRef(false);
  // Near the limit a counter shows under the note; a paste the limit cut says what it left out
  // (the browser's maxLength cuts silently).
  const [length, setLength] = useState(0);
  const [cut, setCut] = useState(0);

  const written = () => textIn(doc, 'note', noteId, lang ?? originalLang(doc, noteId));

  // biome-ignore lint/correctness/useExhaustiveDependencies: written() reads doc, noteId, lang
  useLayoutEffect(() => {
    const textarea = ref.current;
    const note = notesMap(doc).get(noteId);
    if (!textarea || !(note instanceof Y.Map)) return;
    textarea.value = written()?.toString() ?? '';
    setLength(textarea.value.length);
    // Focus in a layout effect: a click on "add note" followed at once by typing must land here.
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);

    // The whole note: a translation someone else creates arrives as a new key of it.
    const onRemote = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (writing.current) return;
      const ytext = written();
      if (!ytext) return;
      const event = events.find((e) => e.target === ytext);
      const caret = { start: textarea.selectionStart, end: textarea.selectionEnd };
      const selection =
        event instanceof Y.YTextEvent ? transformSelection(caret, event.delta) : caret;
      if (textarea.value === ytext.toString()) return;
      textarea.value = ytext.toString();
      setLength(textarea.value.length);
      if (document.activeElement === textarea) {
        textarea.setSelectionRange(selection.start, selection.end);
      }
    };
    note.observeDeep(onRemote);
    return () => note.unobserveDeep(onRemote);
  }, [doc, noteId, lang]);

  const write = () => {
    const textarea = ref.current;
    if (!textarea) return;
    writing.current = true;
    try {
      setTextIn(doc, 'note', noteId, lang ?? originalLang(doc, noteId), textarea.value);
    } catch {
      // Longer than NOTE_MAX_TEXT (maxLength normally prevents it): show what is stored.
      textarea.value = written()?.toString() ?? '';
    } finally {
      writing.current = false;
    }
    setLength(textarea.value.length);
  };

  const onPaste = (pasted: string) => {
    const textarea = ref.current;
    if (!textarea) return;
    const kept = textarea.value.length - (textarea.selectionEnd - textarea.selectionStart);
    setCut(Math.max(0, pasted.length - (NOTE_MAX_TEXT - kept)));
  };

  const layout = noteLayout(text, geometry.w, geometry.h);
  const near = cut > 0 || length >= NOTE_NEAR_FULL * NOTE_MAX_TEXT;
  const pasteCut = t('editor.pasteCut', { count: cut, limit: NOTE_MAX_TEXT });
  return (
    <>
      <textarea
        ref={ref}
        data-testid="note-editor"
        className="note-editor"
        aria-label={placeholder ?? t('editor.label')}
        lang={lang ?? undefined}
        // Not yet translated: the original shows through as a hint of what to translate.
        placeholder={placeholder ?? (lang !== null && written() === null ? text : undefined)}
        maxLength={NOTE_MAX_TEXT}
        spellCheck
        style={{
          left: geometry.x * viewport.scale + viewport.x,
          top: geometry.y * viewport.scale + viewport.y,
          width: geometry.w,
          height: geometry.h,
          transform: `scale(${viewport.scale})`,
          padding: NOTE_PADDING,
          borderRadius: NOTE_CORNER_RADIUS,
          background: NOTE_COLORS[color],
          fontFamily: NOTE_FONT_FAMILY,
          fontSize: layout.fontSize,
          lineHeight: NOTE_LINE_HEIGHT,
        }}
        onInput={(event) => {
          // During IME composition the text is not final yet; it is written at compositionend.
          if (!(event.nativeEvent as InputEvent).isComposing) write();
        }}
        onCompositionEnd={write}
        onPaste={(event) => onPaste(event.clipboardData.getData('text/plain'))}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose(true);
          }
        }}
        onBlur={() => {
          // Switching to another window blurs too; the editor stays open for the return.
          if (document.hasFocus()) onClose(false);
        }}
      />
      {/* Seen under the note; read out only when something was cut or the note is full. */}
      <div
        className="note-editor-count"
        data-testid="note-editor-count"
        aria-hidden="true"
        hidden={!near}
        style={{
          left: geometry.x * viewport.scale + viewport.x,
          top: (geometry.y + geometry.h) * viewport.scale + viewport.y + 6,
        }}
      >
        {cut > 0 ? pasteCut : t('editor.count', { count: length, limit: NOTE_MAX_TEXT })}
      </div>
      <div className="visually-hidden" role="status">
        {cut > 0
          ? pasteCut
          : length >= NOTE_MAX_TEXT
            ? t('editor.full', { limit: NOTE_MAX_TEXT })
            : ''}
      </div>
    </>
  );
}

/** From this share of NOTE_MAX_TEXT on, the editor counts the characters under the note. */
const NOTE_NEAR_FULL = 0.9;

/** The language a note's original is in (a private note: its own, else the board's main). */
function originalLang(doc: Y.Doc, noteId: string): ContentLang {
  const lang = notesMap(doc).get(noteId)?.get(LangKey.lang);
  return isContentLang(lang) ? lang : mainLangOf(doc);
}
