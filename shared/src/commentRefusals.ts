import { REFUSAL_MESSAGES } from './permissions';
import { COMMENT_MAX_TEXT } from './schema';

/*
 * Why the server refused a comment, a reply, a support or a resolve: the English sentence it
 * sends in `commentResult.error`, one per reason. The client finds the reason from the
 * sentence (commentRefusalOf) and shows its own translation, so the wire stays readable for
 * any client and every person reads the refusal in their language.
 */
export const COMMENT_REFUSALS = {
  empty: 'A comment cannot be empty.',
  tooLong: `A comment holds at most ${COMMENT_MAX_TEXT} characters.`,
  noName: 'A comment needs a name.',
  tooFast: 'too many comments; wait',
  closed: REFUSAL_MESSAGES['closed.comment'],
  notPublic: 'the public may not comment on this board',
  facilitatorOnly: REFUSAL_MESSAGES.facilitatorOnly,
  threadGone: 'that comment thread no longer exists',
  itemGone: 'that note or comment no longer exists',
} as const;

export type CommentRefusal = keyof typeof COMMENT_REFUSALS;

/** The reason of a refusal the server sent, or null for text outside the table. */
export function commentRefusalOf(error: string): CommentRefusal | null {
  for (const [reason, text] of Object.entries(COMMENT_REFUSALS)) {
    if (error === text) return reason as CommentRefusal;
  }
  return null;
}
