import { can, type Role } from '@paja/shared';
import { type BoardSideState, readChange } from '../BoardSideState';
import { auditKind, blockKind, heldKind, originKind, policyKind, trustKind } from './kinds';

/** Who hears moderation's news: a connection, as far as that needs to know it. */
export interface NoticeMember {
  readonly participantId: string;
  readonly role: Role;
  readonly pajaClient: boolean;
  send(message: Uint8Array): void;
}

/**
 * Tells people what moderation changed, once per turn: moderators (and facilitators) the
 * queue, each author whose held comments changed their own pending list. A bulk decision on a
 * hundred comments is one message to each, encoded once.
 */
export class ModerationNotices {
  readonly #members: () => Iterable<NoticeMember>;
  readonly #queueMessage: () => Uint8Array;
  readonly #ownMessage: (participantId: string) => Uint8Array;
  readonly #ownChanged = new Set<string>();
  #queueChanged = false;
  #scheduled = false;

  constructor(
    members: () => Iterable<NoticeMember>,
    queueMessage: () => Uint8Array,
    ownMessage: (participantId: string) => Uint8Array,
  ) {
    this.#members = members;
    this.#queueMessage = queueMessage;
    this.#ownMessage = ownMessage;
  }

  /** The moderators' queue changed. */
  queueChanged(): void {
    this.#queueChanged = true;
    this.#schedule();
  }

  /** A held comment of `authorId` changed: the queue, and the author's own list (if known). */
  heldChanged(authorId: string): void {
    this.#queueChanged = true;
    if (authorId) this.#ownChanged.add(authorId);
    this.#schedule();
  }

  /**
   * Moderation's side state that another instance stored (its moderators' decisions, comments
   * held there): this instance's moderators get the new queue, and authors here their own
   * pending comments.
   */
  followStored(side: BoardSideState): void {
    const kinds = [heldKind, originKind, blockKind, policyKind, trustKind, auditKind];
    side.onStored(kinds, (changes) => {
      this.queueChanged();
      for (const { kind, before, after } of changes) {
        if (kind !== heldKind.name) continue;
        for (const held of [readChange(heldKind, before), readChange(heldKind, after)]) {
          if (held) this.heldChanged(held.content.authorId);
        }
      }
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const queue = this.#queueChanged;
      const owners = new Set(this.#ownChanged);
      this.#queueChanged = false;
      this.#ownChanged.clear();
      let queueMessage: Uint8Array | null = null;
      const ownMessages = new Map<string, Uint8Array>();
      for (const member of this.#members()) {
        if (!member.pajaClient) continue;
        if (queue && can(member.role, 'moderate')) {
          queueMessage ??= this.#queueMessage();
          member.send(queueMessage);
        }
        if (owners.has(member.participantId)) {
          let own = ownMessages.get(member.participantId);
          if (!own) {
            own = this.#ownMessage(member.participantId);
            ownMessages.set(member.participantId, own);
          }
          member.send(own);
        }
      }
    });
  }
}
