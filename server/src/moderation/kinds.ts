import {
  type AuditEntry,
  type FlagReason,
  type HeldContent,
  isFlagReason,
  type ModerationPolicy,
  readHeldContent,
  readPolicy,
} from '@paja/shared';
import { sideKind } from '../BoardSideState';

/*
 * The kinds of side state moderation keeps (BoardSideState: stored with the board in every
 * storage adapter, never in the document). Each parser checks a stored value and is where an
 * older stored shape would be upgraded.
 */

function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('not an object');
  }
  return value as Record<string, unknown>;
}

function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

function number(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${what} is not a number`);
  return value;
}

/** The board's policy, one record under POLICY_KEY. */
export const policyKind = sideKind<ModerationPolicy>('modpolicy', (value) => {
  const policy = readPolicy(value);
  if (typeof policy === 'string') throw new Error(policy);
  return policy;
});
export const POLICY_KEY = 'board';

/**
 * A comment the readers may not see: waiting for a moderator (`pending`) or taken from view
 * (`hidden`). `placeholder`: the document holds a placeholder for it (readers had seen it).
 * Keyed by comment id.
 */
export interface Held {
  content: HeldContent;
  status: 'pending' | 'hidden';
  placeholder: boolean;
  why: 'policy' | 'flags' | 'moderator';
}

export const heldKind = sideKind<Held>('modheld', (value) => {
  const v = object(value);
  const content = readHeldContent(v.content);
  if (typeof content === 'string') throw new Error(content);
  if (v.status !== 'pending' && v.status !== 'hidden') throw new Error('unknown status');
  if (typeof v.placeholder !== 'boolean') throw new Error('placeholder is not a boolean');
  if (v.why !== 'policy' && v.why !== 'flags' && v.why !== 'moderator') {
    throw new Error('unknown why');
  }
  return { content, status: v.status, placeholder: v.placeholder, why: v.why };
});

export interface Flag {
  /** Participant id of whoever flagged. */
  by: string;
  reason: FlagReason;
  at: number;
}

/**
 * What the server knows about a comment besides its content, keyed by comment id: the
 * commenter's address key (a keyed hash, never the address) for blocking, the flags, and
 * whether a moderator has reviewed them (reviewed flags no longer count toward hiding).
 */
export interface Origin {
  address: string;
  flags: Flag[];
  reviewed: boolean;
}

export const originKind = sideKind<Origin>('modorigin', (value) => {
  const v = object(value);
  if (!Array.isArray(v.flags)) throw new Error('flags is not a list');
  const flags = v.flags.map((flag): Flag => {
    const f = object(flag);
    if (!isFlagReason(f.reason)) throw new Error('unknown flag reason');
    return { by: string(f.by, 'by'), reason: f.reason, at: number(f.at, 'at') };
  });
  if (typeof v.reviewed !== 'boolean') throw new Error('reviewed is not a boolean');
  return { address: string(v.address, 'address'), flags, reviewed: v.reviewed };
});

/** A commenter kept from commenting until `until`, by identity and by address. Keyed by id. */
export interface Block {
  authorId: string;
  address: string;
  authorName: string;
  until: number;
  reason: string;
  by: string;
  at: number;
}

export const blockKind = sideKind<Block>('modblock', (value) => {
  const v = object(value);
  return {
    authorId: string(v.authorId, 'authorId'),
    address: string(v.address, 'address'),
    authorName: string(v.authorName, 'authorName'),
    until: number(v.until, 'until'),
    reason: string(v.reason, 'reason'),
    by: string(v.by, 'by'),
    at: number(v.at, 'at'),
  };
});

/** Approved comments per commenter identity (preNew trusts after policy.trustAfter). */
export const trustKind = sideKind<number>('modtrust', (value) => number(value, 'approved'));

/** The audit log: one record per action, keyed by its sequence number, never changed. */
export const auditKind = sideKind<AuditEntry>('modaudit', (value) => {
  const v = object(value);
  const action = string(v.action, 'action') as AuditEntry['action'];
  return {
    seq: number(v.seq, 'seq'),
    at: number(v.at, 'at'),
    by: string(v.by, 'by'),
    byName: string(v.byName, 'byName'),
    action,
    target: string(v.target, 'target'),
    subject: typeof v.subject === 'string' ? v.subject : '',
    reason: string(v.reason, 'reason'),
    detail: string(v.detail, 'detail'),
  };
});

/** Audit keys sort in order as text too (storage adapters may list them so). */
export function auditKey(seq: number): string {
  return String(seq).padStart(10, '0');
}
