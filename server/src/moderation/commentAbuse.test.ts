import { describe, expect, it } from 'vitest';
import { loadCommentLimits } from '../config';
import { CommentAbuse } from './abuse';

const limits = { ...loadCommentLimits({}), maxChars: 20, burst: 2, flagsPerMinute: 2 };
const alice = { participantId: 'alice', addressKey: 'school' };
const bob = { participantId: 'bob', addressKey: 'school' };

describe('the abuse controls of commenting', () => {
  it('limits the length for everyone, moderators too', () => {
    const abuse = new CommentAbuse(limits);
    expect(abuse.refusal(alice, 'x'.repeat(21), false, 0)).toBe('tooLong');
    expect(abuse.refusal(alice, 'x'.repeat(21), true, 0)).toBe('tooLong');
    expect(abuse.refusal(alice, 'x'.repeat(20), false, 0)).toBeNull();
  });

  it('refuses one’s own remembered comment again, not another person’s on another address', () => {
    const abuse = new CommentAbuse(limits);
    abuse.remember(alice, 'More buses', 0);
    expect(abuse.refusal(alice, 'more  buses!', false, 1)).toBe('duplicate');
    expect(
      abuse.refusal({ participantId: 'carol', addressKey: 'home' }, 'More buses', false, 1),
    ).toBeNull();
    expect(abuse.refusal(alice, 'More buses', true, 1)).toBeNull();
  });

  it('judges duplicates per person: someone else on the same address may say the same', () => {
    const abuse = new CommentAbuse(limits);
    expect(abuse.refusal(alice, 'Samaa mieltä!', false, 0)).toBeNull();
    abuse.remember(alice, 'Samaa mieltä!', 0);
    // Bob shares Alice's address (the school's Wi-Fi) and agrees in the same words.
    expect(abuse.refusal(bob, 'Samaa mieltä!', false, 1)).toBeNull();
    abuse.remember(bob, 'Samaa mieltä!', 1);
    expect(abuse.refusal(bob, 'samaa mieltä', false, 2)).toBe('duplicate');
    expect(abuse.refusal(alice, 'Samaa mieltä!!', false, 2)).toBe('duplicate');
  });

  it('rates comments per identity, and moderators not at all', () => {
    const abuse = new CommentAbuse(limits);
    expect(abuse.refusal(alice, 'one', false, 0)).toBeNull();
    expect(abuse.refusal(alice, 'two', false, 0)).toBeNull();
    expect(abuse.refusal(alice, 'three', false, 0)).toBe('tooFast');
    expect(abuse.refusal(bob, 'four', false, 0)).toBeNull();
    expect(abuse.refusal(alice, 'five', true, 0)).toBeNull();
  });

  it('rates flags per identity and address', () => {
    const abuse = new CommentAbuse(limits);
    expect(abuse.mayFlag(alice)).toBe(true);
    expect(abuse.mayFlag(alice)).toBe(true);
    expect(abuse.mayFlag(alice)).toBe(false);
    // Bob shares Alice's address, whose flags are spent too.
    expect(abuse.mayFlag(bob)).toBe(false);
  });
});
