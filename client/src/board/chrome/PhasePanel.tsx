import {
  DEFAULT_PHASE,
  LOCK_AREAS,
  type LockArea,
  type MetaView,
  PHASE_SETTINGS,
  type PhaseSetting,
} from '@paja/shared';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';

type Setting = Exclude<PhaseSetting, 'frozen'>;
const SETTINGS = PHASE_SETTINGS.filter((s): s is Setting => s !== 'frozen');

interface PhasePanelProps {
  meta: MetaView | null;
  /** Facilitators change the settings; everyone else sees what they may do now. */
  canChange: boolean;
  onSetting(setting: PhaseSetting, on: boolean): void;
  onAreaLock(area: LockArea, locked: boolean): void;
  onDefaults(): void;
  onClose(): void;
}

/**
 * What participants may do now, in plain words: each phase setting as a switch, "freeze the
 * board" as one switch above them, and the areas locked as a whole. A change is one write of
 * a meta key, so it reaches everyone at once; the server enforces it (shared's permission
 * table), this panel only sets it. Participants see the same list, read-only: what they can do.
 */
export function PhasePanel(props: PhasePanelProps) {
  const { t } = useI18n();
  const phase = props.meta?.phase ?? DEFAULT_PHASE;
  const locks = props.meta?.locks ?? { roadmap: false, clusters: false };
  const heading = props.canChange ? t('phase.heading') : t('phase.yourView');
  return (
    <aside className="side-panel phase-panel" aria-label={heading} data-testid="phase-panel">
      <div className="side-panel-head">
        <h2>{heading}</h2>
        <button
          type="button"
          className="quiet"
          data-testid="phase-close"
          onClick={props.onClose}
          aria-label={t('panel.close')}
        >
          ✕
        </button>
      </div>
      <p className="muted">{t('phase.intro')}</p>
      <Switch
        id="frozen"
        label={t('phase.frozen')}
        help={t('phase.frozen.help')}
        on={phase.frozen}
        disabled={!props.canChange}
        strong
        onChange={(on) => props.onSetting('frozen', on)}
      />
      <fieldset className="switches" disabled={!props.canChange}>
        <legend className="visually-hidden">{heading}</legend>
        {SETTINGS.map((setting) => (
          <Switch
            key={setting}
            id={setting}
            label={t(`phase.setting.${setting}`)}
            on={phase[setting]}
            dimmed={phase.frozen && setting !== 'vote' && setting !== 'comment'}
            disabled={!props.canChange}
            onChange={(on) => props.onSetting(setting, on)}
          />
        ))}
      </fieldset>
      <h3>{t('phase.locks')}</h3>
      <fieldset className="switches" disabled={!props.canChange}>
        <legend className="visually-hidden">{t('phase.locks')}</legend>
        {LOCK_AREAS.map((area) => (
          <Switch
            key={area}
            id={`lock-${area}`}
            label={t(`phase.lock.${area}` as MessageKey)}
            help={t(`phase.lock.${area}.help` as MessageKey)}
            on={locks[area]}
            disabled={!props.canChange}
            onChange={(locked) => props.onAreaLock(area, locked)}
          />
        ))}
      </fieldset>
      {props.canChange && (
        <button type="button" data-testid="phase-defaults" onClick={props.onDefaults}>
          {t('phase.defaults')}
        </button>
      )}
    </aside>
  );
}

function Switch(props: {
  id: string;
  label: string;
  help?: string;
  on: boolean;
  disabled: boolean;
  /** The board is frozen: the setting is kept, but nothing of the board changes anyway. */
  dimmed?: boolean;
  strong?: boolean;
  onChange(on: boolean): void;
}) {
  const helpId = useId();
  return (
    <label className={`switch-row${props.strong ? ' strong' : ''}${props.dimmed ? ' dimmed' : ''}`}>
      <input
        type="checkbox"
        role="switch"
        aria-checked={props.on}
        data-testid={`phase-${props.id}`}
        checked={props.on}
        disabled={props.disabled}
        aria-describedby={props.help ? helpId : undefined}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span className="switch-text">
        <span>{props.label}</span>
        {props.help && (
          <small id={helpId} className="muted">
            {props.help}
          </small>
        )}
      </span>
    </label>
  );
}
