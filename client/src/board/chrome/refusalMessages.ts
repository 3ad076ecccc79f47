import { ACCESS_REASONS, CloseCode } from '@paja/shared';
import type { MessageKey } from '../../i18n/messages';

/**
 * Closes that refuse one change this page made (see isChangeRefused), in the person's language:
 * the close reason the server sends is English and only shown beside the message.
 */
const CHANGE_REFUSALS: Readonly<Record<number, MessageKey>> = {
  [CloseCode.changeRefused]: 'board.error.changeRefused',
  [CloseCode.boardTooLarge]: 'board.error.tooLarge',
  [CloseCode.updateTooComplex]: 'board.error.tooComplex',
  [CloseCode.messageTooLarge]: 'board.error.tooComplex',
};

/** Closes after which the board cannot be opened with this link. */
const DOOR_REFUSALS: Readonly<Record<number, MessageKey>> = {
  [CloseCode.boardNotFound]: 'board.error.notFound',
  [CloseCode.linkExpired]: 'board.error.linkExpired',
  [CloseCode.unauthorized]: 'board.error.noAccess',
  [CloseCode.forbidden]: 'board.error.noAccess',
  [CloseCode.unpublished]: 'public.closed',
};

/**
 * What the page says after the server closed for good with `code` (and `reason`, where one
 * code covers cases a person acts on differently), in the person's language.
 */
export function refusalMessage(code: number, reason = ''): MessageKey {
  if (code === CloseCode.unauthorized || code === CloseCode.forbidden) {
    return noAccessMessage(reason, true);
  }
  return CHANGE_REFUSALS[code] ?? DOOR_REFUSALS[code] ?? 'board.error.unavailable';
}

/**
 * Why a link does not open its board, from the server's reason (a close's or the lookup's
 * answer): withdrawn by the facilitator, a mistyped address, or no access in general.
 * `onBoard`: the person had the board open (then what they saved stays is worth saying).
 */
export function noAccessMessage(reason = '', onBoard = false): MessageKey {
  if (reason === ACCESS_REASONS.revoked) {
    return onBoard ? 'board.error.revoked' : 'board.error.revokedLink';
  }
  if (reason === ACCESS_REASONS.otherBoard) return 'board.error.linkMismatch';
  return 'board.error.noAccess';
}
