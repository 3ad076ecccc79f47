import { BACKUP_MAX_BYTES, boardLink } from '@paja/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { type ImportProblem, importBackup } from './backupImportApi';

const MB = BACKUP_MAX_BYTES / (1024 * 1024);

export interface BackupTarget {
  boardId: string;
  token: string;
  userName: string;
  /** Nothing on the board yet: the backup may go onto it. */
  empty: boolean;
}

/**
 * A board's JSON backup (the "JSON" export) brought back: as a new board (a link to it is
 * shown), or onto this board while it is empty (everyone connected sees it arrive as one
 * change). The server checks the file; a refusal is said here in the person's language.
 */
export function BackupImport({ target }: { target: BackupTarget }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [done, setDone] = useState<{ link: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (chosen: File | undefined) => {
    setProblem(null);
    setDone(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > BACKUP_MAX_BYTES) return setProblem('tooBig');
    setFile(chosen);
  };
  const run = async (onto: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    const answer = await importBackup(
      file,
      onto ? { onto: target.boardId, token: target.token, by: target.userName } : null,
    );
    setBusy(false);
    if (!answer.ok) return setProblem(answer.problem);
    setFile(null);
    setDone({
      link:
        answer.id && answer.token
          ? boardLink(window.location.origin, answer.id, answer.token)
          : null,
    });
  };

  return (
    <section className="backup-import" aria-labelledby="backup-import-title">
      <h3 id="backup-import-title">{t('import.backup.title')}</h3>
      <p>{t('import.backup.intro', { mb: MB })}</p>
      <label htmlFor="backup-file">{t('import.backup.file')}</label>
      <input
        id="backup-file"
        type="file"
        accept=".json,application/json"
        data-testid="backup-file"
        onChange={(event) => choose(event.target.files?.[0])}
      />
      <div className="export-status" role="status" aria-live="polite" data-testid="backup-status">
        {problem && (
          <p className="export-error">{t(`import.backup.error.${problem}`, { mb: MB })}</p>
        )}
        {done && !done.link && <p>{t('import.backup.doneOnto')}</p>}
        {done?.link && (
          <p>
            {t('import.backup.doneNew')}{' '}
            <a
              href={done.link}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="backup-new-link"
            >
              {t('history.openNew')}
            </a>
          </p>
        )}
      </div>
      <div className="history-actions">
        <button
          type="button"
          data-testid="backup-onto"
          disabled={!file || busy || !target.empty}
          onClick={() => void run(true)}
        >
          {t('import.backup.onto')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="backup-new"
          disabled={!file || busy}
          onClick={() => void run(false)}
        >
          {t('import.backup.asNew')}
        </button>
      </div>
      {file && !target.empty && <p>{t('import.backup.notEmptyHint')}</p>}
    </section>
  );
}
