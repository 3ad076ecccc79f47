import * as Y from 'yjs';
import { ROOT } from './schema';

/*
 * How a Yjs update is read as changes of the board before it is applied, so that the edit
 * guard (editGuard.ts) can judge each change as an action of a person.
 *
 * Y.decodeUpdate gives the update's structs and its delete set. A new struct names its parent
 * only when it has no neighbours; otherwise the parent is the parent of its left (origin) or
 * right neighbour, which is either already in the document or earlier in the same update.
 * Deletions name id ranges of structs already in the document.
 */

/** Where a struct lands: an existing shared type and key, or inside a type this update makes. */
export type Target =
  | { kind: 'existing'; type: Y.AbstractType<unknown>; key: string | null }
  | { kind: 'new'; made: Y.Item; parent: Target }
  /** Into content already deleted and collected (an edit racing a delete): no effect. */
  | { kind: 'collected' }
  /** A top-level type that is not part of the board. */
  | { kind: 'foreign'; name: string }
  /** Refers to data the server lacks: Yjs keeps it pending and the room refuses it. */
  | { kind: 'unknown' };

const BOARD_ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT));

/** One update, decoded and placed against the document it would be applied to. */
export interface UpdateEffect {
  doc: Y.Doc;
  /** The items the update writes, in the update's order. */
  items: Y.Item[];
  /** The same, by id (`client:clock`). */
  inUpdate: Map<string, Y.Item>;
  /** The live items of the document that the update deletes. */
  removed: Y.Item[];
  /** Ids of top-level entries (notes, clusters, lanes, periods) this update deletes. */
  deleted: EntriesDeleted;
}

/** Ids of top-level entries an update deletes, per collection. */
export type EntriesDeleted = Readonly<
  Record<'notes' | 'clusters' | 'lanes' | 'periods', ReadonlySet<string>>
>;

/**
 * What nearly every update deletes at the top level: nothing. Shared, so that judging a drag
 * (which deletes only the note's previous position) makes no sets: four new sets per update
 * were a visible part of the guard's time under 50 writers (issue 15).
 */
const NOTHING_DELETED: EntriesDeleted = Object.freeze({
  notes: new Set<string>(),
  clusters: new Set<string>(),
  lanes: new Set<string>(),
  periods: new Set<string>(),
});

/** An update as Y.decodeUpdate gives it: its structs (not integrated) and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * A decoded update with its items listed and indexed by id. The server makes this once per
 * participant's update and both of its walks read it: the structure limits place each item to
 * know its depth (server/src/updateLimits.ts), and this guard places each item to know what it
 * changes; each used to list and key every struct on its own.
 */
export interface IndexedUpdate extends DecodedUpdate {
  /** The items of `structs`, in order (GC and Skip structs left out). */
  items: Y.Item[];
  /** The same, by id (`client:clock`); with a forged duplicate id, the later item. */
  inUpdate: Map<string, Y.Item>;
}

export function indexUpdate(decoded: DecodedUpdate): IndexedUpdate {
  const items: Y.Item[] = [];
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    items.push(struct);
    inUpdate.set(idKey(struct.id), struct);
  }
  return { structs: decoded.structs, ds: decoded.ds, items, inUpdate };
}

function isIndexed(update: DecodedUpdate): update is IndexedUpdate {
  return 'inUpdate' in update;
}

/**
 * Finds what `update` writes and deletes in `doc` (which it does not change). It may come
 * decoded, or decoded and indexed: the server decodes and indexes a participant's update once
 * for its limits and this guard (admission.ts). The decoded structs are only read here, never
 * integrated.
 */
export function readUpdateEffect(
  doc: Y.Doc,
  update: Uint8Array | DecodedUpdate | IndexedUpdate,
): UpdateEffect {
  const decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
  const { items, inUpdate } = isIndexed(decoded) ? decoded : indexUpdate(decoded);
  const removed = deletedItems(doc, decoded.ds);
  return { doc, items, inUpdate, removed, deleted: entriesDeleted(removed) };
}

/** The top-level entries among `removed` (items of the document an update deletes). */
function entriesDeleted(removed: readonly Y.Item[]): EntriesDeleted {
  let deleted: Record<keyof EntriesDeleted, Set<string>> | null = null;
  for (const item of removed) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || parent._item !== null) continue;
    if (item.parentSub === null) continue;
    const root = Y.findRootTypeKey(parent);
    if (!(root in NOTHING_DELETED)) continue;
    deleted ??= { notes: new Set(), clusters: new Set(), lanes: new Set(), periods: new Set() };
    deleted[root as keyof EntriesDeleted].add(item.parentSub);
  }
  return deleted ?? NOTHING_DELETED;
}

