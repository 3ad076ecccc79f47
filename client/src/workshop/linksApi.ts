import { boardLink } from '@paja/shared';

/** The roles a facilitator hands out links for (her own link is never shared). */
export const SHARED_ROLES = ['participant', 'moderator', 'commenter', 'viewer'] as const;
export type SharedRole = (typeof SHARED_ROLES)[number];

/** Link lifetimes offered in the share dialog, in hours; null = until revoked. */
export const EXPIRY_CHOICES = [null, 24, 24 * 7, 24 * 30] as const;
export type Expiry = (typeof EXPIRY_CHOICES)[number];

export interface SharedLink {
  role: SharedRole;
  url: string;
  /** ms since epoch, or null when the link works until revoked. */
  expiresAt: number | null;
}

/**
 * Why a link request failed, as the dialog explains it: the facilitator's own access is gone
 * (revoked or expired), the server is unreachable, or it refused for another reason.
 */
export type LinkProblem = 'noAccess' | 'network' | 'failed';
export type LinkResult<T> = { ok: true; value: T } | { ok: false; problem: LinkProblem };

export async function mintSharedLink(
  boardId: string,
  token: string,
  role: SharedRole,
  expiresInHours: Expiry,
): Promise<LinkResult<SharedLink>> {
  const body: Record<string, unknown> = { role };
  if (expiresInHours !== null) body.expiresInHours = expiresInHours;
  const answer = await postJson(`/api/boards/${encodeURIComponent(boardId)}/links`, token, body);
  if (!answer.ok) return answer;
  const { value } = answer;
  if (typeof value.token !== 'string') return { ok: false, problem: 'failed' };
  const expiresAt = typeof value.expiresAt === 'string' ? Date.parse(value.expiresAt) : null;
  return {
    ok: true,
    value: {
      role,
      url: linkFor(
        typeof value.url === 'string' ? value.url : '',
        window.location.origin,
        boardId,
        value.token,
      ),
      expiresAt: expiresAt !== null && Number.isFinite(expiresAt) ? expiresAt : null,
    },
  };
}

/** Makes every earlier link of `role` stop working, and closes the sessions that use one. */
export async function revokeSharedLinks(
  boardId: string,
  token: string,
  role: SharedRole,
): Promise<LinkResult<{ closedConnections: number }>> {
  const answer = await postJson(`/api/boards/${encodeURIComponent(boardId)}/links/revoke`, token, {
    role,
  });
  if (!answer.ok) return answer;
  const closed = answer.value.closedConnections;
  return { ok: true, value: { closedConnections: typeof closed === 'number' ? closed : 0 } };
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * The link to show. The server builds it from its public address (PAJA_PUBLIC_URL); without
 * one, it only knows the address it listens on, often 127.0.0.1, which nobody else can open.
 * Then the address this page was opened from is the better guess.
 */
export function linkFor(
  serverUrl: string,
  pageOrigin: string,
  boardId: string,
  token: string,
): string {
  try {
    const server = new URL(serverUrl);
    const page = new URL(pageOrigin);
    if (!LOOPBACK.test(server.hostname) || LOOPBACK.test(page.hostname)) {
      return boardLink(server.origin, boardId, token);
    }
  } catch {
    // Not a URL: build it from the page's address.
  }
  return boardLink(pageOrigin, boardId, token);
}

export async function postJson(
  path: string,
  token: string,
  body: Record<string, unknown>,
): Promise<LinkResult<Record<string, unknown>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: 'network' };
  }
  if (response.status === 401 || response.status === 403) {
    return { ok: false, problem: 'noAccess' };
  }
  if (!response.ok) return { ok: false, problem: 'failed' };
  try {
    const value: unknown = await response.json();
    if (typeof value !== 'object' || value === null) return { ok: false, problem: 'failed' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, problem: 'failed' };
  }
}
