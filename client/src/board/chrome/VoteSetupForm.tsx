import type { VoteSetup } from '@paja/shared';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { VoteClient } from '../session/VoteClient';

/** Where the candidates come from, as the facilitator chose them. */
export interface CandidateSources {
  selection: readonly string[];
  clusters: ReadonlyArray<{ id: string; title: string; members: readonly string[] }>;
  roadmap: readonly string[];
  all: readonly string[];
}

/**
 * A facilitator starts a vote: a title, dots per person and per note, the candidates (the
 * selection, a cluster, the roadmap's notes or every note), anonymous or named, and an optional
 * time limit. Starting is a request the server judges (VoteClient.start).
 */
type Source = 'selection' | 'cluster' | 'roadmap' | 'all';

export function VoteSetupForm({
  votes,
  sources,
}: {
  votes: VoteClient;
  sources: CandidateSources;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [title, setTitle] = useState('');
  const [dots, setDots] = useState(3);
  const [maxPerItem, setMaxPerItem] = useState(2);
  const [source, setSource] = useState<Source>(sources.selection.length > 0 ? 'selection' : 'all');
  const [cluster, setCluster] = useState(sources.clusters[0]?.id ?? '');
  const [anonymous, setAnonymous] = useState(true);
  const [timed, setTimed] = useState(false);
  const [minutes, setMinutes] = useState(5);
  const candidates =
    source === 'selection'
      ? sources.selection
      : source === 'cluster'
        ? (sources.clusters.find((c) => c.id === cluster)?.members ?? [])
        : source === 'roadmap'
          ? sources.roadmap
          : sources.all;
  const setup: VoteSetup = {
    title: title.trim(),
    dotsPerPerson: clampInt(dots, 1, 100),
    maxPerItem: clampInt(Math.min(maxPerItem, dots), 1, 100),
    candidates: [...candidates],
    anonymous,
    durationSeconds: timed ? clampInt(minutes, 1, 1440) * 60 : 0,
  };
  const option = (value: Source, label: string, count: number) => (
    <label className="vote-choice">
      <input
        type="radio"
        name={`${ids}-source`}
        checked={source === value}
        disabled={count === 0}
        onChange={() => setSource(value)}
      />
      {label}
    </label>
  );
  return (
    <form
      className="vote-setup"
      data-testid="vote-setup"
      onSubmit={(event) => {
        event.preventDefault();
        votes.start(setup);
      }}
    >
      <h3>{t('vote.setupHeading')}</h3>
      <label className="vote-field">
        {t('vote.title')}
        <input
          value={title}
          maxLength={200}
          placeholder={t('vote.titlePlaceholder')}
          onChange={(event) => setTitle(event.target.value)}
          data-testid="vote-title"
        />
      </label>
      <div className="vote-numbers">
        <label className="vote-field">
          {t('vote.dots')}
          <input
            type="number"
            min={1}
            max={100}
            value={dots}
            onChange={(event) => setDots(Number(event.target.value))}
            data-testid="vote-dots"
          />
        </label>
        <label className="vote-field">
          {t('vote.maxPerItem')}
          <input
            type="number"
            min={1}
            max={dots}
            value={Math.min(maxPerItem, dots)}
            onChange={(event) => setMaxPerItem(Number(event.target.value))}
            data-testid="vote-max"
          />
        </label>
      </div>
      <fieldset>
        <legend>{t('vote.candidates')}</legend>
        {option(
          'selection',
          t('vote.candidates.selection', { count: sources.selection.length }),
          sources.selection.length,
        )}
        {option('cluster', t('vote.candidates.cluster'), sources.clusters.length)}
        {source === 'cluster' && (
          <select
            aria-label={t('vote.clusterPick')}
            value={cluster}
            onChange={(event) => setCluster(event.target.value)}
          >
            {sources.clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {t('vote.clusterOption', { title: c.title || '…', count: c.members.length })}
              </option>
            ))}
          </select>
        )}
        {option(
          'roadmap',
          t('vote.candidates.roadmap', { count: sources.roadmap.length }),
          sources.roadmap.length,
        )}
        {option('all', t('vote.candidates.all', { count: sources.all.length }), sources.all.length)}
      </fieldset>
      <fieldset>
        <legend>{t('vote.secrecy')}</legend>
        <label className="vote-choice">
          <input
            type="radio"
            name={`${ids}-secrecy`}
            checked={anonymous}
            onChange={() => setAnonymous(true)}
          />
          {t('vote.anonymous')}
        </label>
        <label className="vote-choice">
          <input
            type="radio"
            name={`${ids}-secrecy`}
            checked={!anonymous}
            onChange={() => setAnonymous(false)}
          />
          {t('vote.named')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('vote.end')}</legend>
        <label className="vote-choice">
          <input
            type="radio"
            name={`${ids}-end`}
            checked={!timed}
            onChange={() => setTimed(false)}
          />
          {t('vote.end.manual')}
        </label>
        <label className="vote-choice">
          <input type="radio" name={`${ids}-end`} checked={timed} onChange={() => setTimed(true)} />
          {t('vote.end.timed')}
        </label>
        {timed && (
          <label className="vote-field">
            {t('vote.minutes')}
            <input
              type="number"
              min={1}
              max={1440}
              value={minutes}
              onChange={(event) => setMinutes(Number(event.target.value))}
            />
          </label>
        )}
      </fieldset>
      <button
        type="submit"
        className="primary"
        disabled={candidates.length === 0}
        data-testid="vote-start"
      >
        {t('vote.start')}
      </button>
    </form>
  );
}

function clampInt(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.max(min, Math.min(max, Math.round(value))) : min;
}