/** The live items of the document that a delete set removes. */
function deletedItems(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): Y.Item[] {
  const deleted: Y.Item[] = [];
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client);
    if (!stored) continue; // deletes of structs the server never had are refused elsewhere
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (clock >= Y.getState(doc.store, client)) continue;
      let index = Y.findIndexSS(stored, clock);
      for (let struct = stored[index]; struct && struct.id.clock < end; struct = stored[++index]) {
        if (struct instanceof Y.Item && !struct.deleted) deleted.push(struct);
      }
    }
  }
  return deleted;
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/** The struct with this id: in the document (an item, or collected), earlier in the update. */
function itemAt(context: UpdateEffect, id: Y.ID): Y.Item | 'new' | 'collected' | null {
  if (id.clock < Y.getState(context.doc.store, id.client)) {
    const item = Y.getItem(context.doc.store, id);
    return item instanceof Y.Item ? item : 'collected';
  }
  return context.inUpdate.has(idKey(id)) ? 'new' : null;
}

/** Where `item` lands (see Target); `depth` counts the hops through new types and neighbours. */
export function targetOf(context: UpdateEffect, item: Y.Item, depth: number): Target {
  if (depth > 64) return { kind: 'unknown' };
  const parent = item.parent as unknown;
  if (typeof parent === 'string') {
    // doc.get would create a missing top-level type: look before touching.
    if (!BOARD_ROOTS.has(parent)) return { kind: 'foreign', name: parent };
    return { kind: 'existing', type: context.doc.get(parent), key: item.parentSub };
  }
  if (parent instanceof Y.ID) {
    const holder = itemAt(context, parent);
    if (holder === 'collected') return { kind: 'collected' };
    if (holder === 'new') {
      const made = context.inUpdate.get(idKey(parent));
      return made
        ? { kind: 'new', made, parent: targetOf(context, made, depth + 1) }
        : { kind: 'unknown' };
    }
    if (holder?.content instanceof Y.ContentType) {
      return { kind: 'existing', type: holder.content.type, key: item.parentSub };
    }
    return { kind: 'unknown' };
  }
  // No parent written: it is the parent of a neighbour.
  const neighbourId = item.origin ?? item.rightOrigin;
  if (!neighbourId) return { kind: 'unknown' };
  const neighbour = itemAt(context, neighbourId);
  if (neighbour === 'collected') return { kind: 'collected' };
  if (neighbour === 'new') {
    const made = context.inUpdate.get(idKey(neighbourId));
    return made ? targetOf(context, made, depth + 1) : { kind: 'unknown' };
  }
  // Yjs writes the map key only together with the parent: otherwise it is the neighbour's.
  if (neighbour?.parent instanceof Y.AbstractType) {
    return { kind: 'existing', type: neighbour.parent, key: item.parentSub ?? neighbour.parentSub };
  }
  // A neighbour inside a deleted type has no parent any more.
  return neighbour ? { kind: 'collected' } : { kind: 'unknown' };
}

/** The root name a type hangs under, and the chain of types from the root down to it. */
function pathOf(type: Y.AbstractType<unknown>): {
  root: string | null;
  chain: Y.AbstractType<unknown>[];
} {
  const chain: Y.AbstractType<unknown>[] = [];
  let current: Y.AbstractType<unknown> | null = type;
  while (current?._item) {
    chain.unshift(current);
    const parent: unknown = current._item.parent;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  const root = current ? Y.findRootTypeKey(current) : null;
  return { root, chain };
}

/** The value a struct writes into a map key (a plain value, or the type it creates). */
export function written(item: Y.Item): unknown {
  return item.content.getContent()[0];
}

/**
 * One change: `entry` is the top-level entry (note, cluster, lane, period) it is in or null
 * for a change of the collection itself; `field` the entry's key it touches; `value` what a
 * write puts there (undefined for a delete).
 */
export interface Change {
  root: string;
  id: string | null;
  entry: Y.Map<unknown> | null;
  field: string | null;
  /** How deep below the entry: 0 for the collection's own keys, 1 for the entry's keys. */
  depth: number;
  /** The key written or deleted, at whatever depth. */
  key: string | null;
  write: boolean;
  value: unknown;
}

/** Describes a write or delete at `key` of `type`; null when it is outside the board. */
export function changeAt(
  type: Y.AbstractType<unknown>,
  key: string | null,
  write: boolean,
  value: unknown,
): Change | null {
  const { root, chain } = pathOf(type);
  if (root === null) return null;
  const depth = chain.length;
  const top = chain[0];
  if (!top) return { root, id: key, entry: null, field: null, depth, key, write, value };
  const id = top._item?.parentSub ?? null;
  // A key of the entry itself, or something deeper (a character of its title or text).
  const field = depth === 1 ? key : (chain[1]?._item?.parentSub ?? null);
  const entry = top instanceof Y.Map ? top : null;
  // The value matters only where it is a field's value (a note's cluster or cell).
  const direct = depth === 1 ? value : undefined;
  return { root, id, entry, field: field ?? '', depth, key, write, value: direct };
}
