import { boardPath } from '@paja/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import { forgetBoard, type MyBoard, myBoards } from '../myBoards';
import { navigate } from '../routes';
import { CloseIcon } from '../workshop/icons';

/** "My boards": what this browser has opened, newest first, with the role it had there. */
export function MyBoards() {
  const { t, locale } = useI18n();
  const [boards, setBoards] = useState(myBoards);
  const [removing, setRemoving] = useState<MyBoard | null>(null);
  if (boards.length === 0) return null;
  const date = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const titleOf = (board: MyBoard) => board.title || t('board.untitled');
  return (
    <section className="card my-boards" aria-labelledby="my-boards-heading">
      <h2 id="my-boards-heading">{t('myBoards.heading')}</h2>
      <p className="muted">{t('myBoards.help')}</p>
      <ul data-testid="my-boards">
        {boards.map((board) => (
          <li key={board.id} data-testid="my-board" data-board-id={board.id}>
            <a
              href={boardPath(board.id)}
              onClick={(event) => {
                event.preventDefault();
                navigate(boardPath(board.id));
              }}
            >
              {titleOf(board)}
            </a>
            <span className={`role-badge ${board.role}`}>{t(`role.${board.role}`)}</span>
            <span className="my-board-when">
              {t('myBoards.lastOpened', { date: date.format(board.lastOpened) })}
            </span>
            <button
              type="button"
              className="quiet icon-button"
              aria-label={`${t('myBoards.remove')}: ${titleOf(board)}`}
              title={t('myBoards.remove')}
              data-testid="my-board-remove"
              onClick={() => setRemoving(board)}
            >
              <CloseIcon />
            </button>
          </li>
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          message={t('myBoards.removeConfirm', { title: titleOf(removing) })}
          confirmLabel={t('myBoards.removeOk')}
          onConfirm={() => {
            forgetBoard(removing.id);
            setBoards(myBoards());
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
