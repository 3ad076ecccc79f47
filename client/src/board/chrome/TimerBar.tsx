import { can, type Role, type TimerControl, timerRemaining } from '@paja/shared';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { readStored, StorageKey, writeStored } from '../../storage';
import type { AttentionSlice, TimerSnapshot } from '../session/attention';
import { useStore } from '../session/store';
import { playChime, prepareChime } from './chime';
import { formatClock, parseMinutes, TIMER_PRESETS } from './timerText';
import { useDismiss } from './useDismiss';
import './attention.css';

const MINUTE = 60_000;
/** Often enough that the seconds turn within a tenth of a second of the server's. */
const TICK_MS = 100;

/** What is left now, by the server's clock; re-renders while it counts. */
function useRemaining({ timer, offsetMs }: TimerSnapshot): number {
  const [, tick] = useState(0);
  const running = timer.kind === 'running';
  useEffect(() => {
    if (!running) return;
    const interval = setInterval(() => tick((n) => n + 1), TICK_MS);
    return () => clearInterval(interval);
  }, [running]);
  return timerRemaining(timer, Date.now() + offsetMs);
}

/**
 * The board's timer in the header: a countdown everyone sees while a timer runs, is paused or
 * has run out; facilitators also get its controls (a popover: lengths, pause, resume, +1 and
 * +5 min, stop). Each person may turn on a gentle sound at the end (off by default, kept on
 * this device). The end is announced once to screen readers, never each second.
 */
