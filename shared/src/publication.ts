import type * as Y from 'yjs';
import { MetaKey } from './records/meta';
import { metaMap, transact } from './roots';

/*
 * Publishing a board for the public commenting phase. The published board is the live board
 * (not a copy): comments anchor to its real notes, clusters and cells, and the workshop's
 * facilitators and participants see and answer them where they work. A facilitator who wants
 * the draft to stay still freezes the board's phase while it is published (the publish API
 * offers it). The public address is `/p/<board id>`: the id grants nothing by itself (every
 * other access needs a signed token), so it needs no second name to store, look up or keep
 * unique across instances, and it stays the same when a board is published again.
 */

export interface Publication {
  /** Whether people who open the public address may comment, reply and support. */
  comments: boolean;
  /** ms since epoch when it was published (or its comment setting last changed). */
  publishedAt: number;
}

/** The path of a board's public address; the client routes it, the server serves the app. */
export const PUBLIC_PATH = '/p';

export function publicPath(boardId: string): string {
  return `${PUBLIC_PATH}/${encodeURIComponent(boardId)}`;
}

/** Query parameter of the sync URL that asks for public access instead of a token. */
export const PUBLIC_PARAM = 'public';

/** The board's publication, or null when it is not published (or the value is unreadable). */
export function readPublication(doc: Y.Doc): Publication | null {
  return parsePublication(metaMap(doc).get(MetaKey.publication));
}

export function parsePublication(value: unknown): Publication | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { comments, publishedAt } = value as Record<string, unknown>;
  if (typeof comments !== 'boolean' || typeof publishedAt !== 'number') return null;
  if (!Number.isFinite(publishedAt)) return null;
  return { comments, publishedAt };
}

/** Publishes (a publication) or unpublishes (null) the board, in one transaction. */
export function setPublication(doc: Y.Doc, publication: Publication | null): void {
  transact(doc, () => {
    if (publication === null) metaMap(doc).delete(MetaKey.publication);
    else metaMap(doc).set(MetaKey.publication, { ...publication });
  });
}
