import {
  type AuditEntry,
  type BlockView,
  CommentKey,
  type CommentRequest,
  type CommentResult,
  can,
  cleanModeratorName,
  commentsMap,
  contentOf,
  DEFAULT_POLICY,
  encodeModerationQueue,
  encodeModerationResult,
  encodeOwnHeld,
  type FlagReason,
  type HeldContent,
  hasReplies,
  hiddenByFlags,
  hideInDocument,
  MAX_QUEUE_ITEMS,
  MODERATION_REFUSALS,
  type ModerationAction,
  type ModerationPolicy,
  type ModerationRefusal,
  mayParticipant,
  type NamedRequest,
  newId,
  publishHeldComment,
  type QueueItem,
  REFUSAL_MESSAGES,
  type Role,
  readAnchor,
  readMeta,
  restoreInDocument,
  waitsForModerator,
} from '@paja/shared';
import * as Y from 'yjs';
import { type BoardSideState, readChange } from '../BoardSideState';
import type { CommentLimits } from '../config';
import type { SaveRecipient } from '../SavePipeline';
import { DuplicateFilter, KeyedRateLimiter } from './abuse';
import {
  auditKey,
  auditKind,
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

const SYSTEM = 'system';

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
 */
export class BoardModeration {
  readonly #host: ModerationHost;
  readonly #limits: CommentLimits;
  readonly #now: () => number;
  readonly #log: ModerationLog;
  readonly #perIdentity: KeyedRateLimiter;
  readonly #perAddress: KeyedRateLimiter;
  readonly #flags: KeyedRateLimiter;
  readonly #duplicates: DuplicateFilter;
  /** Authors whose `own` list changed and moderators' queue, sent once per turn. */
  readonly #ownChanged = new Set<string>();
  #queueChanged = false;
  #flushScheduled = false;

  constructor(
    host: ModerationHost,
    limits: CommentLimits,
    log: ModerationLog,
    now: () => number = Date.now,
  ) {
    this.#host = host;
    this.#limits = limits;
    this.#now = now;
    this.#log = log;
    this.#perIdentity = new KeyedRateLimiter(limits.perMinute, limits.burst);
    this.#perAddress = new KeyedRateLimiter(limits.perAddressPerMinute, limits.addressBurst);
    this.#flags = new KeyedRateLimiter(limits.flagsPerMinute, limits.flagsPerMinute);
    this.#duplicates = new DuplicateFilter(limits.duplicateMinutes * 60_000);
    // What moderators on other instances decided, and comments held there: this instance's
    // moderators get the new queue, and authors here their own pending comments.
    const kinds = [heldKind, originKind, blockKind, policyKind, trustKind, auditKind];
    host.side.onStored(kinds, (changes) => {
      this.#queueNow();
      for (const { kind, before, after } of changes) {
        if (kind !== heldKind.name) continue;
        for (const held of [readChange(heldKind, before), readChange(heldKind, after)]) {
          if (held) this.#changed(held.content.authorId);
        }
      }
    });
  }

  get policy(): ModerationPolicy {
    return this.#host.side.get(policyKind, POLICY_KEY) ?? DEFAULT_POLICY;
  }

  /** A new connection: moderators get the queue; every Paja client its own pending comments. */
  greet(member: ModerationMember): void {
    if (!member.pajaClient) return;
    if (can(member.role, 'moderate')) member.send(this.#queueMessage());
    member.send(encodeOwnHeld(this.#ownPending(member.participantId)));
  }

  /**
   * Moves comments that an older version kept in the document as pending, or hidden with
   * their text, out of it (run when a board is loaded, before anyone syncs). Returns how many.
   */
  adoptDocumentComments(): number {
    const doc = this.#host.doc;
    let moved = 0;
    this.#host.transactAsServer(() => {
      for (const [id, comment] of [...commentsMap(doc).entries()]) {
        if (!(comment instanceof Y.Map)) continue;
        const moderation = comment.get(CommentKey.moderation);
        if (moderation === 'pending') {
          const content = contentOf(id, comment);
          if (!content) continue;
          commentsMap(doc).delete(id);
          this.#hold(content, 'pending', false, 'policy', '');
          moved++;
        } else if (moderation === 'hidden' && comment.get(CommentKey.text) !== '') {
          const content = hideInDocument(doc, id);
          if (!content) continue;
          this.#hold(content, 'hidden', true, 'moderator', '');
          moved++;
        }
      }
    });
    return moved;
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
    const keys = [`id:${member.participantId}`, `ip:${member.addressKey}`];
    if (!trusted && this.#blockOf(member.participantId, member.addressKey, now)) {
      return refuse('blocked');
    }
    if (request.text.length > this.#limits.maxChars) return refuse('tooLong');
    if (!trusted) {
      if (this.#duplicates.isDuplicate(request.text, keys, now)) return refuse('duplicate');
      if (!this.#perIdentity.take(keys[0] as string)) return refuse('tooFast');
      if (!this.#perAddress.take(keys[1] as string)) return refuse('tooFast');
    }
    const approved = this.#host.side.get(trustKind, member.participantId) ?? 0;
    const held =
      !trusted && waitsForModerator(this.policy, { name: request.authorName, approved })
        ? this.#holdRequest(member, request, now)
        : null;
    const result = held ?? this.#host.publishNow(member, request);
    if (result.ok) {
      this.#duplicates.remember(request.text, keys, now);
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
  allComments(): { content: HeldContent; state: string; flags: number; resolved: boolean }[] {
    const doc = this.#host.doc;
    const side = this.#host.side;
    const rows: { content: HeldContent; state: string; flags: number; resolved: boolean }[] = [];
    const flagsOf = (id: string) => side.get(originKind, id)?.flags.length ?? 0;
    for (const [id, comment] of commentsMap(doc).entries()) {
      if (!(comment instanceof Y.Map)) continue;
      const held = side.get(heldKind, id);
      const content = held?.content ?? contentOf(id, comment);
      if (!content) continue;
      const state = held ? held.status : String(comment.get(CommentKey.moderation) ?? 'visible');
      const resolved = comment.get(CommentKey.resolved) === true;
      rows.push({ content, state, flags: flagsOf(id), resolved });
    }
    for (const [id, held] of side.entries(heldKind)) {
      if (commentsMap(doc).has(id)) continue;
      rows.push({ content: held.content, state: held.status, flags: flagsOf(id), resolved: false });
    }
    return rows.sort((a, b) => a.content.createdAt - b.content.createdAt);
  }

  /** The audit log, oldest first. */
  auditLog(): AuditEntry[] {
    return this.#host.side
      .entries(auditKind)
      .map(([, entry]) => entry)
      .sort((a, b) => a.seq - b.seq || a.at - b.at);
  }

  // ---- comments ---------------------------------------------------------------------

  #holdRequest(
    member: ModerationMember,
    request: CommentRequest,
    now: number,
  ): CommentResult | null {
    const doc = this.#host.doc;
    const refuse = (error: string): CommentResult => ({
      request: request.request,
      ok: false,
      error,
    });
    if (member.role !== 'facilitator') {
      // The same permission table as a comment written at once (commentRequests.ts).
      const decision = mayParticipant('comment', { phase: readMeta(doc).phase });
      if (!decision.allowed) return refuse(REFUSAL_MESSAGES[decision.reason]);
    }
    // Empty text or no name: let the document path give its usual answer.
    if (request.text.trim().length === 0 || cleanModeratorName(request.authorName).length === 0) {
      return null;
    }
    let anchor = 'anchor' in request ? request.anchor : null;
    let parent: string | null = null;
    if ('replyTo' in request) {
      const thread = threadOf(doc, request.replyTo);
      if (!thread) return refuse('that comment thread no longer exists');
      ({ anchor, parent } = thread);
    }
    if (anchor === null) return null;
    const content: HeldContent = {
      id: newId(),
      anchor,
      parent,
      text: request.text,
      authorId: member.participantId,
      authorName: cleanModeratorName(request.authorName),
      createdAt: now,
    };
    this.#hold(content, 'pending', false, 'policy', member.addressKey, member);
    return { request: request.request, ok: true, id: content.id };
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
    const doc = this.#host.doc;
    const side = this.#host.side;
    const comment = commentsMap(doc).get(id);
    if (!(comment instanceof Y.Map) || side.has(heldKind, id)) return 'notFound';
    if ((comment.get(CommentKey.moderation) ?? 'visible') !== 'visible') return 'notFound';
    const origin = side.get(originKind, id) ?? { address: '', flags: [], reviewed: false };
    if (origin.flags.some((flag) => flag.by === member.participantId)) return 'flaggedAlready';
    if (!this.#flags.take(`id:${member.participantId}`, `ip:${member.addressKey}`)) {
      return 'tooManyFlags';
    }
    const now = this.#now();
    const flags = [...origin.flags, { by: member.participantId, reason, at: now }];
    side.put(originKind, id, { ...origin, flags }, member);
    if (!origin.reviewed && hiddenByFlags(this.policy, flags.length)) {
      const subject = this.#authorOf(id)?.authorName ?? '';
      this.#host.transactAsServer((d) => {
        const content = hideInDocument(d, id);
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
    this.#host.transactAsServer(() => {
      for (const id of ids) {
        const subject = this.#authorOf(id)?.authorName ?? '';
        if (this.#apply(member, id, action)) {
          done++;
          this.#audit(member, name, { action, target: id, subject, reason, detail: '' });
        }
      }
    });
    this.#queueNow();
    return done > 0 ? null : 'notFound';
  }

  /** One decision on one comment, inside the caller's server transaction. */
  #apply(member: ModerationMember, id: string, action: ModerationAction): boolean {
    const doc = this.#host.doc;
    const side = this.#host.side;
    const held = side.get(heldKind, id);
    const inDocument = commentsMap(doc).get(id);
    const origin = side.get(originKind, id);
    const reviewed = () => {
      if (origin) side.put(originKind, id, { ...origin, reviewed: true }, member);
    };
    switch (action) {
      case 'approve':
      case 'restore': {
        if (held) {
          if (held.placeholder && inDocument) restoreInDocument(doc, held.content);
          else publishHeldComment(doc, held.content);
          side.delete(heldKind, id, member);
          if (held.status === 'pending' && held.content.authorId) {
            const approved = side.get(trustKind, held.content.authorId) ?? 0;
            side.put(trustKind, held.content.authorId, approved + 1, member);
          }
          this.#changed(held.content.authorId);
          reviewed();
          return true;
        }
        // A visible comment that was flagged: kept, and its flags reviewed.
        if (!inDocument || !origin || origin.flags.length === 0) return false;
        reviewed();
        return true;
      }
      case 'hide': {
        if (held) {
          if (held.status === 'hidden') return false;
          side.put(heldKind, id, { ...held, status: 'hidden', why: 'moderator' }, member);
          this.#changed(held.content.authorId);
          return true;
        }
        const content = inDocument ? hideInDocument(doc, id) : null;
        if (!content) return false;
        side.put(
          heldKind,
          id,
          { content, status: 'hidden', placeholder: true, why: 'moderator' },
          member,
        );
        reviewed();
        return true;
      }
      case 'delete': {
        if (!held && !inDocument) return false;
        if (held) {
          side.delete(heldKind, id, member);
          this.#changed(held.content.authorId);
        }
        if (inDocument) {
          // A thread keeps its first comment's placeholder, so the replies stay readable.
          if (hasReplies(doc, id)) hideInDocument(doc, id);
          else commentsMap(doc).delete(id);
        }
        side.delete(originKind, id, member);
        return true;
      }
    }
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
    const author = this.#authorOf(commentId);
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

  /** The block that keeps this identity or address from commenting now, if any. */
  #blockOf(authorId: string, address: string, now: number): Block | null {
    for (const [id, block] of this.#host.side.entries(blockKind)) {
      if (block.until <= now) {
        this.#host.side.delete(blockKind, id);
        continue;
      }
      if (block.authorId === authorId || (block.address !== '' && block.address === address)) {
        return block;
      }
    }
    return null;
  }

  #authorOf(id: string): { authorId: string; authorName: string; address: string } | null {
    const side = this.#host.side;
    const address = side.get(originKind, id)?.address ?? '';
    const held = side.get(heldKind, id);
    if (held)
      return { authorId: held.content.authorId, authorName: held.content.authorName, address };
    const comment = commentsMap(this.#host.doc).get(id);
    const content = comment instanceof Y.Map ? contentOf(id, comment) : null;
    if (!content) return null;
    return { authorId: content.authorId, authorName: content.authorName, address };
  }

  // ---- audit and messages ------------------------------------------------------------

  /** Appends one line to the audit log, in the same commit as the action it records. */
  #audit(
    member: ModerationMember | null,
    name: string,
    what: Pick<AuditEntry, 'action' | 'target' | 'subject' | 'reason' | 'detail'>,
  ): void {
    const side = this.#host.side;
    const seq = side.count(auditKind) + 1;
    const entry: AuditEntry = {
      seq,
      at: this.#now(),
      by: member?.participantId ?? SYSTEM,
      byName: member ? name : '',
      ...what,
    };
    // Two instances may write the same number at once: a random part keeps both entries.
    side.put(auditKind, `${auditKey(seq)}-${newId()}`, entry, member);
  }

  /** The moderators' queue changed: sent after this turn. Answers "no refusal". */
  #queueNow(): null {
    this.#queueChanged = true;
    this.#scheduleFlush();
    return null;
  }

  #changed(authorId: string): void {
    this.#queueChanged = true;
    if (authorId) this.#ownChanged.add(authorId);
    this.#scheduleFlush();
  }

  /** Sends what changed once, after the current turn (a bulk decision is one message). */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      const queue = this.#queueChanged;
      const owners = new Set(this.#ownChanged);
      this.#queueChanged = false;
      this.#ownChanged.clear();
      let queueMessage: Uint8Array | null = null;
      const ownMessages = new Map<string, Uint8Array>();
      for (const member of this.#host.members()) {
        if (!member.pajaClient) continue;
        if (queue && can(member.role, 'moderate')) {
          queueMessage ??= this.#queueMessage();
          member.send(queueMessage);
        }
        if (owners.has(member.participantId)) {
          let own = ownMessages.get(member.participantId);
          if (!own) {
            own = encodeOwnHeld(this.#ownPending(member.participantId));
            ownMessages.set(member.participantId, own);
          }
          member.send(own);
        }
      }
    });
  }

  #ownPending(participantId: string): HeldContent[] {
    return this.#host.side
      .entries(heldKind)
      .filter(([, held]) => held.status === 'pending' && held.content.authorId === participantId)
      .map(([, held]) => held.content);
  }

  #queueMessage(): Uint8Array {
    const side = this.#host.side;
    const now = this.#now();
    const blocks = side.entries(blockKind).filter(([, block]) => block.until > now);
    const blocked = (authorId: string, address: string) =>
      blocks.some(
        ([, block]) => block.authorId === authorId || (address !== '' && block.address === address),
      );
    const items: QueueItem[] = [];
    const origins = new Map(side.entries(originKind));
    const unreviewed = (id: string) => {
      const origin = origins.get(id);
      const counts: Partial<Record<FlagReason, number>> = {};
      if (origin && !origin.reviewed) {
        for (const flag of origin.flags) counts[flag.reason] = (counts[flag.reason] ?? 0) + 1;
      }
      return counts;
    };
    for (const [id, held] of side.entries(heldKind)) {
      const address = origins.get(id)?.address ?? '';
      items.push({
        ...held.content,
        status: held.status,
        why: held.why,
        flags: unreviewed(id),
        blocked: blocked(held.content.authorId, address),
      });
    }
    const doc = this.#host.doc;
    for (const [id, origin] of origins) {
      if (origin.reviewed || origin.flags.length === 0 || side.has(heldKind, id)) continue;
      const comment = commentsMap(doc).get(id);
      const content = comment instanceof Y.Map ? contentOf(id, comment) : null;
      if (!content) continue;
      items.push({
        ...content,
        status: 'visible',
        why: 'flagged',
        flags: unreviewed(id),
        blocked: blocked(content.authorId, origin.address),
      });
    }
    items.sort((a, b) => b.createdAt - a.createdAt);
    const blockViews: BlockView[] = blocks.map(([id, block]) => ({
      id,
      authorName: block.authorName,
      until: block.until,
      reason: block.reason,
      by: block.by,
      at: block.at,
    }));
    return encodeModerationQueue({
      policy: this.policy,
      items: items.slice(0, MAX_QUEUE_ITEMS),
      total: items.length,
      blocks: blockViews,
    });
  }
}

/** The thread a reply joins: its first comment's id and anchor, or null if it is gone. */
function threadOf(
  doc: Y.Doc,
  id: string,
): { parent: string; anchor: HeldContent['anchor'] } | null {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map)) return null;
  const parent = comment.get(CommentKey.parent);
  const rootId = typeof parent === 'string' ? parent : id;
  const root = commentsMap(doc).get(rootId);
  if (!(root instanceof Y.Map)) return null;
  const anchor = readAnchor(root.get(CommentKey.anchor));
  return typeof anchor === 'string' ? null : { parent: rootId, anchor };
}

function summarize(flags: readonly { reason: FlagReason }[]): string {
  const counts = new Map<string, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${reason}:${count}`).join(',');
}
