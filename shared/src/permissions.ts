import type { PhaseSetting, PhaseSettings } from './records/meta';
import { can, type Role } from './roles';

/*
 * What a participant may do on the board right now: one declarative table of action x phase
 * settings x ownership x lock -> allowed, or refused with a reason key. The server's edit
 * guard (editGuard.ts, run by the server) judges every participant's update with it, and the client
 * asks the same table (mayParticipant, mayPerson) to hide or disable what a person may not do
 * and to say why. Facilitators may do everything; commenters only comment; viewers nothing.
 *
 * Ownership is a note's authorId: a participant's own notes are the ones written with the id
 * the server gave them. Locks come in two sizes: an item's own lock (a note, cluster, lane or
 * period; operations in this package leave a locked item alone, for everyone) and an area's
 * lock (the roadmap, the clusters: binds participants; see LOCK_AREAS).
 */

export type ParticipantAction =
  /** Add a note. */
  | 'addNote'
  /** Move a note or bring it to the front. */
  | 'moveNote'
  /** Change a note's text, colour or size. */
  | 'editNote'
  /** Delete a note. */
  | 'deleteNote'
  /** Put a note into or take it out of a cluster or a roadmap cell. */
  | 'fileNote'
  /** Create, rename, recolour, move, resize, collapse, ungroup or delete a cluster. */
  | 'changeCluster'
  /** Add, rename, reorder or delete a roadmap lane or period. */
  | 'changeRoadmap'
  /** Place or take back a dot. */
  | 'vote'
  /** Comment or reply. */
  | 'comment'
  /** Lock or unlock a note, cluster, lane, period or area. */
  | 'lock'
  /** Change the board's title, language, phase settings or organisation list. */
  | 'changeSettings'
  /** Start, change, close, reveal or delete a vote session. */
  | 'runVotes'
  /** Approve, hide, resolve or remove comments. */
  | 'moderate';

/** Why an action is refused; the client translates the key, the server sends the message. */
export type RefusalReason =
  | 'facilitatorOnly'
  | 'roleCannot'
  | 'frozen'
  | 'locked'
  | 'areaLocked'
  | `closed.${PhaseSetting}`
  /** A note added in someone else's name, or a dot placed in someone else's name. */
  | 'notOwnName'
  /** Who wrote a note, and when, cannot be rewritten. */
  | 'setOnce'
  /** Only the server writes it (dots: through the vote messages, never into the document). */
  | 'serverOnly'
  /** A value no board holds: a text past its length, a broken field, a kind of data (updateValues.ts). */
  | 'invalid';

export interface PermissionContext {
  /** The board's phase settings (readMeta(doc).phase). */
  phase: PhaseSettings;
  /** The note is the person's own. Actions on notes owned by nobody count as others'. */
  own?: boolean;
  /** The item itself is locked (a note, cluster, lane or period). */
  locked?: boolean;
  /** The area it is in, or the cluster, lane or period it enters or leaves, is locked. */
  areaLocked?: boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: RefusalReason };

interface Rule {
  /** Only facilitators, whatever the settings. */
  facilitatorOnly?: true;
  /** "Freeze the board" stops it. */
  frozen?: true;
  /** Locks on the item and its area stop it. */
  locks?: true;
  /** This setting must be on. */
  needs?: PhaseSetting;
  /** This setting must be on when the item is someone else's. */
  othersNeed?: PhaseSetting;
}

/** The table. Read a row as: a participant may <action> when every condition holds. */
export const PARTICIPANT_RULES: Readonly<Record<ParticipantAction, Readonly<Rule>>> = {
  addNote: { frozen: true, needs: 'addNotes' },
  moveNote: { frozen: true, locks: true, othersNeed: 'moveOthers' },
  editNote: { frozen: true, locks: true, othersNeed: 'editOthers' },
  deleteNote: { frozen: true, locks: true, othersNeed: 'deleteOthers' },
  fileNote: { frozen: true, locks: true, othersNeed: 'moveOthers' },
  changeCluster: { frozen: true, locks: true, needs: 'structure' },
  changeRoadmap: { frozen: true, locks: true, needs: 'structure' },
  vote: { needs: 'vote' },
  comment: { needs: 'comment' },
  lock: { facilitatorOnly: true },
  changeSettings: { facilitatorOnly: true },
  runVotes: { facilitatorOnly: true },
  moderate: { facilitatorOnly: true },
};

export const PARTICIPANT_ACTIONS = Object.keys(PARTICIPANT_RULES) as ParticipantAction[];

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: RefusalReason): Decision => ({ allowed: false, reason });

/**
 * May a participant do `action` in this context? Checks in a fixed order, so the reason given
 * is the most fundamental one: facilitators only, then a frozen board, then locks, then the
 * phase setting, then ownership.
 */
export function mayParticipant(action: ParticipantAction, context: PermissionContext): Decision {
  const rule = PARTICIPANT_RULES[action];
  if (rule.facilitatorOnly) return refuse('facilitatorOnly');
  if (rule.frozen && context.phase.frozen) return refuse('frozen');
  if (rule.locks && context.locked) return refuse('locked');
  if (rule.locks && context.areaLocked) return refuse('areaLocked');
  if (rule.needs && !context.phase[rule.needs]) return refuse(`closed.${rule.needs}`);
  if (rule.othersNeed && context.own !== true && !context.phase[rule.othersNeed]) {
    return refuse(`closed.${rule.othersNeed}`);
  }
  return ALLOWED;
}

/**
 * May a person with `role` do `action`? Facilitators may do everything (item locks still make
 * this package's operations skip the item until it is unlocked); commenters may only comment,
 * and only while the comment setting is on; viewers may do nothing.
 */
export function mayPerson(
  role: Role,
  action: ParticipantAction,
  context: PermissionContext,
): Decision {
  switch (role) {
    case 'facilitator':
      return ALLOWED;
    case 'participant':
      return mayParticipant(action, context);
    case 'moderator':
    case 'commenter':
    case 'viewer':
      if (action === 'comment' && can(role, 'comment')) return mayParticipant(action, context);
      return refuse('roleCannot');
  }
}

/**
 * The English sentence for each reason, which the server sends as a refusal's close reason
 * (at most 123 bytes). The client shows its own translation of the key (refusalReasonOf).
 */
export const REFUSAL_MESSAGES: Readonly<Record<RefusalReason, string>> = {
  facilitatorOnly: 'only a facilitator can do that',
  roleCannot: 'this link does not allow that',
  frozen: 'the board is frozen right now',
  locked: 'it is locked by a facilitator',
  areaLocked: 'that area is locked by a facilitator',
  'closed.addNotes': 'adding notes is closed right now',
  'closed.moveOthers': "moving other people's notes is closed right now",
  'closed.editOthers': "editing other people's notes is closed right now",
  'closed.deleteOthers': "deleting other people's notes is closed right now",
  'closed.structure': 'changing clusters and the roadmap is closed right now',
  'closed.vote': 'voting is closed right now',
  'closed.comment': 'commenting is closed on this board right now',
  'closed.frozen': 'the board is frozen right now',
  notOwnName: 'a participant can only act in their own name',
  setOnce: 'who wrote a note, and when, cannot be changed',
  serverOnly: 'dots are placed through the vote messages, never into the board',
  invalid: 'the change holds a value a board cannot hold',
};

/** The reason key of a refusal message the server sent, or null for any other text. */
export function refusalReasonOf(message: string): RefusalReason | null {
  for (const [reason, text] of Object.entries(REFUSAL_MESSAGES)) {
    if (message === text || message.startsWith(`${text}:`)) return reason as RefusalReason;
  }
  return null;
}
