import type { CommentLimits } from '../config';
import { RateLimiter } from '../RateLimiter';

/*
 * Abuse controls for public commenting that do not depend on the socket: a person who
 * reconnects (or opens ten tabs) is still the same identity and usually the same address, so
 * the rates are kept per identity and per address, for as long as the board is loaded. No
 * captcha and no outside service: rates, a length limit, duplicate detection and a honeypot.
 * Duplicates are judged per identity only: people behind one address (a school, an office's
 * Wi-Fi) often agree in the same few words, and each of them may say so.
 */

/** How many keys a limiter remembers; the oldest are forgotten first (they have refilled). */
const MAX_KEYS = 20_000;

/** Token buckets by key (an identity, an address), `perMinute` on average, bursts of `burst`. */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, RateLimiter>();
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(perMinute: number, burst: number, now: () => number = () => performance.now()) {
    this.#perSecond = perMinute / 60;
    this.#burst = burst;
    this.#now = now;
  }

  /** Takes one token from each key's bucket; false (and nothing taken) if any is empty. */
  take(...keys: string[]): boolean {
    const buckets = keys.map((key) => this.#bucket(key));
    if (!buckets.every((bucket) => bucket.available() >= 1)) return false;
    for (const bucket of buckets) bucket.take();
    return true;
  }

  #bucket(key: string): RateLimiter {
    let bucket = this.#buckets.get(key);
    if (bucket) {
      // Re-inserted: the map's order is then "least recently used first".
      this.#buckets.delete(key);
    } else {
      bucket = new RateLimiter(this.#perSecond, this.#burst, this.#now);
      if (this.#buckets.size >= MAX_KEYS) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }
}

/**
 * A comment's text reduced to what a near-copy keeps: lower case, letters and digits only
 * (any script), runs of one character cut to two ("niiiice" = "niice"), single spaces.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(.)\1{2,}/gu, '$1$1')
    .trim();
}

/** Character trigrams of a normalised text (with its ends marked). */
export function shingles(normalized: string): Set<string> {
  const padded = ` ${normalized} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

/** Jaccard similarity of two sets, 0 to 1. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Texts this similar are the same comment written again: a changed word or two in a
 * paragraph, added punctuation or emphasis. Measured on trigrams, so a short comment needs
 * to be almost identical; normalised-equal texts are always duplicates.
 */
export const NEAR_DUPLICATE = 0.8;

/** The numbers of a normalised text, in order ("kohta 2 ja 3" -> "2 3"). */
function numbersOf(normalized: string): string {
  return (normalized.match(/\p{N}+/gu) ?? []).join(' ');
}

/**
 * Whether `normalized` (with its `mine` shingles) is a copy or near-copy of an earlier text.
 * Texts whose numbers differ are never near-copies: "item 2: …" and "item 3: …" are two
 * comments, although one digit barely moves the trigram similarity.
 */
export function isNearCopy(
  earlier: string,
  earlierShingles: ReadonlySet<string>,
  normalized: string,
  mine: ReadonlySet<string>,
): boolean {
  if (earlier === normalized) return true;
  if (numbersOf(earlier) !== numbersOf(normalized)) return false;
  return similarity(earlierShingles, mine) >= NEAR_DUPLICATE;
}

interface Recent {
  keys: readonly string[];
  normalized: string;
  shingles: Set<string>;
  at: number;
}

/** Remembers what each identity wrote lately, to refuse it written again. */
export class DuplicateFilter {
  readonly #recent: Recent[] = [];
  readonly #windowMs: number;
  readonly #max: number;

  constructor(windowMs: number, max = 2_000) {
    this.#windowMs = windowMs;
    this.#max = max;
  }

  /** Whether `text` is a (near) copy of something one of `keys` wrote within the window. */
  isDuplicate(text: string, keys: readonly string[], now: number): boolean {
    this.#forget(now);
    const normalized = normalizeText(text);
    const own = this.#recent.filter((recent) => recent.keys.some((key) => keys.includes(key)));
    const mine = shingles(normalized);
    return own.some((recent) => isNearCopy(recent.normalized, recent.shingles, normalized, mine));
  }

  remember(text: string, keys: readonly string[], now: number): void {
    const normalized = normalizeText(text);
    this.#recent.push({ keys, normalized, shingles: shingles(normalized), at: now });
    if (this.#recent.length > this.#max) this.#recent.shift();
  }

  #forget(now: number): void {
    while (this.#recent.length > 0 && (this.#recent[0]?.at ?? now) < now - this.#windowMs) {
      this.#recent.shift();
    }
  }
}

/** Who a comment or a flag comes from, as the abuse controls key it. */
export interface Commenter {
  readonly participantId: string;
  /** A keyed hash of the client's address (never the address itself). */
  readonly addressKey: string;
}

/**
 * The abuse controls of one board's commenting (CommentLimits): a length limit for everyone;
 * for people who do not moderate, duplicates per identity and rates per identity and per
 * address; a rate of flags per identity and address.
 */
export class CommentAbuse {
  readonly #maxChars: number;
  readonly #perIdentity: KeyedRateLimiter;
  readonly #perAddress: KeyedRateLimiter;
  readonly #flags: KeyedRateLimiter;
  readonly #duplicates: DuplicateFilter;

  constructor(limits: CommentLimits) {
    this.#maxChars = limits.maxChars;
    this.#perIdentity = new KeyedRateLimiter(limits.perMinute, limits.burst);
    this.#perAddress = new KeyedRateLimiter(limits.perAddressPerMinute, limits.addressBurst);
    this.#flags = new KeyedRateLimiter(limits.flagsPerMinute, limits.flagsPerMinute);
    this.#duplicates = new DuplicateFilter(limits.duplicateMinutes * 60_000);
  }

  /**
   * Why `text` from `who` may not be written now, or null. An untrusted commenter's allowed
   * comment takes a token of their identity's and their address's rate.
   */
  refusal(
    who: Commenter,
    text: string,
    trusted: boolean,
    now: number,
  ): 'tooLong' | 'duplicate' | 'tooFast' | null {
    if (text.length > this.#maxChars) return 'tooLong';
    if (trusted) return null;
    if (this.#duplicates.isDuplicate(text, duplicateKeys(who), now)) return 'duplicate';
    if (!this.#perIdentity.take(`id:${who.participantId}`)) return 'tooFast';
    if (!this.#perAddress.take(`ip:${who.addressKey}`)) return 'tooFast';
    return null;
  }

  /** A comment was written or held: the same text again from the same person is a duplicate. */
  remember(who: Commenter, text: string, now: number): void {
    this.#duplicates.remember(text, duplicateKeys(who), now);
  }

  /** Takes a flag from the rate of `who`'s identity and address; false when it is spent. */
  mayFlag(who: Commenter): boolean {
    return this.#flags.take(`id:${who.participantId}`, `ip:${who.addressKey}`);
  }
}

/**
 * Whose earlier comments a new one is compared with: the same person's (identity) only, never
 * everyone's behind the same address, who may well write "Agreed!" too.
 */
function duplicateKeys(who: Commenter): string[] {
  return [`id:${who.participantId}`];
}
