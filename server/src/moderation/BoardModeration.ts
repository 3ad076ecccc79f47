import {
  type AuditEntry,
  type CommentRequest,
  type CommentResult,
  can,
  DEFAULT_POLICY,
  encodeModerationQueue,
  encodeModerationResult,
  encodeOwnHeld,
  type FlagReason,
  type HeldContent,
  hiddenByFlags,
  hideInDocument,
  MODERATION_REFUSALS,
  type ModerationAction,
  type ModerationPolicy,
  type ModerationRefusal,
  type NamedRequest,
  newId,
  type Role,
  waitsForModerator,
} from '@paja/shared';
import type * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import type { CommentLimits } from '../config';
import type { SaveRecipient } from '../SavePipeline';
import { CommentAbuse } from './abuse';
import { appendAudit, readAuditLog } from './auditLog';
import { activeBlockOf, commentAuthor } from './blocks';
import { applyDecision } from './decisions';
import { commentRows, type ExportRow } from './exports';
import { flagRefusalBeforeRate } from './flaggable';
import { contentToHold } from './heldRequest';
import {
  type Block,
  blockKind,
  type Held,
  heldKind,
  type Origin,
  originKind,
  POLICY_KEY,
  policyKind,
  trustKind,
} from './kinds';
import { adoptDocumentComments } from './legacyComments';
import { ModerationNotices } from './ModerationNotices';
import { moderationQueue, ownHeld } from './queue';

/** Who moderation deals with: a connection, as far as moderation needs to know it. */
export interface ModerationMember extends SaveRecipient {
  participantId: string;
  role: Role;
  /** A keyed hash of the client's address (never the address itself). */
  readonly addressKey: string;
}

/** What moderation needs of its board: the room, seen through a small window. */
export interface ModerationHost {
  readonly doc: Y.Doc;
  readonly side: BoardSideState;
  /** Changes the document as the server, in one transaction (Room.transactAsServer). */
  transactAsServer<T>(change: (doc: Y.Doc) => T): T;
  /** Writes a comment at once, as commenting did before moderation (commentRequests.ts). */
  publishNow(member: ModerationMember, request: CommentRequest): CommentResult;
  members(): Iterable<ModerationMember>;
}

export interface ModerationLog {
  info(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A loaded board's moderation: the policy, comments held from the readers (pending or
 * hidden), flags, blocks, trust and the audit log, all server side state (kinds.ts), and the
 * abuse controls of commenting, kept per identity and per address. The room owns one and
 * routes every comment request through `submit`, and every moderation message to `handle`.
 *
 * The rule it keeps: the text and author of a comment readers may not see are never in the
 * document and never in a message to anyone but its author's own connections and moderators.
 * Approving writes the comment into the document as the server; hiding takes text and author
 * out of it, leaving a placeholder; the side-state writes that go with either are made in the
 * same synchronous block, so they are stored in the same commit.
 *
 * It decides and records; its parts work: abuse.ts (abuse controls), heldRequest.ts (what is
 * held), decisions.ts (approve, hide, delete), blocks.ts, auditLog.ts, queue.ts and
 * ModerationNotices.ts (who hears what), legacyComments.ts, exports.ts.
 */
export class BoardModeration {
  readonly #host: ModerationHost;
  readonly #now: () => number;
  readonly #log: ModerationLog;
  /** Length, duplicates, rates of comments and of flags (abuse.ts). */
  readonly #abuse: CommentAbuse;
  /** PAJA_COMMENT_MAX_CHARS, told to every client (its form's counter). */
  readonly #maxChars: number;
  /** The queue to moderators, own pending comments to their authors: once per turn. */
  readonly #notices: ModerationNotices;

  constructor(
    host: ModerationHost,
    limits: CommentLimits,
    log: ModerationLog,
    now: () => number = Date.now,
  ) {
    this.#host = host;
    this.#now = now;
    this.#log = log;
    this.#abuse = new CommentAbuse(limits);
    this.#maxChars = limits.maxChars;
    this.#notices = new ModerationNotices(
      () => host.members(),
      () => this.#queueMessage(),
      (participantId) => this.#ownMessage(participantId),
    );
    this.#notices.followStored(host.side);
  }

  get policy(): ModerationPolicy {
    return this.#host.side.get(policyKind, POLICY_KEY) ?? DEFAULT_POLICY;
  }

