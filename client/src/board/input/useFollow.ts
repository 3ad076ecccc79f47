import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { peerView, readPeers } from '../presence/presence';
import type { BoardSession } from '../session/BoardSession';
import type { BoardController } from './BoardController';

/** A person's name as presence shows it, or the fallback. */
export function nameOf(awareness: Awareness, participantId: string): string | null {
  const peer = readPeers(awareness.getStates(), awareness.clientID).find(
    (p) => p.user.id === participantId,
  );
  return peer?.user.name ?? null;
}

/**
 * Ties follow-me to the canvas: who leads (from the server) goes into the controller's follow
 * state; a facilitator's summons moves the view once; and while this screen follows someone,
 * each change of her `view` in awareness (and each resize of this screen) shows her view
 * fitted to this screen. Moving the view oneself stops following (BoardController).
 */
export function useFollow(
  session: BoardSession,
  controller: BoardController,
  me: string,
  t: (key: MessageKey, params?: MessageParams) => string,
): void {
  const { attention, awareness } = session;
  useEffect(() => {
    const apply = () =>
      controller.followEvent({ type: 'leader', leader: attention.leader.get(), me });
    apply();
    return attention.leader.subscribe(apply);
  }, [attention, controller, me]);

  useEffect(() => {
    // Only summons that arrive while this view is open: an old one must not move it on mount.
    let seen = attention.summons.get()?.seq ?? 0;
    return attention.summons.subscribe(() => {
      const summons = attention.summons.get();
      if (!summons || summons.seq === seen) return;
      seen = summons.seq;
      controller.showView(summons.view);
      const name = nameOf(awareness, summons.by) ?? t('attention.someone');
      controller.notify({ text: t('attention.summonedBy', { name }), tone: 'info' });
    });
  }, [attention, awareness, controller, t]);

  useEffect(() => {
    // Awareness changes with every cursor of every person: move only when her view did.
    let shown = '';
    const show = () => {
      const following = controller.follow.get().following;
      if (following === null) return;
      const rect = peerView(awareness.getStates(), following);
      const key = rect && `${following}:${rect.x},${rect.y},${rect.width},${rect.height}`;
      if (!rect || key === shown) return;
      shown = key ?? '';
      controller.showView(rect);
    };
    const again = () => {
      shown = '';
      show();
    };
    let size = controller.view.get().size;
    const onView = () => {
      const next = controller.view.get().size;
      if (next === size) return; // only a resize: showing a view changes the viewport alone
      size = next;
      again();
    };
    show();
    awareness.on('change', show);
    const offFollow = controller.follow.subscribe(again);
    const offView = controller.view.subscribe(onView);
    return () => {
      awareness.off('change', show);
      offFollow();
      offView();
    };
  }, [awareness, controller]);
}
