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

/**
 * The token this tab opens `boardId` with. A token in the address bar is taken out of it at
 * once (history.replaceState) and kept in this tab's sessionStorage: an address bar is what
 * people copy, project and screenshot, and the facilitator's token must not travel that way.
 * A reload finds it in the tab; a new tab falls back to the one remembered for the board.
 */
export function takeToken(boardId: string): string | null {
  const fromLink = tokenFromHash(window.location.hash);
  if (fromLink) {
    keepInTab(boardId, fromLink);
    removeTokenFromAddress();
  }
  return fromLink ?? tabToken(boardId) ?? rememberedToken(boardId);
}

const TAB_PREFIX = 'paja.tabToken.';

/** Keeps a token for this tab only (a board opened from "create" or "open" on the front page). */
export function keepInTab(boardId: string, token: string): void {
  try {
    window.sessionStorage.setItem(TAB_PREFIX + boardId, token);
  } catch {
    // A reload falls back to the remembered token.
  }
}

function tabToken(boardId: string): string | null {
  try {
    return tokenFromHash(
      `${TOKEN_FRAGMENT}=${window.sessionStorage.getItem(TAB_PREFIX + boardId) ?? ''}`,
    );
  } catch {
    return null;
  }
}

function removeTokenFromAddress(): void {
  const { pathname, search, hash } = window.location;
  const rest = new URLSearchParams(hash.replace(/^#/, ''));
  rest.delete(TOKEN_FRAGMENT);
  const fragment = rest.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${pathname}${search}${fragment ? `#${fragment}` : ''}`,
  );
}

// The token of each board opened in this browser, so that the board opens again from
// history or from its bare id. It is the same capability the person already holds in the link.
const KEY_PREFIX = 'paja.token.';

export function forgetToken(boardId: string): void {
  try {
    window.localStorage.removeItem(KEY_PREFIX + boardId);
  } catch {
    // Nothing to forget.
  }
}

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
