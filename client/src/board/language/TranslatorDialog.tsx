import {
  type ContentLang,
  readClusterEntries,
  readMeta,
  readNotes,
  readRoadmap,
  setTextIn,
  type TranslationTask,
  TranslationTooLongError,
  translationTasks,
} from '@paja/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nContext';
import { DialogHead } from '../../workshop/DialogHead';
import { useModal } from '../../workshop/useModal';
import { useLanguageName } from './ReadingLang';
import './language.css';

/** The board's texts that are not in `into`, read from the document itself (not as shown). */
function tasksOf(doc: Y.Doc, into: ContentLang): TranslationTask[] {
  return translationTasks(
    {
      meta: readMeta(doc),
      notes: readNotes(doc),
      clusters: readClusterEntries(doc).map((cluster) => ({ ...cluster, members: [] })),
      roadmap: readRoadmap(doc),
    },
    into,
  );
}

const taskKey = (task: Pick<TranslationTask, 'kind' | 'id'>) => `${task.kind}:${task.id}`;

/** Re-renders on every change of the document (someone else translating, an item deleted). */
function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return version;
}

/**
 * The translator view (facilitators): the texts that lack a translation into the chosen
 * language, one after another. The original above, the translation below; Enter saves and goes
 * to the next, Shift+Enter is a new line. The queue is fixed when the language is chosen, so
 * items do not jump away as they are translated; the list beside it shows where one is.
 */
export function TranslatorDialog({
  doc,
  langs,
  initial,
  onClose,
}: {
  doc: Y.Doc;
  langs: readonly ContentLang[];
  /** The language to start with (the reader's, if it is not the main language). */
  initial: ContentLang;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const name = useLanguageName();
  const modal = useModal(onClose);
  const [into, setInto] = useState<ContentLang>(initial);
  const [showAll, setShowAll] = useState(false);
  const version = useDocVersion(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the document's change
  const current = useMemo(() => tasksOf(doc, into), [doc, into, version]);
  const byKey = new Map(current.map((task) => [taskKey(task), task]));
  // The queue: fixed for a language (and the "show all" switch), read again on a change of either.
  // biome-ignore lint/correctness/useExhaustiveDependencies: fixed until into or showAll change
  const queue = useMemo(
    () => current.filter((task) => showAll || task.translation === '').map(taskKey),
    [into, showAll],
  );
  const [index, setIndex] = useState(0);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const task = byKey.get(queue[index] ?? '') ?? null;
  const done = current.filter((task) => task.translation !== '').length;

  // A new item: its translation so far in the field, and the focus there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the item changes
  useEffect(() => {
    setDraft(task?.translation ?? '');
    setProblem(null);
    field.current?.focus();
  }, [queue[index], into]);

  const go = (to: number) => setIndex(Math.max(0, Math.min(queue.length, to)));
  /**
   * The next item after this one that still lacks a translation, going round to the start
   * (one skipped earlier comes back); null when none is left but this one.
   */
  const nextOpen = (): number | null => {
    for (let step = 1; step < queue.length; step++) {
      const at = (index + step) % queue.length;
      if (byKey.get(queue[at] ?? '')?.translation === '') return at;
    }
    return null;
  };
  const save = () => {
    if (!task) return;
    try {
      setTextIn(doc, task.kind, task.id, into, draft);
    } catch (error) {
      if (error instanceof TranslationTooLongError) {
        setProblem(t('lang.tooLong', { max: error.max }));
        return;
      }
      throw error;
    }
    const left = queue.filter((key, at) => at !== index && byKey.get(key)?.translation === '');
    setStatus(t('lang.saved', { left: left.length }));
    // With "show all", simply the next one; else the next still untranslated, or done.
    go(showAll ? index + 1 : (nextOpen() ?? queue.length));
  };

  return (
    <dialog
      {...modal}
      className="name-dialog translator-dialog"
      data-testid="translator"
      aria-labelledby="translator-title"
    >
      <DialogHead
        id="translator-title"
        title={t('lang.translatorTitle')}
        name="translator"
        onClose={onClose}
      />
      <div className="translator-options">
        <label>
          {t('lang.translateInto')}{' '}
          <select
            data-testid="translate-into"
            value={into}
            onChange={(event) => {
              setInto(event.target.value as ContentLang);
              setIndex(0);
            }}
          >
            {langs.map((lang) => (
              <option key={lang} value={lang}>
                {name(lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="translate-all"
            checked={showAll}
            onChange={(event) => {
              setShowAll(event.target.checked);
              setIndex(0);
            }}
          />{' '}
          {t('lang.showAll')}
        </label>
        <span className="muted" data-testid="translate-progress">
          {t('lang.progress', { done, total: current.length })}
        </span>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {current.length === 0 ? (
        <p data-testid="translate-none">{t('lang.nothingToTranslate', { language: name(into) })}</p>
      ) : task === null ? (
        <p data-testid="translate-done">{t('lang.allTranslated', { language: name(into) })}</p>
      ) : (
        <form
          className="translator-item"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <p className="muted">
            {t(`lang.kind.${task.kind}`)} {index + 1}/{queue.length}
          </p>
          <h3 id="translate-original-label">{t('lang.original', { language: name(task.lang) })}</h3>
          <blockquote
            className="translator-original"
            data-testid="translate-original"
            aria-labelledby="translate-original-label"
            lang={task.lang !== locale ? task.lang : undefined}
          >
            {task.original}
          </blockquote>
          <label htmlFor="translate-text">
            <h3>{t('lang.translation', { language: name(into) })}</h3>
          </label>
          <textarea
            id="translate-text"
            ref={field}
            data-testid="translate-text"
            lang={into}
            rows={task.kind === 'note' ? 4 : 1}
            value={draft}
            aria-describedby="translate-keys"
            aria-invalid={problem !== null}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                save();
              }
            }}
          />
          <p id="translate-keys" className="muted">
            {t('lang.keysHelp')}
          </p>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
              {t('lang.previous')}
            </button>
            <button
              type="button"
              data-testid="translate-skip"
              onClick={() => go(showAll ? index + 1 : (nextOpen() ?? index + 1))}
            >
              {t('lang.skip')}
            </button>
            <button type="submit" className="primary" data-testid="translate-save">
              {t('lang.saveNext')}
            </button>
          </div>
        </form>
      )}
      {queue.length > 0 && (
        <ol className="translator-list" aria-label={t('lang.translatorTitle')}>
          {queue.map((key, i) => {
            const item = byKey.get(key);
            return (
              <li key={key} aria-current={i === index ? 'step' : undefined}>
                <button type="button" className="inline-button" onClick={() => go(i)}>
                  <span lang={item && item.lang !== locale ? item.lang : undefined}>
                    {item?.original ?? t('lang.itemGone')}
                  </span>
                </button>
                {item?.translation ? (
                  <span lang={into !== locale ? into : undefined}> → {item.translation}</span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </dialog>
  );
}
