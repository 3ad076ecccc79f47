/**
 * The message-type registry: the first varUint of every binary frame on the sync socket.
 *
 * 0-99 belong to y-protocols / y-websocket (0-3 are used). 100 and up are Paja's own, one
 * number per message family, each with its encoder and decoder side by side in its own module
 * of this folder. A number, once used, is never reused for something else: an old client
 * must never read a new message as an old one.
 */
export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  sync: 0,
  /** y-protocols awareness update: cursors, names, selections. Never stored. */
  awareness: 1,
  /** y-protocols auth: permission denied with a reason. Paja's server never sends it. */
  auth: 2,
  /** Asks the server to send the full awareness state. */
  queryAwareness: 3,
  /** Server -> Paja client: what of the client's edits is stored (`save.ts`). */
  saved: 100,
  /** Server -> Paja client, first: identity, role and versions (`welcome.ts`). */
  welcome: 101,
  /** Client -> server: "tell me when everything I sent before this is stored" (`save.ts`). */
  saveRequest: 102,
  /** Client -> server: a comment the server checks and writes itself (`comment.ts`). */
  comment: 103,
  /** Server -> client: the answer to `comment` and to `commentAction` (`comment.ts`). */
  commentResult: 104,
  /** Both ways: dot votes of an open session, held by the server until the reveal (`votes.ts`). */
  votes: 105,
  /** Both ways: private brainstorm notes, held by the server until the reveal (`privateNotes.ts`). */
  privateNotes: 106,
  /**
   * Both ways: moderation of comments; moderators' decisions, blocks, policy and flags in,
   * answers, the queue (moderators only) and an author's own pending comments out
   * (`moderation.ts`).
   */
  moderation: 107,
  /** Both ways: the facilitator's timer; controls in, the state out (`timer.ts`). */
  timer: 108,
  /** Both ways: bring everyone here, follow-me and who leads (`follow.ts`). */
  follow: 109,
  /** Server -> Paja client: how many people are on the board, at most once a second. */
  readerCount: 111,
  /** Client -> server: support, take back, resolve, reopen (`commentAction.ts`). */
  commentAction: 112,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * Numbers held for the families announced next, so that each can land in its own module
 * without renumbering anything. A family that needs several messages starts its payload with
 * a varUint kind, as y-protocols' sync does with its step. Until a family is implemented its
 * number is refused like any unknown type (close 4400). PROTOCOL.md lists them too.
 */
export const ReservedMessageType = {
  /** Publishing the draft board to the public. */
  publish: 110,
} as const;
export type ReservedMessageType = (typeof ReservedMessageType)[keyof typeof ReservedMessageType];