  /**
   * A new connection: moderators get the queue; every Paja client its own held comments and
   * the comment length limit (its form counts against the limit this server enforces).
   */
  greet(member: ModerationMember): void {
    if (!member.pajaClient) return;
    if (can(member.role, 'moderate')) member.send(this.#queueMessage());
    member.send(this.#ownMessage(member.participantId));
  }

  /**
   * Moves comments that an older version kept in the document as pending, or hidden with
   * their text, out of it (legacyComments.ts; run when a board is loaded). Returns how many.
   */
  adoptDocumentComments(): number {
    return this.#host.transactAsServer((doc) =>
      adoptDocumentComments(doc, (content, status, placeholder, why) =>
        this.#hold(content, status, placeholder, why, ''),
      ),
    );
  }

  /**
   * A comment request from `member`, after the connection decoded it and checked the role.
   * Abuse controls first (honeypot, block, length, rates, duplicates), then the policy: the
   * comment is written into the document at once, or held for a moderator.
   */
  submit(member: ModerationMember, request: CommentRequest): CommentResult {
    const refuse = (reason: ModerationRefusal): CommentResult => ({
      request: request.request,
      ok: false,
      error: MODERATION_REFUSALS[reason],
    });
    if (request.website) {
      // Only a bot fills the hidden field: it is told "ok" and nothing is kept or shown.
      this.#log.info('comment dropped: honeypot filled', { participant: member.participantId });
      return { request: request.request, ok: true, id: newId() };
    }
    const trusted = can(member.role, 'moderate');
    const now = this.#now();
    if (!trusted && activeBlockOf(this.#host.side, member.participantId, member.addressKey, now)) {
      return refuse('blocked');
    }
    const abuse = this.#abuse.refusal(member, request.text, trusted, now);
    if (abuse) return refuse(abuse);
    const approved = this.#host.side.get(trustKind, member.participantId) ?? 0;
    const held =
      !trusted && waitsForModerator(this.policy, { name: request.authorName, approved })
        ? this.#holdRequest(member, request, now)
        : null;
    const result = held ?? this.#host.publishNow(member, request);
    if (result.ok) {
      this.#abuse.remember(member, request.text, now);
      if (!held) {
        const origin: Origin = { address: member.addressKey, flags: [], reviewed: false };
        this.#host.side.put(originKind, result.id, origin, member);
      }
    }
    return result;
  }

  /** A moderation message's request (the connection decoded it); answers its sender. */
  handle(member: ModerationMember, body: NamedRequest): void {
    const answer = (refusal: ModerationRefusal | null) => {
      if (!member.pajaClient) return;
      member.send(
        encodeModerationResult(
          refusal === null
            ? { request: body.request, ok: true }
            : { request: body.request, ok: false, error: MODERATION_REFUSALS[refusal] },
        ),
      );
    };
    if (body.kind === 'flag') {
      answer(this.#flag(member, body.comment, body.reason));
      return;
    }
    if (!can(member.role, 'moderate')) {
      answer('notYours');
      return;
    }
    switch (body.kind) {
      case 'decide':
        answer(this.#decide(member, body.name, body.ids, body.action, body.reason));
        return;
      case 'block':
        answer(this.#block(member, body.name, body.comment, body.hours, body.reason, body.address));
        return;
      case 'unblock':
        answer(this.#unblock(member, body.name, body.block, body.reason));
        return;
      case 'policy':
        if (!can(member.role, 'setModerationPolicy')) {
          answer('facilitatorOnly');
          return;
        }
        this.#host.side.put(policyKind, POLICY_KEY, body.policy, member);
        this.#audit(member, body.name, {
          action: 'policy',
          target: '',
          subject: '',
          reason: '',
          detail: JSON.stringify(body.policy),
        });
        answer(this.#queueNow());
        return;
    }
  }

  /** Every comment of the board for the exports: the document's, and those held from it. */
  allComments(): ExportRow[] {
    return commentRows(this.#host.doc, this.#host.side);
  }

  /** The audit log, oldest first. */
  auditLog(): AuditEntry[] {
    return readAuditLog(this.#host.side);
  }

  // ---- comments ---------------------------------------------------------------------

  #holdRequest(
    member: ModerationMember,
    request: CommentRequest,
    now: number,
  ): CommentResult | null {
    const toHold = contentToHold(this.#host.doc, member, request, now);
    if (toHold === null) return null;
    if (!toHold.ok) return { request: request.request, ok: false, error: toHold.error };
    this.#hold(toHold.content, 'pending', false, 'policy', member.addressKey, member);
    return { request: request.request, ok: true, id: toHold.content.id, pending: true };
  }

  #hold(
    content: HeldContent,
    status: Held['status'],
    placeholder: boolean,
    why: Held['why'],
    address: string,
    from: SaveRecipient | null = null,
  ): void {
    const side = this.#host.side;
    side.put(heldKind, content.id, { content, status, placeholder, why }, from);
    if (!side.has(originKind, content.id)) {
      side.put(originKind, content.id, { address, flags: [], reviewed: false }, from);
    }
    this.#changed(content.authorId);
  }

  #flag(member: ModerationMember, id: string, reason: FlagReason): ModerationRefusal | null {
    const side = this.#host.side;
    const refusal = flagRefusalBeforeRate(this.#host.doc, side, id, member.participantId);
    if (refusal) return refusal;
    const origin = side.get(originKind, id) ?? { address: '', flags: [], reviewed: false };
    if (!this.#abuse.mayFlag(member)) return 'tooManyFlags';
    const now = this.#now();
    const flags = [...origin.flags, { by: member.participantId, reason, at: now }];
    side.put(originKind, id, { ...origin, flags }, member);
    if (!origin.reviewed && hiddenByFlags(this.policy, flags.length)) {
      const subject = commentAuthor(this.#host.doc, this.#host.side, id)?.authorName ?? '';
      this.#host.transactAsServer((d) => {
        // The placeholder says readers' flags hid it, not a moderator (until one decides).
        const content = hideInDocument(d, id, 'flags');
        if (content) this.#hold(content, 'hidden', true, 'flags', origin.address);
      });
      const detail = summarize(flags);
      this.#audit(null, '', { action: 'autoHide', target: id, subject, reason: '', detail });
    }
    return this.#queueNow();
  }

  #decide(
    member: ModerationMember,
    name: string,
    ids: readonly string[],
    action: ModerationAction,
    reason: string,
  ): ModerationRefusal | null {
    let done = 0;
    const scope = {
      doc: this.#host.doc,
      side: this.#host.side,
      heldChanged: (authorId: string) => this.#notices.heldChanged(authorId),
    };
    this.#host.transactAsServer(() => {
      for (const id of ids) {
        const subject = commentAuthor(this.#host.doc, this.#host.side, id)?.authorName ?? '';
        if (applyDecision(scope, member, id, action)) {
          done++;
          this.#audit(member, name, { action, target: id, subject, reason, detail: '' });
        }
      }
    });
    this.#queueNow();
    return done > 0 ? null : 'notFound';
  }

  // ---- blocks ------------------------------------------------------------------------

  #block(
    member: ModerationMember,
    name: string,
    commentId: string,
    hours: number,
    reason: string,
    withAddress: boolean,
  ): ModerationRefusal | null {
    const author = commentAuthor(this.#host.doc, this.#host.side, commentId);
    if (!author || author.authorId === '') return 'notFound';
    const now = this.#now();
    const id = newId();
    const block: Block = {
      authorId: author.authorId,
      address: withAddress ? author.address : '',
      authorName: author.authorName,
      until: now + hours * 3_600_000,
      reason,
      by: name || member.participantId,
      at: now,
    };
    this.#host.side.put(blockKind, id, block, member);
    this.#audit(member, name, {
      action: 'block',
      target: id,
      subject: author.authorName,
      reason,
      detail: `comment=${commentId} hours=${hours} address=${withAddress}`,
    });
    return this.#queueNow();
  }

  #unblock(
    member: ModerationMember,
    name: string,
    blockId: string,
    reason: string,
  ): ModerationRefusal | null {
    const block = this.#host.side.get(blockKind, blockId);
    if (!block) return 'notFound';
    this.#host.side.delete(blockKind, blockId, member);
    this.#audit(member, name, {
      action: 'unblock',
      target: blockId,
      subject: block.authorName,
      reason,
      detail: '',
    });
    return this.#queueNow();
  }

  // ---- audit and messages ------------------------------------------------------------

  /** Appends one line to the audit log, in the same commit as the action it records. */
  #audit(
    member: ModerationMember | null,
    name: string,
    what: Pick<AuditEntry, 'action' | 'target' | 'subject' | 'reason' | 'detail'>,
  ): void {
    appendAudit(this.#host.side, member, name, what, this.#now());
  }

  /** The moderators' queue changed: sent after this turn. Answers "no refusal". */
  #queueNow(): null {
    this.#notices.queueChanged();
    return null;
  }

  #changed(authorId: string): void {
    this.#notices.heldChanged(authorId);
  }

  #ownMessage(participantId: string): Uint8Array {
    const comments = ownHeld(this.#host.side, participantId);
    return encodeOwnHeld({ comments, maxChars: this.#maxChars });
  }

  #queueMessage(): Uint8Array {
    const queue = moderationQueue(this.#host.side, this.#host.doc, this.policy, this.#now());
    return encodeModerationQueue(queue);
  }
}

function summarize(flags: readonly { reason: FlagReason }[]): string {
  const counts = new Map<string, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${reason}:${count}`).join(',');
}
