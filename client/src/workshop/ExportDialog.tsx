import { CONTENT_LANGS, type ContentLang } from '@paja/shared';
import { useEffect, useRef, useState } from 'react';
import { useLanguageName, useReadingLangs } from '../board/language/ReadingLang';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { downloadBlob } from '../offline/download';
import { type BoardDialogProps, DialogHead } from './DialogHead';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportJobState,
  type ExportProblem,
  type ExportScope,
  exportFile,
  exportStatus,
  PICTURE_FORMATS,
  startExport,
} from './exportApi';
import { useModal } from './useModal';
import './workshop.css';
import './export.css';

const POLL_MS = 400;

type Run =
  | { phase: 'working'; format: ExportFormat; job: ExportJobState | null }
  | { phase: 'done'; format: ExportFormat; filename: string; blob: Blob }
  | { phase: 'failed'; format: ExportFormat; problem: ExportProblem };

/**
 * The export menu: one row per format with what it holds, and a download button. An export
 * is a job on the server: the dialog starts it, shows its progress (a progress bar and a
 * status line that screen readers hear), fetches the file when done and hands it to the
 * browser. Every refusal is explained in the person's language.
 */
export function ExportDialog({
  boardId,
  token,
  userName,
  parts = NO_PARTS,
  onClose,
}: BoardDialogProps & { parts?: BoardParts }) {
  const { t, locale } = useI18n();
  const modal = useModal(onClose);
  const [run, setRun] = useState<Run | null>(null);
  // The texts in the language chosen here: the one being read, to start with.
  const reading = useReadingLangs();
  const [lang, setLang] = useState<ContentLang>(reading.lang);
  const languageName = useLanguageName();
  const [scopeKey, setScopeKey] = useState('board');
  const scopes = scopeChoices(parts, t);
  const scope = scopes.find((s) => s.key === scopeKey)?.scope ?? WHOLE_BOARD;
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const fail = (format: ExportFormat, problem: ExportProblem) => {
    if (alive.current) setRun({ phase: 'failed', format, problem });
  };

  const go = async (format: ExportFormat) => {
    setRun({ phase: 'working', format, job: null });
    const part = PICTURE_FORMATS.includes(format) ? scope : WHOLE_BOARD;
    let answer = await startExport(boardId, token, format, userName, lang, part, locale);
    while (answer.ok && answer.value.status !== 'done' && answer.value.status !== 'failed') {
      if (!alive.current) return;
      const job = answer.value;
      setRun({ phase: 'working', format, job });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      answer = await exportStatus(boardId, token, job.id);
    }
    if (!answer.ok) return fail(format, answer.problem);
    if (answer.value.status === 'failed') return fail(format, 'failed');
    const file = await exportFile(boardId, token, answer.value.id);
    if (!file.ok) return fail(format, file.problem);
    const filename = answer.value.filename ?? `paja.${format}`;
    downloadBlob(filename, file.value);
    if (alive.current) setRun({ phase: 'done', format, filename, blob: file.value });
  };

  const busy = run?.phase === 'working';
  const formatName = (format: ExportFormat) => t(`export.format.${format}` as MessageKey);
  const percent = run?.phase === 'working' ? Math.round((run.job?.progress ?? 0) * 100) : 0;

  return (
    <dialog
      {...modal}
      className="share-dialog export-dialog"
      data-testid="export-dialog"
      aria-labelledby="export-title"
    >
      <DialogHead id="export-title" title={t('export.title')} name="export" onClose={onClose} />
      <p className="share-intro">{t('export.intro')}</p>
      {reading.langs.length > 1 && (
        <label className="export-lang">
          {t('lang.exportLanguage')}{' '}
          <select
            data-testid="export-lang"
            value={lang}
            disabled={busy}
            onChange={(event) => setLang(event.target.value as ContentLang)}
          >
            {CONTENT_LANGS.filter((code) => reading.langs.includes(code)).map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="export-status" role="status" aria-live="polite" data-testid="export-status">
        {run?.phase === 'working' && (
          <>
            <p>
              {run.job?.status === 'queued'
                ? t('export.queued')
                : t('export.running', { format: formatName(run.format), percent })}
            </p>
            <progress max={100} value={percent} aria-label={formatName(run.format)} />
          </>
        )}
        {run?.phase === 'done' && (
          <p className="export-done">
            {t('export.done', { file: run.filename })}{' '}
            <button
              type="button"
              className="inline-button"
              onClick={() => downloadBlob(run.filename, run.blob)}
            >
              {t('export.again')}
            </button>
          </p>
        )}
        {run?.phase === 'failed' && (
          <p className="export-error" data-testid="export-error">
            {t(`export.error.${run.problem}`)}
          </p>
        )}
      </div>
      {scopes.length > 1 && (
        <p className="export-scope">
          <label htmlFor="export-scope">{t('export.scope')}</label>{' '}
          <select
            id="export-scope"
            data-testid="export-scope"
            value={scopeKey}
            aria-describedby="export-scope-about"
            onChange={(event) => setScopeKey(event.target.value)}
          >
            {scopes.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.label}
              </option>
            ))}
          </select>{' '}
          <span id="export-scope-about">{t('export.scope.about')}</span>
        </p>
      )}
      <ul className="export-formats">
        {EXPORT_FORMATS.map((format) => (
          <li key={format} className="export-format">
            <div>
              <strong>{formatName(format)}</strong>
              <span>{t(`export.format.${format}.about` as MessageKey)}</span>
            </div>
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid={`export-${format}`}
              aria-label={t('export.downloadFormat', { format: formatName(format) })}
              onClick={() => void go(format)}
            >
              {t('export.download')}
            </button>
          </li>
        ))}
      </ul>
    </dialog>
  );
}

/** What of the board a picture export may show: the selection, its topics, its roadmap. */
export interface BoardParts {
  selection: readonly string[];
  clusters: ReadonlyArray<{ id: string; title: string }>;
  hasRoadmap: boolean;
}

/** The parts of the board on screen: the selected notes, the clusters, whether a roadmap. */
export function boardParts(
  selected: ReadonlyArray<{ id: string }>,
  clusters: BoardParts['clusters'],
  roadmap: unknown,
): BoardParts {
  return { selection: selected.map((n) => n.id), clusters, hasRoadmap: roadmap !== null };
}

const NO_PARTS: BoardParts = { selection: [], clusters: [], hasRoadmap: false };
const WHOLE_BOARD: ExportScope = { kind: 'board' };

function scopeChoices(parts: BoardParts, t: ReturnType<typeof useI18n>['t']) {
  const choices: Array<{ key: string; label: string; scope: ExportScope }> = [
    { key: 'board', label: t('export.scope.board'), scope: WHOLE_BOARD },
  ];
  if (parts.selection.length > 0) {
    choices.push({
      key: 'selection',
      label: t('export.scope.selection', { count: parts.selection.length }),
      scope: { kind: 'selection', notes: [...parts.selection] },
    });
  }
  for (const cluster of parts.clusters) {
    choices.push({
      key: `cluster:${cluster.id}`,
      label: t('export.scope.cluster', { title: cluster.title || t('cluster.untitled') }),
      scope: { kind: 'cluster', cluster: cluster.id },
    });
  }
  if (parts.hasRoadmap) {
    choices.push({ key: 'roadmap', label: t('export.scope.roadmap'), scope: { kind: 'roadmap' } });
  }
  return choices;
}