export function TimerBar({ attention, role }: { attention: AttentionSlice; role: Role | null }) {
  const { t } = useI18n();
  const snapshot = useStore(attention.timer);
  const remaining = useRemaining(snapshot);
  const { timer } = snapshot;
  const mayRun = role !== null && can(role, 'runTimer');
  const [open, setOpen] = useState(false);
  const [sound, setSound] = useState(() => readStored(StorageKey.timerSound) === '1');
  const [announcement, setAnnouncement] = useState('');
  const ended = timer.kind === 'running' && remaining === 0;

  // The end, seen happen on this page (not a late join after it): sound and announcement.
  const wasCounting = useRef(false);
  useEffect(() => {
    const counting = timer.kind === 'running' && remaining > 0;
    if (wasCounting.current && ended) {
      setAnnouncement(t('timer.announceEnd'));
      if (sound) playChime();
    }
    if (counting) setAnnouncement('');
    wasCounting.current = counting;
  }, [timer.kind, remaining, ended, sound, t]);

  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  useDismiss(root, open, close);
  const toggleSound = (on: boolean) => {
    setSound(on);
    writeStored(StorageKey.timerSound, on ? '1' : '0');
    if (on) prepareChime();
  };

  if (timer.kind === 'stopped' && !mayRun) {
    return <span className="visually-hidden" aria-live="polite" />;
  }
  const state = timer.kind === 'stopped' ? 'stopped' : ended ? 'ended' : timer.kind;
  const clock = formatClock(remaining);
  const progress =
    timer.kind === 'stopped' ? 0 : Math.min(1, remaining / Math.max(1, timer.durationMs));
  return (
    <div className="timer" ref={root}>
      <button
        type="button"
        className={`timer-pill ${state}`}
        data-testid="timer"
        data-state={state}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        style={{ '--timer-progress': progress } as React.CSSProperties}
      >
        <ClockIcon />
        {state === 'stopped' ? (
          <span>{t('timer.label')}</span>
        ) : (
          <>
            {/* The button's name tells the time left (Chrome left a role="timer" out of it), in
                whole minutes while it runs: a name that changed every second would be read out
                every second to someone on the button. The seconds are for the eyes. */}
            <span className="visually-hidden">
              {t('timer.label')}:{' '}
              {state === 'ended' ? '' : spokenTime(t, state === 'paused', remaining)}
            </span>
            <span className="timer-clock" data-testid="timer-clock" aria-hidden="true">
              {clock}
            </span>
            {state === 'paused' && <span className="timer-note">{t('timer.paused')}</span>}
            {state === 'ended' && <span className="timer-note">{t('timer.timeUp')}</span>}
          </>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </span>
      {open && (
        <TimerPanel
          snapshot={snapshot}
          remaining={remaining}
          mayRun={mayRun}
          ended={ended}
          sound={sound}
          onSound={toggleSound}
          onControl={(control) => {
            if (!attention.controlTimer(control)) return false;
            if (control.action === 'start' || control.action === 'stop') setOpen(false);
            return true;
          }}
          onClose={close}
        />
      )}
    </div>
  );
}

interface TimerPanelProps {
  snapshot: TimerSnapshot;
  /** What is left now (the header's clock, ticking). */
  remaining: number;
  mayRun: boolean;
  ended: boolean;
  sound: boolean;
  onSound(on: boolean): void;
  /** Sends a control; false when it could not be sent (offline). */
  onControl(control: TimerControl): boolean;
  onClose(): void;
}

function TimerPanel({
  snapshot,
  remaining,
  mayRun,
  ended,
  sound,
  onSound,
  onControl,
  onClose,
}: TimerPanelProps) {
  const { t } = useI18n();
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState('');
  const { timer } = snapshot;

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, []);

  const send = (control: TimerControl) => {
    setError(onControl(control) ? '' : t('attention.notConnected'));
  };
  const startCustom = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = parseMinutes(minutes);
    if (parsed === null) {
      setError(t('timer.invalidMinutes'));
      return;
    }
    send({ action: 'start', durationMs: parsed * MINUTE });
  };

  return (
    <div
      className="timer-panel"
      role="dialog"
      aria-labelledby={`${id}-title`}
      ref={panel}
      data-testid="timer-panel"
    >
      <h2 id={`${id}-title`}>{t('timer.dialogTitle')}</h2>
      {timer.kind !== 'stopped' && (
        <p className="timer-left" data-testid="timer-left">
          {ended ? t('timer.timeUp') : t('timer.remaining', { time: formatClock(remaining) })}
          {timer.kind === 'paused' && ` (${t('timer.paused')})`}
        </p>
      )}
      {mayRun && timer.kind !== 'stopped' && (
        <div className="timer-actions">
          {timer.kind === 'paused' ? (
            <button type="button" className="primary" onClick={() => send({ action: 'resume' })}>
              {t('timer.resume')}
            </button>
          ) : (
            !ended && (
              <button type="button" onClick={() => send({ action: 'pause' })}>
                {t('timer.pause')}
              </button>
            )
          )}
          {[1, 5].map((count) => (
            <button
              key={count}
              type="button"
              aria-label={t('timer.extendLabel', { count })}
              onClick={() => send({ action: 'extend', ms: count * MINUTE })}
            >
              {t('timer.extend', { count })}
            </button>
          ))}
          <button type="button" className="danger" onClick={() => send({ action: 'stop' })}>
            {t('timer.stop')}
          </button>
        </div>
      )}
      {mayRun && (
        <>
          <h3>{t('timer.presets')}</h3>
          <div className="timer-presets">
            {TIMER_PRESETS.map((count) => (
              <button
                key={count}
                type="button"
                data-testid={`timer-preset-${count}`}
                onClick={() => send({ action: 'start', durationMs: count * MINUTE })}
              >
                {t('timer.minutes', { count })}
              </button>
            ))}
          </div>
          <form className="timer-custom" onSubmit={startCustom}>
            <label htmlFor={`${id}-minutes`}>{t('timer.custom')}</label>
            <div>
              <input
                id={`${id}-minutes`}
                inputMode="numeric"
                value={minutes}
                onChange={(event) => setMinutes(event.target.value)}
                data-testid="timer-minutes"
              />
              <button type="submit" className="primary" data-testid="timer-start">
                {t('timer.start')}
              </button>
            </div>
          </form>
        </>
      )}
      {error && (
        <p className="timer-error" role="alert">
          {error}
        </p>
      )}
      <label className="timer-sound">
        <input
          type="checkbox"
          checked={sound}
          onChange={(event) => onSound(event.target.checked)}
          data-testid="timer-sound"
        />
        <span>
          {t('timer.sound')}
          <small>{t('timer.soundHelp')}</small>
        </span>
      </label>
      <button type="button" className="quiet timer-close" onClick={onClose}>
        {t('timer.close')}
      </button>
    </div>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

/**
 * The time left as the timer button's name says it: while running, in whole minutes rounded
 * up ("less than 5 min left" at 4:59), so the name changes once a minute; paused, exactly.
 */
export function spokenTime(t: Translate, paused: boolean, remaining: number): string {
  if (paused) return t('timer.remaining', { time: formatClock(remaining) });
  return t('timer.minutesLeft', { count: Math.max(1, Math.ceil(remaining / MINUTE)) });
}

function ClockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
      <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path
        d="M8 6v3l2 1.5M6.5 1.8h3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
