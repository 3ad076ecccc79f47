import {
  type AuditEntry,
  type BlockView,
  FLAG_REASONS,
  type FlagReason,
  MODERATION_MODES,
  type ModerationMode,
  type ModerationPolicy,
  POLICY_LIMITS,
} from '@paja/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { authorLabel } from '../board/chrome/commentText';
import type { ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { downloadExport, type ExportFile, readAuditLog } from './exportApi';
import {
  BLOCK_HOURS,
  type DescribeAnchor,
  type Feedback,
  QueueView,
  useAnswer,
  type ViewProps,
} from './ModerationQueue';
import './moderation.css';

type Tab = 'queue' | 'blocks' | 'policy' | 'log';
const TABS: readonly Tab[] = ['queue', 'blocks', 'policy', 'log'];

interface ModerationPanelProps {
  boardId: string;
  /** The link's token: the exports and the audit log are read over HTTP with it. */
  token: string | null;
  moderation: ModerationClient;
  /** This person's display name, recorded in the audit log with their decisions. */
  name: string;
  /** Facilitators set the policy; moderators read it. */
  facilitator: boolean;
  /** Names what a queued comment is about (the comments panel's describeAnchor). */
  describe?: DescribeAnchor;
  onClose(): void;
}

/**
 * The moderation panel for moderators and facilitators: the queue (pending, hidden and flagged
 * comments, with bulk approve, hide, restore and delete, and blocking an author), the blocks in
 * force, the board's policy (facilitators change it) and the audit log, with the exports. The
 * server sends the queue and judges every request; the panel shows its answers in the person's
 * language.
 */
export function ModerationPanel(props: ModerationPanelProps) {
  const { t } = useI18n();
  const { queue } = useStore(props.moderation.state);
  const [tab, setTab] = useState<Tab>('queue');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const headingId = useId();
  useEffect(() => {
    props.moderation.name = props.name;
  }, [props.moderation, props.name]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);
  const counts: Record<Tab, number | null> = {
    queue: queue?.total ?? 0,
    blocks: queue?.blocks.length ?? 0,
    policy: null,
    log: null,
  };
  return (
    <aside className="moderation-panel" aria-labelledby={headingId} data-testid="moderation-panel">
      <div className="moderation-head">
        <h2 id={headingId}>{t('mod.title')}</h2>
        <button
          type="button"
          className="quiet"
          onClick={props.onClose}
          aria-label={t('mod.close')}
          data-testid="moderation-close"
        >
          ✕
        </button>
      </div>
      <div className="moderation-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`moderation-tab-${id}`}
            onClick={() => {
              setTab(id);
              setFeedback(null);
            }}
          >
            {t(`mod.tab.${id}`)}
            {counts[id] ? <span className="moderation-count">{counts[id]}</span> : null}
          </button>
        ))}
      </div>
      <p
        className={`moderation-feedback ${feedback?.kind ?? ''}`}
        role="status"
        data-testid="moderation-feedback"
      >
        {feedback?.text ?? ''}
      </p>
      <div className="moderation-body" role="tabpanel">
        {tab === 'queue' && (
          <QueueView
            items={queue?.items ?? []}
            total={queue?.total ?? 0}
            moderation={props.moderation}
            setFeedback={setFeedback}
            describe={props.describe}
          />
        )}
        {tab === 'blocks' && (
          <BlocksView
            blocks={queue?.blocks ?? []}
            moderation={props.moderation}
            setFeedback={setFeedback}
          />
        )}
        {tab === 'policy' && queue && (
          <PolicyView
            policy={queue.policy}
            facilitator={props.facilitator}
            moderation={props.moderation}
            setFeedback={setFeedback}
          />
        )}
        {tab === 'log' && <LogView boardId={props.boardId} token={props.token} />}
      </div>
      {props.token && (
        <Exports boardId={props.boardId} token={props.token} setFeedback={setFeedback} />
      )}
    </aside>
  );
}

