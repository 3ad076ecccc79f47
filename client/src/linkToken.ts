import { TOKEN_FRAGMENT } from '@paja/shared';

/**
 * Board links carry their access token in the fragment (`/b/<id>#t=<token>`), which browsers
 * never send to a server or put in a Referer. The client sends it itself: as a Bearer header
 * to the API and as the `token` parameter of the sync socket.
 */
export function tokenFromHash(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return null;
  const token = new URLSearchParams(fragment).get(TOKEN_FRAGMENT);
  return token && /^[A-Za-z0-9._~-]{1,2048}$/.test(token) ? token : null;
}

export function pathWithToken(path: string, token: string | null): string {
  return token ? `${path}#${TOKEN_FRAGMENT}=${token}` : path;
}

// The token of each board opened in this browser, so that the board opens again from
// history or from its bare id. It is the same capability the person already holds in the link.
const KEY_PREFIX = 'paja.token.';

export function rememberToken(boardId: string, token: string): void {
  try {
    window.localStorage.setItem(KEY_PREFIX + boardId, token);
  } catch {
    // Only the convenience is lost.
  }
}

export function rememberedToken(boardId: string): string | null {
  try {
    return tokenFromHash(
      `${TOKEN_FRAGMENT}=${window.localStorage.getItem(KEY_PREFIX + boardId) ?? ''}`,
    );
  } catch {
    return null;
  }
}
