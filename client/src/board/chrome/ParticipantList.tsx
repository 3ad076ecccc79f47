import { useCallback, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useI18n } from '../../i18n/I18nContext';
import { type FollowState, NOT_FOLLOWING } from '../canvas/follow';
import type { BoardController } from '../input/BoardController';
import { type Peer, textColorOn } from '../presence/presence';
import { useParticipants } from '../presence/usePresence';
import { Store, useStore } from '../session/store';
import { useDismiss } from './useDismiss';

const SHOWN = 6;
/** Stand-in while the canvas has not opened yet. */
const NO_FOLLOW = new Store<FollowState>(NOT_FOLLOWING);

/**
 * Who is on the board. Counts connections (a person with two tabs open counts twice): it is
 * what the server sees, and two people who share a computer are two people. Everyone else's
 * avatar follows that person's view when pressed (and stops when pressed again); the whole
 * list, with the same buttons, opens from the count or the "+n" avatar, so nobody past the
 * first six is out of reach, on a phone either. A facilitator opens the people dialog (who
 * contributed what; removing or pseudonymising one person's data) from the list.
 */
export function ParticipantList({
  awareness,
  controller,
}: {
  awareness: Awareness;
  controller: BoardController | null;
}) {
  const { t } = useI18n();
  const peers = useParticipants(awareness);
  const following = useStore(controller?.follow ?? NO_FOLLOW).following;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const toggleFollow = (peer: Peer) => {
    if (!controller) return;
    if (following === peer.user.id) controller.run('stopFollowing');
    else controller.run('followPerson', peer.user.id);
  };
  const labelOf = (peer: Peer) =>
    peer.isLocal ? t('participants.you', { name: peer.user.name }) : peer.user.name;

  // Nobody shows presence yet: a reader or commenter (who shows none) alone with other readers
  // would read "Participants: 0" beside the board's count of people, which counts them.
  if (peers.length === 0) return null;
  return (
    <section className="participants" aria-label={t('participants.heading')} ref={root}>
      <button
        type="button"
        className="participant-count quiet"
        data-testid="participant-count"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-live="polite">{t('participants.count', { count: peers.length })}</span>
      </button>
      <ul className="avatars">
        {peers.slice(0, SHOWN).map((peer) => (
          <li key={peer.clientId}>
            {peer.isLocal || !controller ? (
              <span
                className="avatar"
                title={labelOf(peer)}
                style={{ background: peer.user.color, color: textColorOn(peer.user.color) }}
              >
                <span aria-hidden="true">{initials(peer.user.name)}</span>
                <span className="visually-hidden">{labelOf(peer)}</span>
              </span>
            ) : (
              <button
                type="button"
                className={`avatar${following === peer.user.id ? ' following' : ''}`}
                style={{ background: peer.user.color, color: textColorOn(peer.user.color) }}
                title={t('attention.followName', { name: peer.user.name })}
                aria-pressed={following === peer.user.id}
                data-testid="follow-person"
                data-menu-close
                data-name={peer.user.name}
                onClick={() => toggleFollow(peer)}
              >
                <span aria-hidden="true">{initials(peer.user.name)}</span>
                <span className="visually-hidden">
                  {t('attention.followName', { name: peer.user.name })}
                </span>
              </button>
            )}
          </li>
        ))}
        {peers.length > SHOWN && (
          <li>
            <button
              type="button"
              className="avatar more"
              aria-expanded={open}
              aria-label={t('attention.everyone')}
              onClick={() => setOpen((o) => !o)}
            >
              +{peers.length - SHOWN}
            </button>
          </li>
        )}
      </ul>
      {open && (
        <div className="people-panel" role="dialog" aria-label={t('attention.everyone')}>
          <ul>
            {peers.map((peer) => (
              <li key={peer.clientId}>
                <span className="people-dot" style={{ background: peer.user.color }} />
                <span className="people-name">{labelOf(peer)}</span>
                {!peer.isLocal && controller && (
                  <button
                    type="button"
                    aria-pressed={following === peer.user.id}
                    aria-label={t('attention.followName', { name: peer.user.name })}
                    onClick={() => toggleFollow(peer)}
                  >
                    {following === peer.user.id
                      ? t('attention.stopFollowing')
                      : t('attention.follow')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {/* Who contributed what, and their data: facilitators (workshop/PeopleDialog.tsx). */}
          {controller?.enabled('togglePeople') && (
            <button
              type="button"
              data-testid="people-button"
              data-menu-close
              onClick={() => {
                close();
                controller.run('togglePeople');
              }}
            >
              {t('people.open')}
            </button>
          )}
        </div>
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