function BlocksView({ blocks, moderation, setFeedback }: ViewProps & { blocks: BlockView[] }) {
  const { t, locale } = useI18n();
  const answer = useAnswer(setFeedback);
  if (blocks.length === 0) return <p className="muted moderation-empty">{t('mod.blocks.empty')}</p>;
  const format = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <ul className="moderation-list">
      {blocks.map((block) => (
        <li key={block.id} className="moderation-item" data-testid="moderation-block">
          <div className="moderation-item-body">
            <p className="moderation-meta">
              <strong>{authorLabel(block.authorName, t('mod.anonymous'))}</strong>
              <span>{t('mod.blocks.until', { date: format.format(block.until) })}</span>
              <span>{t('mod.blocks.by', { name: block.by })}</span>
            </p>
            {block.reason && <p className="moderation-text">{block.reason}</p>}
            <button
              type="button"
              data-testid="moderation-unblock"
              onClick={async () => answer(await moderation.unblock(block.id))}
            >
              {t('mod.blocks.lift')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

function PolicyView({
  policy,
  facilitator,
  moderation,
  setFeedback,
}: ViewProps & { policy: ModerationPolicy; facilitator: boolean }) {
  const { t } = useI18n();
  const answer = useAnswer(setFeedback);
  const [draft, setDraft] = useState<ModerationPolicy>(policy);
  useEffect(() => setDraft(policy), [policy]);
  const id = useId();
  const number = (key: 'trustAfter' | 'flagThreshold') => {
    const [min, max] = POLICY_LIMITS[key];
    return (
      <label className="moderation-number">
        <span>{t(`mod.policy.${key}`)}</span>
        <input
          type="number"
          min={min}
          max={max}
          value={draft[key]}
          disabled={!facilitator}
          data-testid={`moderation-${key}`}
          onChange={(event) => {
            const value = Math.round(Number(event.target.value));
            if (value >= min && value <= max) setDraft({ ...draft, [key]: value });
          }}
        />
      </label>
    );
  };
  return (
    <form
      className="moderation-policy"
      onSubmit={async (event) => {
        event.preventDefault();
        answer(await moderation.setPolicy(draft), 'mod.policy.saved');
      }}
    >
      <fieldset disabled={!facilitator}>
        <legend>{t('mod.policy.intro')}</legend>
        {MODERATION_MODES.map((mode: ModerationMode) => (
          <label key={mode} className="moderation-mode">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode}
              checked={draft.mode === mode}
              data-testid={`moderation-mode-${mode}`}
              onChange={() => setDraft({ ...draft, mode })}
            />
            <span>
              <strong>{t(`mod.policy.${mode}`)}</strong>
              <span className="muted">{t(`mod.policy.${mode}.help`)}</span>
            </span>
          </label>
        ))}
        {draft.mode === 'preNew' && number('trustAfter')}
        {draft.mode !== 'off' && number('flagThreshold')}
      </fieldset>
      {facilitator ? (
        <button type="submit" className="primary" data-testid="moderation-policy-save">
          {t('mod.policy.save')}
        </button>
      ) : (
        <p className="muted">{t('mod.policy.readOnly')}</p>
      )}
    </form>
  );
}

function LogView({ boardId, token }: { boardId: string; token: string | null }) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null | 'failed'>(null);
  const load = useCallback(async () => {
    if (!token) return;
    setEntries((await readAuditLog(boardId, token)) ?? 'failed');
  }, [boardId, token]);
  useEffect(() => {
    void load();
  }, [load]);
  const format = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  return (
    <div className="moderation-log">
      <button type="button" className="quiet" onClick={() => void load()}>
        {t('mod.log.refresh')}
      </button>
      {entries === 'failed' && <p className="error">{t('mod.log.failed')}</p>}
      {Array.isArray(entries) && entries.length === 0 && (
        <p className="muted moderation-empty">{t('mod.log.empty')}</p>
      )}
      {Array.isArray(entries) && entries.length > 0 && (
        <ol className="moderation-log-list" data-testid="moderation-log">
          {[...entries].reverse().map((entry) => (
            <li key={entry.seq} data-testid="moderation-log-entry" data-action={entry.action}>
              <time dateTime={new Date(entry.at).toISOString()}>{format.format(entry.at)}</time>
              <span>
                <strong>
                  {entry.by === 'system' ? t('mod.log.system') : entry.byName || entry.by}
                </strong>{' '}
                {t(`mod.log.action.${entry.action}`, { name: logSubject(entry, t) })}
              </span>
              {logDetail(entry, t) && <span className="muted">{logDetail(entry, t)}</span>}
              {entry.reason && <span className="muted">“{entry.reason}”</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Who or what a log line is about, in the reader's language. */
function logSubject(entry: AuditEntry, t: Translate): string {
  if (entry.action !== 'policy') return authorLabel(entry.subject, t('mod.anonymous'));
  try {
    const mode = (JSON.parse(entry.detail) as { mode?: unknown }).mode;
    return (MODERATION_MODES as readonly unknown[]).includes(mode)
      ? t(`mod.policy.${mode as ModerationMode}`)
      : '';
  } catch {
    return '';
  }
}

/** A block's length, or the flags that hid a comment, from the entry's details. */
function logDetail(entry: AuditEntry, t: Translate): string {
  if (entry.action === 'block') {
    const hours = Number(/hours=(\d+)/.exec(entry.detail)?.[1] ?? 0);
    const length = (BLOCK_HOURS as readonly number[]).includes(hours)
      ? t(`mod.block.hours.${hours as (typeof BLOCK_HOURS)[number]}`)
      : `${hours} h`;
    return /address=true/.test(entry.detail) ? `${length} · ${t('mod.log.withAddress')}` : length;
  }
  if (entry.action === 'autoHide') {
    const list = entry.detail
      .split(',')
      .map((part) => part.split(':'))
      .filter(([reason]) => (FLAG_REASONS as readonly string[]).includes(reason ?? ''))
      .map(([reason, count]) => `${t(`flag.reason.${reason as FlagReason}`)} ×${count}`)
      .join(', ');
    return list ? t('mod.log.flags', { list }) : '';
  }
  return '';
}

const EXPORTS: readonly [ExportFile, MessageKey][] = [
  ['comments.csv', 'mod.export.commentsCsv'],
  ['comments.json', 'mod.export.commentsJson'],
  ['audit.csv', 'mod.export.auditCsv'],
];

function Exports({
  boardId,
  token,
  setFeedback,
}: {
  boardId: string;
  token: string;
  setFeedback(feedback: Feedback): void;
}) {
  const { t } = useI18n();
  return (
    <div className="moderation-exports" data-testid="moderation-exports">
      <span>{t('mod.export')}</span>
      {EXPORTS.map(([file, label]) => (
        <button
          key={file}
          type="button"
          data-testid={`moderation-export-${file.replace('.', '-')}`}
          onClick={async () => {
            if (!(await downloadExport(boardId, token, file))) {
              setFeedback({ kind: 'error', text: t('mod.export.failed') });
            }
          }}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
