import type { Awareness } from 'y-protocols/awareness';
import { useI18n } from '../../i18n/I18nContext';
import { useParticipants } from '../presence/usePresence';

const SHOWN = 6;

/**
 * Who is on the board. Counts connections (a person with two tabs open counts twice): it is
 * what the server sees, and two people who share a computer are two people.
 */
export function ParticipantList({ awareness }: { awareness: Awareness }) {
  const { t } = useI18n();
  const peers = useParticipants(awareness);
  return (
    <section className="participants" aria-label={t('participants.heading')}>
      <span className="participant-count" data-testid="participant-count" aria-live="polite">
        {t('participants.count', { count: peers.length })}
      </span>
      <ul className="avatars">
        {peers.slice(0, SHOWN).map((peer) => {
          const label = peer.isLocal
            ? t('participants.you', { name: peer.user.name })
            : peer.user.name;
          return (
            <li key={peer.clientId} title={label} style={{ background: peer.user.color }}>
              <span aria-hidden="true">{initials(peer.user.name)}</span>
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
        {peers.length > SHOWN && (
          <li className="more" aria-hidden="true">
            +{peers.length - SHOWN}
          </li>
        )}
      </ul>
      {peers.length > SHOWN && (
        <ul className="visually-hidden">
          {peers.slice(SHOWN).map((peer) => (
            <li key={peer.clientId}>{peer.user.name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((part) => (part ? (Array.from(part)[0] ?? '') : ''))
    .join('')
    .toUpperCase();
}
