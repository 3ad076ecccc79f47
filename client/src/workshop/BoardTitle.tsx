import { setTitle, TITLE_MAX } from '@paja/shared';
import { useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../i18n/I18nContext';
import { PencilIcon } from './icons';

/**
 * The board's title in the header; a facilitator renames it in place (only facilitators may
 * change the board's meta: the server refuses anyone else's change). Written once, on Enter
 * or when focus leaves; Escape keeps the old title.
 */
export function BoardTitle({
  title,
  doc,
  canRename,
}: {
  title: string;
  doc: Y.Doc | null;
  canRename: boolean;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  if (!canRename || !doc) {
    return (
      <h1 className="board-title" data-testid="board-title">
        <span className="board-title-text">{title}</span>
      </h1>
    );
  }
  if (editing !== null) {
    const finish = (commit: boolean) => {
      if (commit && editing.trim() !== '' && editing.trim() !== title) setTitle(doc, editing);
      setEditing(null);
    };
    return (
      <input
        className="board-title-input"
        data-testid="board-title-input"
        aria-label={t('boardTitle.label')}
        value={editing}
        maxLength={TITLE_MAX}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to rename the board
        autoFocus
        onFocus={(event) => event.target.select()}
        onChange={(event) => setEditing(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') finish(true);
          if (event.key === 'Escape') finish(false);
        }}
        onBlur={() => finish(true)}
      />
    );
  }
  return (
    <h1 className="board-title">
      <button
        type="button"
        className="quiet board-title-button"
        data-testid="board-title"
        title={t('boardTitle.rename')}
        onClick={() => setEditing(title)}
      >
        <span className="board-title-text">{title}</span>
        <span className="visually-hidden"> – {t('boardTitle.rename')}</span>
        <PencilIcon />
      </button>
    </h1>
  );
}
