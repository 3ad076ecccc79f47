import { type BoardView, boardLink } from '@paja/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { useI18n } from '../i18n/I18nContext';
import { type BoardDialogProps, DialogHead } from './DialogHead';
import { DiffList } from './DiffList';
import {
  type Comparison,
  compare,
  deleteSnapshot,
  type HistoryProblem,
  listSnapshots,
  openSnapshot,
  restoreSnapshot,
  type SnapshotInfo,
  takeSnapshot,
} from './historyApi';
import { SnapshotOutline } from './SnapshotOutline';
import { useModal } from './useModal';
import { useSnapshotLabels } from './useSnapshotLabels';
import './workshop.css';
import './export.css';

/** What the history shows on the canvas instead of in the dialog. */
export type CanvasRequest =
  | { kind: 'snapshot'; title: string; board: BoardView }
  | { kind: 'compare'; title: string; comparison: Comparison };

type Shown =
  | { kind: 'diff'; title: string; comparison: Comparison }
  | { kind: 'view'; snapshot: SnapshotInfo; board: BoardView }
  | { kind: 'message'; text: string; link?: string }
  | null;

type Confirm = { kind: 'onto' | 'delete'; snapshot: SnapshotInfo } | null;

const NOW = 'now';

/**
 * The facilitator's history of the board: take a named snapshot; see every snapshot (named and
 * automatic) with its time and who took it; open one read only as an outline or on the canvas;
 * compare any two, or one with now, as a list or on the canvas with the changes marked; restore
 * one onto the board (one change everyone receives) or as a new board; delete one.
 */
export function HistoryDialog({
  boardId,
  token,
  userName,
  onClose,
  onShowCanvas,
}: BoardDialogProps & { onShowCanvas(request: CanvasRequest): void }) {
  const { t } = useI18n();
  const { label, titled } = useSnapshotLabels();
  const modal = useModal(onClose);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<HistoryProblem | null>(null);
  const [shown, setShown] = useState<Shown>(null);
  const [confirming, setConfirming] = useState<Confirm>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(NOW);

  const refresh = useCallback(async () => {
    const answer = await listSnapshots(boardId, token);
    if (answer.ok) {
      setSnapshots(answer.value);
      // The oldest by default: "what changed since the beginning".
      setFrom((was) =>
        answer.value.some((s) => s.id === was) ? was : (answer.value.at(-1)?.id ?? ''),
      );
    } else setProblem(answer.problem);
  }, [boardId, token]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

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
        setShown({ kind: 'message', text: t('history.taken', { name: label(snapshot) }) });
        void refresh();
      },
    );
  };

  const byId = (id: string) => snapshots?.find((s) => s.id === id);
  const comparisonTitle = (a: SnapshotInfo, b: SnapshotInfo | undefined) =>
    b
      ? t('history.compareTitle', { from: label(a), to: label(b) })
      : t('history.diffHeading', { name: label(a) });
  const runCompare = (a: SnapshotInfo, against: string, onCanvas: boolean) =>
    act(
      () => compare(boardId, token, a.id, against),
      (comparison) => {
        const title = comparisonTitle(a, byId(against));
        if (onCanvas) onShowCanvas({ kind: 'compare', title, comparison });
        else setShown({ kind: 'diff', title, comparison });
      },
    );
  const fromSnapshot = byId(from);

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
      {snapshots && snapshots.length > 0 && fromSnapshot && (
        <fieldset className="history-compare" data-testid="history-compare-form">
          <legend>{t('history.compareHeading')}</legend>
          <label>
            {t('history.compareFrom')}
            <select
              data-testid="compare-from"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            >
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {titled(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('history.compareTo')}
            <select data-testid="compare-to" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value={NOW}>{t('history.now')}</option>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {titled(s)}
                </option>
              ))}
            </select>
          </label>
          <div className="history-actions">
            <button
              type="button"
              data-testid="compare-list"
              onClick={() => void runCompare(fromSnapshot, to, false)}
            >
              {t('history.compareList')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="compare-canvas"
              onClick={() => void runCompare(fromSnapshot, to, true)}
            >
              {t('history.compareCanvas')}
            </button>
          </div>
        </fieldset>
      )}
      <div className="export-status" role="status" aria-live="polite" data-testid="history-status">
        {problem && <p className="export-error">{t(`history.error.${problem}`)}</p>}
        {!problem && shown?.kind === 'message' && (
          <p>
            {shown.text}{' '}
            {shown.link && (
              <a
                href={shown.link}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="history-new-link"
              >
                {t('history.openNew')}
              </a>
            )}
          </p>
        )}
      </div>
      {shown?.kind === 'diff' && (
        <>
          <DiffList diff={shown.comparison.diff} heading={shown.title} />
          <button
            type="button"
            data-testid="diff-on-canvas"
            onClick={() =>
              onShowCanvas({ kind: 'compare', title: shown.title, comparison: shown.comparison })
            }
          >
            {t('history.compareCanvas')}
          </button>
        </>
      )}
      {shown?.kind === 'view' && (
        <SnapshotOutline
          board={shown.board}
          heading={t('history.viewing', { name: label(shown.snapshot) })}
        />
      )}
      {snapshots?.length === 0 && <p>{t('history.empty')}</p>}
      <ul className="export-formats" data-testid="history-list">
        {snapshots?.map((s) => (
          <li key={s.id} className="export-format history-item" data-testid="history-item">
            <div>
              <strong>{label(s)}</strong>
              <span>{titled(s, true)}</span>
            </div>
            <div className="history-actions">
              <button
                type="button"
                data-testid="history-canvas"
                onClick={() =>
                  void act(
                    () => openSnapshot(boardId, token, s.id),
                    (board) => onShowCanvas({ kind: 'snapshot', title: titled(s), board }),
                  )
                }
              >
                {t('history.showCanvas')}
              </button>
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
                onClick={() => void runCompare(s, NOW, false)}
              >
                {t('history.compare')}
              </button>
              <button
                type="button"
                data-testid="history-restore-onto"
                onClick={() => setConfirming({ kind: 'onto', snapshot: s })}
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
                        kind: 'message',
                        text: t('history.newBoard', { name: label(s) }),
                        link: boardLink(window.location.origin, made.id, made.token),
                      }),
                  )
                }
              >
                {t('history.restoreNew')}
              </button>
              <button
                type="button"
                className="danger"
                data-testid="history-delete"
                onClick={() => setConfirming({ kind: 'delete', snapshot: s })}
              >
                {t('history.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {confirming && (
        <ConfirmDialog
          message={t(confirming.kind === 'onto' ? 'history.confirmOnto' : 'history.confirmDelete', {
            name: label(confirming.snapshot),
          })}
          confirmLabel={t(confirming.kind === 'onto' ? 'history.restoreOnto' : 'history.delete')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const { kind, snapshot: s } = confirming;
            setConfirming(null);
            if (kind === 'onto') {
              void act(
                () => restoreSnapshot(boardId, token, s.id, 'onto', userName),
                () => {
                  setShown({ kind: 'message', text: t('history.restored', { name: label(s) }) });
                  // The snapshot of the board just before, which the server kept, is listed.
                  void refresh();
                },
              );
              return;
            }
            void act(
              () => deleteSnapshot(boardId, token, s.id, userName),
              () => {
                setShown({ kind: 'message', text: t('history.deleted', { name: label(s) }) });
                void refresh();
              },
            );
          }}
        />
      )}
    </dialog>
  );
}
