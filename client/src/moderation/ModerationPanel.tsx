import {
  type AuditEntry,
  type BlockView,
  FLAG_REASONS,
  type FlagReason,
  MODERATION_MODES,
  type ModerationAction,
  type ModerationMode,
  type ModerationPolicy,
  POLICY_LIMITS,
  type QueueItem,
} from '@paja/shared';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import type { ModerationAnswer, ModerationClient } from '../board/session/ModerationClient';
import { useStore } from '../board/session/store';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { downloadExport, type ExportFile, readAuditLog } from './exportApi';
import './moderation.css';

type Tab = 'queue' | 'blocks' | 'policy' | 'log';
const TABS: readonly Tab[] = ['queue', 'blocks', 'policy', 'log'];
const BLOCK_HOURS = [1, 24, 168, 720] as const;
const ACTIONS: readonly ModerationAction[] = ['approve', 'hide', 'restore', 'delete'];

interface ModerationPanelProps {
  boardId: string;
  /** The link's token: the exports and the audit log are read over HTTP with it. */
  token: string | null;
  moderation: ModerationClient;
  /** This person's display name, recorded in the audit log with their decisions. */
  name: string;
  /** Facilitators set the policy; moderators read it. */
  facilitator: boolean;
  onClose(): void;
}

/** A line under the panel's head saying how the last request went. */
type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function useAnswer(setFeedback: (feedback: Feedback) => void) {
  const { t } = useI18n();
  return useCallback(
    (answer: ModerationAnswer, done: MessageKey = 'mod.done') => {
      if (answer.ok) setFeedback({ kind: 'ok', text: t(done) });
      else setFeedback({ kind: 'error', text: t(`mod.problem.${answer.problem}`) });
    },
    [t, setFeedback],
  );
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

interface ViewProps {
  moderation: ModerationClient;
  setFeedback(feedback: Feedback): void;
}

function QueueView({
  items,
  total,
  moderation,
  setFeedback,
}: ViewProps & { items: QueueItem[]; total: number }) {
  const { t } = useI18n();
  const answer = useAnswer(setFeedback);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const present = useMemo(() => new Set(items.map((item) => item.id)), [items]);
  // What left the queue (decided by someone else meanwhile) is no longer selected.
  const chosen = [...selected].filter((id) => present.has(id));
  const reasonId = useId();
  const all = items.length > 0 && chosen.length === items.length;

  const decide = async (action: ModerationAction) => {
    setBusy(true);
    const result = await moderation.decide(chosen, action, reason.trim());
    setBusy(false);
    answer(result);
    if (result.ok) {
      setSelected(new Set());
      setReason('');
    }
  };

  if (items.length === 0) {
    return (
      <p className="muted moderation-empty" data-testid="moderation-empty">
        {t('mod.queue.empty')}
      </p>
    );
  }
  return (
    <>
      <div className="moderation-bulk">
        <label className="moderation-check-all">
          <input
            type="checkbox"
            checked={all}
            data-testid="moderation-select-all"
            onChange={() => setSelected(all ? new Set() : new Set(present))}
          />
          {chosen.length > 0 ? t('mod.selected', { count: chosen.length }) : t('mod.selectAll')}
        </label>
        <label className="moderation-reason" htmlFor={reasonId}>
          {t('mod.reason')}
        </label>
        <input
          id={reasonId}
          value={reason}
          maxLength={500}
          data-testid="moderation-reason"
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="moderation-actions">
          {ACTIONS.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'approve' ? 'primary' : action === 'delete' ? 'danger' : ''}
              disabled={chosen.length === 0 || busy}
              data-testid={`moderation-${action}`}
              onClick={() => (action === 'delete' ? setConfirmDelete(true) : void decide(action))}
            >
              {t(`mod.action.${action}`)}
            </button>
          ))}
        </div>
      </div>
      {total > items.length && (
        <p className="muted">{t('mod.queue.more', { shown: items.length, total })}</p>
      )}
      <ol className="moderation-list">
        {items.map((item) => (
          <QueueEntry
            key={item.id}
            item={item}
            checked={selected.has(item.id)}
            onCheck={(on) => {
              const next = new Set(selected);
              if (on) next.add(item.id);
              else next.delete(item.id);
              setSelected(next);
            }}
            moderation={moderation}
            setFeedback={setFeedback}
          />
        ))}
      </ol>
      {confirmDelete && (
        <ConfirmDialog
          message={t('mod.deleteConfirm', { count: chosen.length })}
          confirmLabel={t('mod.action.delete')}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void decide('delete');
          }}
        />
      )}
    </>
  );
}

