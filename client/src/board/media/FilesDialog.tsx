import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { downloadBlob } from '../../offline/download';
import { DialogHead } from '../../workshop/DialogHead';
import { useModal } from '../../workshop/useModal';
import type { BoardController } from '../input/BoardController';
import type { BoardSession } from '../session/BoardSession';
import '../../workshop/workshop.css';
import '../../workshop/export.css';
import { problemText } from './addMedia';
import {
  type AttachmentInfo,
  deleteAttachment,
  fetchFile,
  imageUrl,
  listAttachments,
  type MediaProblem,
  uploadAttachment,
} from './mediaApi';

interface FilesDialogProps {
  boardId: string;
  token: string;
  /** May attach files now (the same rule as adding a note). */
  canAdd: boolean;
  /** Facilitators delete. */
  canDelete: boolean;
  confirm(message: string, run: () => void): void;
  onClose(): void;
}

/**
 * The board's attachments area: documents for everyone on the board (an agenda, a draft, the
 * previous workshop's minutes), listed with their size, downloaded with the link's token,
 * attached by whoever may add to the board and deleted by facilitators. What is refused is
 * said in the person's language, and the list is read again after every change.
 */
export function FilesDialog({
  boardId,
  token,
  canAdd,
  canDelete,
  confirm,
  onClose,
}: FilesDialogProps) {
  const { t, formatNumber } = useI18n();
  const modal = useModal(onClose);
  const [files, setFiles] = useState<AttachmentInfo[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    const answer = await listAttachments(boardId, token);
    if (answer.ok) setFiles(answer.value);
    else setMessage({ text: t('files.loadFailed'), error: true });
  }, [boardId, token, t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const problem = (refusal: MediaProblem | { problem: MediaProblem; max?: number }, name: string) =>
    setMessage({
      text: problemText({ t }, typeof refusal === 'string' ? { problem: refusal } : refusal, name),
      error: true,
    });

  const attach = async (chosen: File[]) => {
    for (const file of chosen) {
      setMessage({ text: t('media.uploading', { name: file.name }), error: false });
      const answer = await uploadAttachment(boardId, token, file, file.name);
      if (!answer.ok) {
        problem(answer, file.name);
        return;
      }
      setMessage(null);
    }
    await reload();
  };

  const download = async (file: AttachmentInfo) => {
    const blob = await fetchFile(imageUrl(boardId, token, file.id, false), token);
    if (blob) downloadBlob(file.name, blob);
    else problem('offline', file.name);
  };

  return (
    <dialog
      {...modal}
      className="share-dialog export-dialog"
      data-testid="files-dialog"
      aria-labelledby="files-title"
    >
      <DialogHead id="files-title" title={t('files.title')} name="files" onClose={onClose} />
      <p className="share-intro">{t('files.intro')}</p>
      <div className="export-status" role="status" aria-live="polite" data-testid="files-status">
        {message && <p className={message.error ? 'export-error' : undefined}>{message.text}</p>}
      </div>
      {files !== null && files.length === 0 && <p>{t('files.empty')}</p>}
      <ul className="export-formats" data-testid="files-list">
        {(files ?? []).map((file) => (
          <li key={file.id} className="export-format">
            <div>
              <button type="button" className="inline-button" onClick={() => void download(file)}>
                {file.name}
              </button>
              <span>
                {t('files.size', {
                  size: formatNumber(Math.max(1, Math.round(file.bytes / 1024))),
                })}
              </span>
            </div>
            {canDelete && (
              <button
                type="button"
                aria-label={t('files.deleteNamed', { name: file.name })}
                onClick={() =>
                  confirm(t('files.confirmDelete', { name: file.name }), () => {
                    void deleteAttachment(boardId, token, file.id).then((answer) => {
                      if (!answer.ok) problem(answer, file.name);
                      void reload();
                    });
                  })
                }
              >
                {t('files.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canAdd && (
        <p>
          <button
            type="button"
            className="primary"
            data-testid="files-add"
            onClick={() => input.current?.click()}
          >
            {t('files.add')}
          </button>
          <input
            ref={input}
            type="file"
            hidden
            multiple
            aria-label={t('files.add')}
            data-testid="files-input"
            onChange={(event) => {
              const chosen = [...(event.target.files ?? [])];
              event.target.value = '';
              if (chosen.length > 0) void attach(chosen);
            }}
          />
        </p>
      )}
    </dialog>
  );
}

/** The Files dialog as the board view opens it: for link holders, when its panel is open. */
export function FilesPanel({
  session,
  controller,
  open,
}: {
  session: BoardSession;
  controller: BoardController;
  open: boolean;
}) {
  if (!open || !session.token) return null;
  return (
    <FilesDialog
      boardId={session.boardId}
      token={session.token}
      canAdd={controller.enabled('addImages') && !controller.refusal('addImages')}
      canDelete={session.role === 'facilitator'}
      confirm={(message, run) => controller.confirm(message, run, 'files.delete')}
      onClose={() => controller.togglePanel('files')}
    />
  );
}
