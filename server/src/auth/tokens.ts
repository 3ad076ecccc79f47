import crypto from 'node:crypto';
import { isRole, type Role } from '@paja/shared';

/**
 * A board link carries a capability token: which board, which role, until when, and which
 * generation of that role's links. The server signs it with HMAC-SHA256 under PAJA_SECRET;
 * revoking a role's links bumps the board's generation for that role, so every older token of
 * that role stops working at once.
 *
 * Format: base64url(JSON claims) "." base64url(HMAC(secret, "paja-link.v1." + claims part)).
 */
export interface LinkClaims {
  /** Board id. */
  b: string;
  /** Role. */
  r: Role;
  /** Generation of this role's links on this board when the token was made. */
  g: number;
  /** Expiry in seconds since the epoch, or 0 for no expiry. */
  e: number;
}

export type TokenCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad signature' | 'expired' };

const CONTEXT = 'paja-link.v1.';
/** Longest token we even try to parse: claims are tiny; anything longer is an attack. */
const MAX_TOKEN_LENGTH = 512;

export function signToken(secret: string, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verifyToken(secret: string, token: string, nowSeconds: number): TokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, body), 'base64url');
  // Constant-time comparison: a timing difference must not reveal how much of a guess matched.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.e !== 0 && claims.e <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(CONTEXT).update(body).digest('base64url');
}

function isClaims(value: unknown): value is LinkClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.b === 'string' &&
    isRole(claims.r) &&
    Number.isInteger(claims.g) &&
    (claims.g as number) >= 0 &&
    Number.isInteger(claims.e) &&
    (claims.e as number) >= 0
  );
}

/**
 * A participant's identity on a board, derived from a secret key the browser keeps. Others see
 * the id in awareness but cannot compute the key from it, so nobody can claim another's name
 * and cursor. Stock clients that send no key get a fresh id per connection.
 */
export function participantIdFor(secret: string, boardId: string, participantKey: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`paja-participant.v1.${boardId}.${participantKey}`)
    .digest()
    .toString('base64url', 0, 12); // the first 16 characters of the digest's, as a flat string
}

export function randomParticipantId(): string {
  return crypto.randomBytes(12).toString('base64url');
}

/**
 * What moderation keeps of a client's address (already reduced by http/clientAddress.ts: the
 * proxy's view, IPv6 per /64): a keyed hash, so a block can match the same address again (also
 * after a restart) while the stored board never holds an address.
 */
export function addressKeyFor(secret: string, address: string): string {
  const key = crypto
    .createHmac('sha256', secret)
    .update(`paja-address.v1.${address}`)
    .digest('base64url');
  // Copied out flat: in V8 a slice of a string keeps all of it alive, and the key lives as long
  // as the socket. (22 characters do not end on a whole byte: no byte range gives them.)
  return Buffer.from(key.slice(0, 22), 'latin1').toString('latin1');
}
