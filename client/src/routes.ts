import { isBoardId } from '@paja/shared';
import { tokenFromHash } from './linkToken';

export type Route =
  | { kind: 'landing' }
  | { kind: 'board'; boardId: string }
  | { kind: 'public'; boardId: string }
  | { kind: 'accessibility' };

/** The accessibility statement, linked from every page. */
export const STATEMENT_PATH = '/accessibility';

const BOARD_PATH = /^\/b\/([^/]+)\/?$/;
/** A published board's public address (shared's publicPath). */
const PUBLIC_BOARD_PATH = /^\/p\/([^/]+)\/?$/;

/** Which page a path shows. A malformed board id still routes to the board page, which explains. */
export function parseRoute(pathname: string): Route {
  if (pathname === STATEMENT_PATH || pathname === `${STATEMENT_PATH}/`)
    return { kind: 'accessibility' };
  const match = BOARD_PATH.exec(pathname);
  if (match?.[1] !== undefined) return { kind: 'board', boardId: safeDecode(match[1]) };
  const published = PUBLIC_BOARD_PATH.exec(pathname);
  if (published?.[1] !== undefined) return { kind: 'public', boardId: safeDecode(published[1]) };
  return { kind: 'landing' };
}

export interface BoardLink {
  boardId: string;
  /** The access token from the link's `#t=` fragment, if it had one. */
  token: string | null;
}

/**
 * The board in what someone pasted: a full link (any host, so a link copied from another
 * Paja installation's address bar still yields its id), a `/b/<id>` path, or a bare id.
 * Returns null for anything else.
 */
export function parseBoardLink(input: string): BoardLink | null {
  const text = input.trim();
  if (text === '') return null;
  if (isBoardId(text)) return { boardId: text, token: null };
  let pathname: string;
  let hash = '';
  try {
    const url = new URL(text);
    pathname = url.pathname;
    hash = url.hash;
  } catch {
    // Not an absolute URL: try it as a path, with or without the leading slash.
    const [path = '', fragment = ''] = text.split('#', 2);
    pathname = path.startsWith('/') ? path : `/${path}`;
    hash = fragment;
  }
  const route = parseRoute(pathname);
  if (route.kind !== 'board' || !isBoardId(route.boardId)) return null;
  return { boardId: route.boardId, token: tokenFromHash(hash) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const NAVIGATE_EVENT = 'paja:navigate';

/** Client-side navigation: the server answers every page path with the same index.html. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function onNavigate(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}
