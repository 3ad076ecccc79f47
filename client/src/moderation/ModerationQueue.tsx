import {
  type CommentAnchor,
  FLAG_REASONS,
  type FlagReason,
  type ModerationAction,
  type QueueItem,
} from '@paja/shared';
import { useCallback, useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { authorLabel } from '../board/chrome/commentText';
import type { ModerationAnswer, ModerationClient } from '../board/session/ModerationClient';
import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import './moderation.css';

/*
 * The moderation queue (pending, hidden and flagged comments) with its bulk decisions and
 * blocks: shown in the moderation panel beside the canvas and in the outline.
 */

export const BLOCK_HOURS = [1, 24, 168, 720] as const;
const ACTIONS: readonly ModerationAction[] = ['approve', 'hide', 'restore', 'delete'];

/** A line under the panel's head saying how the last request went. */
export type Feedback = { kind: 'ok' | 'error'; text: string } | null;

export function useAnswer(setFeedback: (feedback: Feedback) => void) {
  const { t } = useI18n();
  return useCallback(
    (answer: ModerationAnswer, done: MessageKey = 'mod.done') => {
      if (answer.ok) setFeedback({ kind: 'ok', text: t(done) });
      else setFeedback({ kind: 'error', text: t(`mod.problem.${answer.problem}`) });
    },
    [t, setFeedback],
  );
}

export interface ViewProps {
  moderation: ModerationClient;
  setFeedback(feedback: Feedback): void;
}

/**
 * Names what a comment is about as the comments panel does (the note's text, the topic's title,
 * the roadmap cell: commentText.ts's describeAnchor); without it, only the kind of place.
 */
export type DescribeAnchor = (anchor: CommentAnchor) => string;

export function QueueView({
  items,
  total,
  moderation,
  setFeedback,
  describe,
}: ViewProps & { items: QueueItem[]; total: number; describe?: DescribeAnchor }) {
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
            describe={describe}
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
  describe,
}: ViewProps & {
  item: QueueItem;
  checked: boolean;
  onCheck(on: boolean): void;
  describe?: DescribeAnchor;
}) {
  const { t, locale } = useI18n();
  const [blocking, setBlocking] = useState(false);
  const name = authorLabel(item.authorName, t('mod.anonymous'));
  const flags = flagList(item.flags, t);
  const time = new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(item.createdAt);
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
          <span data-testid="moderation-anchor">
            {describe ? describe(item.anchor) : t(`mod.anchor.${item.anchor.kind}`)}
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
