/**
 * Who may do what on a board. The server enforces these; the client only uses them to hide
 * controls a person cannot use.
 *
 * facilitator  runs the workshop: edits everything, hands out and revokes links
 * participant  edits the board (adds, writes, moves notes)
 * moderator    reads the board, comments and moderates comments (the queue, blocks, the
 *              audit log); cannot change the board itself. Facilitators moderate too.
 * commenter    reads the board and comments; cannot change the board itself
 * viewer       reads only
 */
export const ROLES = ['facilitator', 'participant', 'moderator', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  /** Send Yjs updates that change the board document. */
  | 'edit'
  /** Add comments (through the server's validated comment message). */
  | 'comment'
  /** Mint links for other roles and revoke links. */
  | 'manageLinks'
  /**
   * Show a cursor and name to the others. Readers and commenters do not: a public board may
   * have thousands of them, and each cursor would reach every other connection (traffic
   * growing with the square of the audience). The server drops their awareness.
   */
  | 'presence'
  /** Start, pause, resume, extend and stop the board's timer. */
  | 'runTimer'
  /** Bring everyone to one's view, and lead follow-me. */
  | 'lead'
  /**
   * Moderate comments: see the queue (pending and flagged comments), approve, hide, delete,
   * restore, block a commenter, read and export the audit log and the comments.
   */
  | 'moderate'
  /** Set the board's moderation policy (off, post-moderation, pre-moderation). */
  | 'setModerationPolicy';

const ALLOWED: Record<Role, readonly Action[]> = {
  facilitator: [
    'edit',
    'comment',
    'manageLinks',
    'presence',
    'runTimer',
    'lead',
    'moderate',
    'setModerationPolicy',
  ],
  participant: ['edit', 'comment', 'presence'],
  moderator: ['comment', 'presence', 'moderate'],
  commenter: ['comment'],
  viewer: [],
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[role].includes(action);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The fragment of a board link that carries its capability token: /b/<id>#t=<token>. */
export const TOKEN_FRAGMENT = 't';
/** Query parameter of the sync URL that carries the token. */
export const TOKEN_PARAM = 'token';
/** Query parameter of the sync URL that carries the browser's secret participant key. */
export const PARTICIPANT_KEY_PARAM = 'pk';

/** A board link with its token in the fragment, which browsers never send to servers. */
export function boardLink(baseUrl: string, boardId: string, token: string): string {
  return `${baseUrl}/b/${encodeURIComponent(boardId)}#${TOKEN_FRAGMENT}=${token}`;
}
