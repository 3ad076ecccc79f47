import {
  type ColumnMapping,
  guessMapping,
  IMPORT_FIELDS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportField,
  NOTE_MAX_TEXT,
  parseCsv,
  planImport,
} from '@paja/shared';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { BackupImport, type BackupTarget } from './BackupImport';
import { DialogHead } from './DialogHead';
import { useModal } from './useModal';
import './workshop.css';
import './export.css';

const PREVIEW_ROWS = 5;
const MB = IMPORT_MAX_BYTES / (1024 * 1024);

/**
 * CSV import for facilitators: choose a file, map its columns (guessed from the header row),
 * see a preview of exactly what will be written and what is left out, then import: one
 * transaction (one update, one undo step) through `onImport`. The file never leaves the
 * browser: the notes reach the server as an ordinary document update. Below it, a board's JSON
 * backup is imported (BackupImport.tsx).
 */
export function ImportDialog({
  onImport,
  onClose,
  backup,
}: {
  onImport(notes: ReturnType<typeof planImport>['notes']): void;
  onClose(): void;
  /** Where a JSON backup may go; null without a token (no API to call). */
  backup: BackupTarget | null;
}) {
  const { t } = useI18n();
  const modal = useModal(onClose);
  const [rows, setRows] = useState<string[][] | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const read = async (file: File | undefined) => {
    setError(null);
    setDone(null);
    setRows(null);
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) return setError(t('import.error.tooBig', { mb: MB }));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setError(t('import.error.unreadable'));
    }
    const parsed = parseCsv(text);
    if (parsed.length === 0) return setError(t('import.error.empty'));
    setRows(parsed);
    setMapping(guessMapping(parsed[0] ?? []));
  };

  const plan = useMemo(
    () => (rows && mapping ? planImport(rows, mapping, hasHeader) : null),
    [rows, mapping, hasHeader],
  );
  const columns = rows?.[0] ?? [];
  const columnName = (i: number) =>
    hasHeader ? `${i + 1}: ${columns[i] ?? ''}` : `${t('import.column')} ${i + 1}`;

  return (
    <dialog
      {...modal}
      className="share-dialog export-dialog"
      data-testid="import-dialog"
      aria-labelledby="import-title"
    >
      <DialogHead id="import-title" title={t('import.title')} name="import" onClose={onClose} />
      <h3 className="import-section">{t('import.csv.title')}</h3>
      <p className="share-intro">{t('import.intro', { rows: IMPORT_MAX_ROWS, mb: MB })}</p>
      <div className="history-take">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          data-testid="import-file"
          onChange={(event) => void read(event.target.files?.[0])}
        />
        <label className="import-check">
          <input
            type="checkbox"
            checked={hasHeader}
            data-testid="import-header"
            onChange={(event) => setHasHeader(event.target.checked)}
          />
          {t('import.header')}
        </label>
      </div>
      <div className="export-status" role="status" aria-live="polite" data-testid="import-status">
        {error && <p className="export-error">{error}</p>}
        {done !== null && <p>{t('import.done', { count: done })}</p>}
      </div>
      {rows && mapping && plan && (
        <>
          <div className="import-mapping">
            {IMPORT_FIELDS.map((field: ImportField) => (
              <label key={field}>
                <span>{t(`import.field.${field}` as MessageKey)}</span>
                <select
                  data-testid={`import-map-${field}`}
                  value={mapping[field] === null ? '' : String(mapping[field])}
                  onChange={(event) =>
                    setMapping({
                      ...mapping,
                      [field]: event.target.value === '' ? null : Number(event.target.value),
                    })
                  }
                >
                  {field !== 'text' && <option value="">{t('import.columnNone')}</option>}
                  {columns.map((_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by position
                    <option key={i} value={String(i)}>
                      {columnName(i)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <section className="history-detail" data-testid="import-preview">
            <h3>{t('import.preview', { count: plan.notes.length })}</h3>
            <ul>
              {plan.notes.slice(0, PREVIEW_ROWS).map((note, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file have no ids
                <li key={i}>
                  {note.topic ? <strong>{note.topic}: </strong> : null}
                  {note.text}
                  {note.author ? ` (${note.author})` : ''}
                </li>
              ))}
            </ul>
            {plan.notes.length > PREVIEW_ROWS && (
              <p>{t('import.previewMore', { count: plan.notes.length - PREVIEW_ROWS })}</p>
            )}
            {plan.emptySkipped > 0 && <p>{t('import.skipped', { count: plan.emptySkipped })}</p>}
            {plan.tooLongCut > 0 && (
              <p>{t('import.cut', { count: plan.tooLongCut, max: NOTE_MAX_TEXT })}</p>
            )}
            {plan.unknownColors > 0 && <p>{t('import.colors', { count: plan.unknownColors })}</p>}
            {plan.tooManyRows > 0 && (
              <p>{t('import.tooMany', { count: plan.tooManyRows, max: IMPORT_MAX_ROWS })}</p>
            )}
          </section>
          <button
            type="button"
            className="primary"
            data-testid="import-run"
            disabled={plan.notes.length === 0}
            onClick={() => {
              onImport(plan.notes);
              setDone(plan.notes.length);
              setRows(null);
            }}
          >
            {t('import.run', { count: plan.notes.length })}
          </button>
        </>
      )}
      {backup && <BackupImport target={backup} />}
    </dialog>
  );
}