function flagList(flags: QueueItem['flags'], t: (key: MessageKey) => string): string {
  return FLAG_REASONS.filter((reason) => (flags[reason] ?? 0) > 0)
    .map((reason: FlagReason) => `${t(`flag.reason.${reason}`)} ×${flags[reason]}`)
    .join(', ');
}

function QueueEntry({
  item,
  checked,
  onCheck,
  moderation,
  setFeedback,
}: ViewProps & { item: QueueItem; checked: boolean; onCheck(on: boolean): void }) {
  const { t, locale } = useI18n();
  const [blocking, setBlocking] = useState(false);
  const name = item.authorName || t('mod.anonymous');
  const flags = flagList(item.flags, t);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(
    item.createdAt,
  );
  return (
    <li
      className={`moderation-item ${item.status}`}
      data-testid="moderation-item"
      data-id={item.id}
      data-status={item.status}
    >
      <input
        type="checkbox"
        checked={checked}
        aria-label={t('mod.select', { name })}
        data-testid="moderation-select"
        onChange={(event) => onCheck(event.target.checked)}
      />
      <div className="moderation-item-body">
        <p className="moderation-meta">
          <span className={`moderation-badge ${item.status}`}>
            {t(`mod.status.${item.status}`)}
          </span>
          <strong>{name}</strong>
          <time dateTime={new Date(item.createdAt).toISOString()}>{time}</time>
          <span>
            {t(`mod.anchor.${item.anchor.kind}`)}
            {item.parent ? ` · ${t('mod.reply')}` : ''}
          </span>
          {item.blocked && <span className="moderation-badge blocked">{t('mod.blocked')}</span>}
        </p>
        <p className="moderation-text" data-testid="moderation-text">
          {item.text}
        </p>
        <p className="moderation-why">
          {t(`mod.why.${item.why}`)}
          {flags && ` · ${t('mod.flags', { list: flags })}`}
        </p>
        {!item.blocked && !blocking && (
          <button
            type="button"
            className="quiet moderation-block-open"
            data-testid="moderation-block-open"
            onClick={() => setBlocking(true)}
          >
            {t('mod.block')}
          </button>
        )}
        {blocking && (
          <BlockForm
            item={item}
            name={name}
            moderation={moderation}
            setFeedback={setFeedback}
            onDone={() => setBlocking(false)}
          />
        )}
      </div>
    </li>
  );
}

function BlockForm({
  item,
  name,
  moderation,
  setFeedback,
  onDone,
}: ViewProps & { item: QueueItem; name: string; onDone(): void }) {
  const { t } = useI18n();
  const answer = useAnswer(setFeedback);
  const [hours, setHours] = useState<number>(24);
  const [reason, setReason] = useState('');
  const [address, setAddress] = useState(false);
  const id = useId();
  return (
    <form
      className="moderation-block-form"
      data-testid="moderation-block-form"
      aria-label={t('mod.block.title', { name })}
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await moderation.block(item.id, hours, reason.trim(), address);
        answer(result);
        if (result.ok) onDone();
      }}
    >
      <strong>{t('mod.block.title', { name })}</strong>
      <label htmlFor={`${id}-hours`}>{t('mod.block.for')}</label>
      <select
        id={`${id}-hours`}
        value={hours}
        data-testid="moderation-block-hours"
        onChange={(event) => setHours(Number(event.target.value))}
      >
        {BLOCK_HOURS.map((h) => (
          <option key={h} value={h}>
            {t(`mod.block.hours.${h}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('mod.reason')}</label>
      <input
        id={`${id}-reason`}
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
      />
      <label className="moderation-inline">
        <input
          type="checkbox"
          checked={address}
          onChange={(event) => setAddress(event.target.checked)}
        />
        {t('mod.block.address')}
      </label>
      <div className="moderation-actions">
        <button type="button" onClick={onDone}>
          {t('mod.block.cancel')}
        </button>
        <button type="submit" className="danger" data-testid="moderation-block-confirm">
          {t('mod.block.confirm')}
        </button>
      </div>
    </form>
  );
}

function BlocksView({ blocks, moderation, setFeedback }: ViewProps & { blocks: BlockView[] }) {
  const { t, locale } = useI18n();
  const answer = useAnswer(setFeedback);
  if (blocks.length === 0) return <p className="muted moderation-empty">{t('mod.blocks.empty')}</p>;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <ul className="moderation-list">
      {blocks.map((block) => (
        <li key={block.id} className="moderation-item" data-testid="moderation-block">
          <div className="moderation-item-body">
            <p className="moderation-meta">
              <strong>{block.authorName || t('mod.anonymous')}</strong>
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
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
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
  if (entry.action !== 'policy') return entry.subject || t('mod.anonymous');
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
