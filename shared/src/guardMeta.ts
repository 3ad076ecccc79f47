import type * as Y from 'yjs';
import { type MetaView, readMeta } from './records/meta';
import { metaMap } from './roots';

/**
 * The board's meta record as the edit guard reads it, kept per document until the meta map
 * changes. The guard judges every participant update and needs only the phase settings and
 * area locks, which change a few times a workshop; reading and validating the whole record
 * for each update was about a third of the guard's time under 50 writers (issue 15).
 */
const known = new WeakMap<Y.Doc, { view: MetaView | null }>();

export function guardMeta(doc: Y.Doc): Readonly<MetaView> {
  // Inside a transaction the map may have changed without its observers having run yet.
  if (doc._transaction !== null) return readMeta(doc);
  let entry = known.get(doc);
  if (!entry) {
    const fresh: { view: MetaView | null } = { view: null };
    entry = fresh;
    known.set(doc, fresh);
    // Deep, so that a nested value (none today) could not go stale either. Observers run
    // after every transaction that touched the map, whoever made it (a member, the server,
    // another instance, an undo).
    metaMap(doc).observeDeep(() => {
      fresh.view = null;
    });
  }
  entry.view ??= readMeta(doc);
  return entry.view;
}
