import { type BoardDiff, type BoardView, boardLink } from '@paja/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { type BoardDialogProps, DialogHead } from './DialogHead';
import {
  compareWithNow,
  type HistoryProblem,
  listSnapshots,
  openSnapshot,
  restoreSnapshot,
  type SnapshotInfo,
  takeSnapshot,
} from './historyApi';
import { useModal } from './useModal';
import './workshop.css';
import './export.css';

type Shown =
  | { kind: 'diff'; snapshot: SnapshotInfo; diff: BoardDiff }
  | { kind: 'view'; snapshot: SnapshotInfo; board: BoardView }
  | { kind: 'restored'; snapshot: SnapshotInfo }
  | { kind: 'newBoard'; snapshot: SnapshotInfo; link: string }
  | { kind: 'taken'; snapshot: SnapshotInfo }
  | null;

const DIFF_SECTIONS = [
  'notesAdded',
  'notesRemoved',
  'notesEdited',
  'notesMoved',
  'clustersAdded',
  'clustersRemoved',
  'clustersRenamed',
  'lanesAdded',
  'lanesRemoved',
  'lanesRenamed',
  'periodsAdded',
  'periodsRemoved',
  'periodsRenamed',
] as const;

/** One line of a diff section, whatever its shape. */
function diffLine(item: Record<string, string>): string {
  if ('from' in item && 'to' in item) {
    const what = item.text ? `${item.text}: ` : '';
    return `${what}${item.from || '–'} → ${item.to || '–'}`;
  }
  return item.title ?? '';
}

/**
 * The facilitator's history of the board: take a named snapshot, see every snapshot (named
 * and automatic) with its time and who took it, open one read-only, compare it with now, and
 * restore it onto the board (one change everyone receives) or as a new board.
 */
