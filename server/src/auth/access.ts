import { ACCESS_REASONS, CloseCode, isBoardId, type Role } from '@paja/shared';
import type { Storage } from '../storage/Storage';
import { type LinkClaims, signToken, verifyToken } from './tokens';

export type AccessResult =
  | { ok: true; role: Role; claims: LinkClaims }
  | { ok: false; status: 401 | 403 | 404; closeCode: number; reason: string };

const denied = (
  status: 401 | 403 | 404,
  closeCode: number,
  reason: string,
): AccessResult & { ok: false } => ({ ok: false, status, closeCode, reason });

/**
 * What a token lets its holder do on a board. Checks, in order: the board id, the token's
 * signature and expiry, that it was made for this board, that the board exists, and that its
 * role's links have not been revoked since it was made.
 */
export async function authorize(
  secret: string,
  storage: Storage,
  boardId: string,
  token: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<AccessResult> {
  if (!isBoardId(boardId)) return denied(404, CloseCode.boardNotFound, 'no such board');
  if (!token) return denied(401, CloseCode.unauthorized, 'this link has no access token');
  const check = verifyToken(secret, token, nowSeconds);
  if (!check.ok) {
    if (check.reason === 'expired')
      return denied(401, CloseCode.linkExpired, 'this link has expired');
    return denied(401, CloseCode.unauthorized, 'invalid access token');
  }
  const { claims } = check;
  if (claims.b !== boardId) {
    return denied(403, CloseCode.forbidden, ACCESS_REASONS.otherBoard);
  }
  if (!(await storage.boardExists(boardId))) {
    return denied(404, CloseCode.boardNotFound, 'no such board');
  }
  if ((await storage.linkGeneration(boardId, claims.r)) !== claims.g) {
    return denied(401, CloseCode.unauthorized, ACCESS_REASONS.revoked);
  }
  return { ok: true, role: claims.r, claims };
}

/** A new token for `role` on a board, valid until revoked or until `expiresAt` (seconds). */
export async function mintToken(
  secret: string,
  storage: Storage,
  boardId: string,
  role: Role,
  expiresAt = 0,
): Promise<string> {
  const generation = await storage.linkGeneration(boardId, role);
  return signToken(secret, { b: boardId, r: role, g: generation, e: expiresAt });
}

/** Whether a connected holder of `claims` still has access (its role not revoked since). */
export async function stillValid(storage: Storage, claims: LinkClaims): Promise<boolean> {
  return (await storage.linkGeneration(claims.b, claims.r)) === claims.g;
}

export class NoSuchBoardError extends Error {
  constructor(boardId: string) {
    super(`There is no board with id ${boardId}`);
    this.name = 'NoSuchBoardError';
  }
}

/** Throws NoSuchBoardError unless the board exists (for admin commands). */
export async function authorizeExists(storage: Storage, boardId: string): Promise<void> {
  if (!(await storage.boardExists(boardId))) throw new NoSuchBoardError(boardId);
}
