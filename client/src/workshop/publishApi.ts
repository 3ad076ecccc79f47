import { metaMap, type Publication, readMeta, readPublication } from '@paja/shared';
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type LinkResult, postJson } from './linksApi';

/** Publishes the board at its public address, with or without comments (facilitator). */
export async function publishBoard(
  boardId: string,
  token: string,
  /** `freeze`: true freezes the board for participants, false unfreezes it, absent leaves it. */
  options: { comments: boolean; freeze?: boolean },
): Promise<LinkResult<{ path: string }>> {
  const answer = await postJson(
    `/api/boards/${encodeURIComponent(boardId)}/publish`,
    token,
    options,
  );
  if (!answer.ok) return answer;
  const path = answer.value.path;
  return typeof path === 'string'
    ? { ok: true, value: { path } }
    : { ok: false, problem: 'failed' };
}

/** Closes the public address; the public's open pages close with a message. */
export async function unpublishBoard(boardId: string, token: string): Promise<LinkResult<null>> {
  const answer = await postJson(`/api/boards/${encodeURIComponent(boardId)}/unpublish`, token, {});
  return answer.ok ? { ok: true, value: null } : answer;
}

/**
 * A value read from the board's meta record, re-read when that record changes. `read` returns
 * a string or a boolean, so that an unchanged value is the same snapshot for React.
 */
function useMetaValue<T extends string | boolean>(
  doc: Y.Doc | null,
  read: (doc: Y.Doc) => T,
  none: T,
): T {
  return useSyncExternalStore(
    (changed) => {
      if (!doc) return () => {};
      const meta = metaMap(doc);
      meta.observe(changed);
      return () => meta.unobserve(changed);
    },
    () => (doc ? read(doc) : none),
  );
}

/**
 * The board's publication as the document says (null: not published). The same key every
 * instance and every facilitator sees.
 */
export function usePublication(doc: Y.Doc | null): Publication | null {
  const json = useMetaValue(doc, (d) => JSON.stringify(readPublication(d)), 'null');
  return JSON.parse(json) as Publication | null;
}

/** Whether the board is frozen for participants (its phase). */
export function useFrozen(doc: Y.Doc | null): boolean {
  return useMetaValue(doc, (d) => readMeta(d).phase.frozen, false);
}