export function HistoryDialog({ boardId, token, userName, onClose }: BoardDialogProps) {
  const { t, locale } = useI18n();
  const modal = useModal(onClose);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<HistoryProblem | null>(null);
  const [shown, setShown] = useState<Shown>(null);
  const [confirming, setConfirming] = useState<SnapshotInfo | null>(null);

  const refresh = useCallback(async () => {
    const answer = await listSnapshots(boardId, token);
    if (answer.ok) setSnapshots(answer.value);
    else setProblem(answer.problem);
  }, [boardId, token]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const when = (at: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const label = (s: SnapshotInfo) => s.name || t(`history.auto.${s.auto ?? 'hourly'}`);

  const act = async <T,>(
    run: () => Promise<{ ok: true; value: T } | { ok: false; problem: HistoryProblem }>,
    then: (value: T) => void,
  ) => {
    setProblem(null);
    const answer = await run();
    if (answer.ok) then(answer.value);
    else setProblem(answer.problem);
  };

  const take = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    void act(
      () => takeSnapshot(boardId, token, name.trim(), userName),
      (snapshot) => {
        setName('');
        setShown({ kind: 'taken', snapshot });
        void refresh();
      },
    );
  };

  return (
    <dialog
      {...modal}
      className="share-dialog export-dialog history-dialog"
      data-testid="history-dialog"
      aria-labelledby="history-title"
    >
      <DialogHead id="history-title" title={t('history.title')} name="history" onClose={onClose} />
      <p className="share-intro">{t('history.intro')}</p>
      <form className="history-take" onSubmit={take}>
        <label htmlFor="history-name">{t('history.name')}</label>
        <div>
          <input
            id="history-name"
            data-testid="history-name"
            value={name}
            maxLength={120}
            placeholder={t('history.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
          />
          <button
            type="submit"
            className="primary"
            data-testid="history-take"
            disabled={!name.trim()}
          >
            {t('history.take')}
          </button>
        </div>
      </form>
      <div className="export-status" role="status" aria-live="polite" data-testid="history-status">
        {problem && <p className="export-error">{t(`history.error.${problem}`)}</p>}
        {!problem && shown?.kind === 'taken' && (
          <p>{t('history.taken', { name: label(shown.snapshot) })}</p>
        )}
        {!problem && shown?.kind === 'restored' && (
          <p>{t('history.restored', { name: label(shown.snapshot) })}</p>
        )}
        {!problem && shown?.kind === 'newBoard' && (
          <p>
            {t('history.newBoard', { name: label(shown.snapshot) })}{' '}
            <a
              href={shown.link}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="history-new-link"
            >
              {t('history.openNew')}
            </a>
          </p>
        )}
      </div>
      {shown?.kind === 'diff' && (
        <section
          className="history-detail"
          data-testid="history-diff"
          aria-labelledby="history-diff-title"
        >
          <h3 id="history-diff-title">
            {t('history.diffHeading', { name: label(shown.snapshot) })}
          </h3>
          {DIFF_SECTIONS.every((key) => shown.diff[key].length === 0) && (
            <p>{t('history.noChanges')}</p>
          )}
          {DIFF_SECTIONS.filter((key) => shown.diff[key].length > 0).map((key) => (
            <div key={key} data-testid={`diff-${key}`}>
              <h4>
                {t(`history.diff.${key}` as MessageKey)} ({shown.diff[key].length})
              </h4>
              <ul>
                {(shown.diff[key] as unknown as Array<Record<string, string>>).map((item) => (
                  // A note moved both between clusters and cells is listed twice: kind tells.
                  <li key={`${item.id}-${item.kind ?? ''}`}>{diffLine(item)}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {shown?.kind === 'view' && (
        <section
          className="history-detail"
          data-testid="history-view"
          aria-labelledby="history-view-title"
        >
          <h3 id="history-view-title">{t('history.viewing', { name: label(shown.snapshot) })}</h3>
          {[
            ...shown.board.clusters.map((c) => ({
              id: c.id,
              title: c.title,
              ids: new Set(c.members),
            })),
            {
              id: '',
              title: t('history.noTopic'),
              ids: new Set(shown.board.notes.filter((n) => !n.cluster).map((n) => n.id)),
            },
          ]
            .filter((topic) => topic.ids.size > 0)
            .map((topic) => (
              <div key={topic.id}>
                <h4>
                  {topic.title} ({t('history.notesCount', { count: topic.ids.size })})
                </h4>
                <ul>
                  {shown.board.notes
                    .filter((n) => topic.ids.has(n.id))
                    .map((n) => (
                      <li key={n.id}>{n.text}</li>
                    ))}
                </ul>
              </div>
            ))}
        </section>
      )}
      {snapshots?.length === 0 && <p>{t('history.empty')}</p>}
      <ul className="export-formats" data-testid="history-list">
        {snapshots?.map((s) => (
          <li key={s.id} className="export-format history-item" data-testid="history-item">
            <div>
              <strong>{label(s)}</strong>
              <span>
                {when(s.at)}
                {s.by ? ` · ${t('history.by', { name: s.by })}` : ''}
              </span>
            </div>
            <div className="history-actions">
              <button
                type="button"
                data-testid="history-open"
                onClick={() =>
                  void act(
                    () => openSnapshot(boardId, token, s.id),
                    (board) => setShown({ kind: 'view', snapshot: s, board }),
                  )
                }
              >
                {t('history.open')}
              </button>
              <button
                type="button"
                data-testid="history-compare"
                onClick={() =>
                  void act(
                    () => compareWithNow(boardId, token, s.id),
                    (diff) => setShown({ kind: 'diff', snapshot: s, diff }),
                  )
                }
              >
                {t('history.compare')}
              </button>
              <button
                type="button"
                data-testid="history-restore-onto"
                onClick={() => setConfirming(s)}
              >
                {t('history.restoreOnto')}
              </button>
              <button
                type="button"
                data-testid="history-restore-new"
                onClick={() =>
                  void act(
                    () => restoreSnapshot(boardId, token, s.id, 'new'),
                    (made) =>
                      made.id &&
                      made.token &&
                      setShown({
                        kind: 'newBoard',
                        snapshot: s,
                        link: boardLink(window.location.origin, made.id, made.token),
                      }),
                  )
                }
              >
                {t('history.restoreNew')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {confirming && (
        <ConfirmDialog
          message={t('history.confirmOnto', { name: label(confirming) })}
          confirmLabel={t('history.restoreOnto')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const s = confirming;
            setConfirming(null);
            void act(
              () => restoreSnapshot(boardId, token, s.id, 'onto'),
              () => setShown({ kind: 'restored', snapshot: s }),
            );
          }}
        />
      )}
    </dialog>
  );
}
