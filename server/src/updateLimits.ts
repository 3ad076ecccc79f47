import { CloseCode, type IndexedUpdate, indexUpdate } from '@paja/shared';
import * as Y from 'yjs';

/**
 * Structural limits on what one update may do to a board, judged before the update is applied
 * (a merged CRDT update cannot be taken back). Bytes alone do not bound what a board costs:
 *
 * - Depth. A 12 KB update can hold an array nested 6,000 deep (two bytes a level). Yjs stores
 *   it, but decoding it recurses once per level, and a client whose stack is smaller than the
 *   server's fails to read the board at all: every newcomer then saw an empty board. Paja's
 *   own model is at most 3 types deep (root, note, text) with flat values.
 * - Entries. Many tiny structs cost far more memory than their bytes: measured on yjs 13.6 and
 *   Node 20, a struct takes about 200 bytes of heap (450 with a map key, 690 when it makes a
 *   new shared type, 600 when it is also a new client id), so a flood of one-byte entries
 *   costs 30 to 60 bytes of memory per byte stored. A 64 MB board of them would need 2.4 GB.
 * - So each board has a budget of items and of estimated memory, counted from what it holds
 *   when it loads plus what every accepted update adds.
 */
export interface StructureLimits {
  /** Nesting of shared types plus nesting of JSON values inside them. */
  maxDepth: number;
  /** Structs plus deletion ranges in one update. */
  maxUpdateEntries: number;
  /** Structs a board may hold. */
  maxBoardItems: number;
  /** Estimated heap a board's document may take, in bytes. */
  maxBoardMemoryBytes: number;
}

/** What a board holds, or what an update adds to it. */
export interface Footprint {
  items: number;
  /** Estimated heap bytes (see structCost). */
  bytes: number;
}

export type Verdict =
  | { ok: true; added: Footprint }
  | { ok: false; code: number; reason: string; added?: Footprint };

/** Heap costs measured with yjs 13.6.33 on Node 20 (see the comment at the top). */
const ITEM_BYTES = 200;
const MAP_KEY_BYTES = 250;
const NEW_TYPE_BYTES = 500;
const GC_BYTES = 60;
const DELETE_RANGE_BYTES = 40;

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** The footprint of a whole document: at load, and to correct the running estimate. */
export function footprintOf(doc: Y.Doc): Footprint {
  let items = 0;
  let bytes = 0;
  for (const structs of doc.store.clients.values()) {
    items += structs.length;
    for (const struct of structs) bytes += structCost(struct);
  }
  return { items, bytes };
}

/** What an update adds to a board, for updates that were not judged (the server's own, relayed). */
export function footprintOfUpdate(update: Uint8Array): Footprint {
  const { structs, ds } = Y.decodeUpdate(update);
  let bytes = 0;
  for (const struct of structs) bytes += structCost(struct);
  for (const deletions of ds.clients.values()) bytes += deletions.length * DELETE_RANGE_BYTES;
  return { items: structs.length, bytes };
}

export function addFootprints(a: Footprint, b: Footprint): Footprint {
  return { items: a.items + b.items, bytes: a.bytes + b.bytes };
}

/**
 * Judges a decoded update against the limits and against `board`, the footprint of the board
 * it would join. Pure: reads `doc` to place the update's structs, changes nothing. Indexed
 * (admission.ts), the update's index of items by id is the one the edit guard reads too.
 */
export function judgeUpdate(
  doc: Y.Doc,
  update: Decoded | IndexedUpdate,
  board: Footprint,
  limits: StructureLimits,
): Verdict {
  const { structs, ds } = update;
  let ranges = 0;
  for (const deletions of ds.clients.values()) ranges += deletions.length;
  if (structs.length + ranges > limits.maxUpdateEntries) {
    return tooComplex(`more than ${limits.maxUpdateEntries} changes in one update`);
  }
  const { inUpdate } = 'inUpdate' in update ? update : indexUpdate(update);
  const depths = new TypeDepths(doc, inUpdate, limits.maxDepth);
  const added: Footprint = { items: 0, bytes: ranges * DELETE_RANGE_BYTES };
  const newClients = new Set<number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    added.items++;
    added.bytes += structCost(struct);
    if (!doc.store.clients.has(struct.id.client)) newClients.add(struct.id.client);
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentDoc) {
      return tooComplex('a board holds no subdocuments');
    }
    const depth = depths.of(struct) + valueDepth(struct.content, limits.maxDepth);
    if (depth > limits.maxDepth) {
      return tooComplex(`nested more than ${limits.maxDepth} levels deep`);
    }
  }
  // A struct of an unseen client costs its entry in the store too.
  added.bytes += newClients.size * ITEM_BYTES * 2;
  if (board.items + added.items > limits.maxBoardItems) {
    return { ...tooLarge('the board holds as many items as it can'), added };
  }
  if (board.bytes + added.bytes > limits.maxBoardMemoryBytes) {
    return { ...tooLarge('the board would need more memory than one board may have'), added };
  }
  return { ok: true, added };
}

function tooComplex(reason: string): Verdict {
  return { ok: false, code: CloseCode.updateTooComplex, reason };
}

function tooLarge(reason: string): { ok: false; code: number; reason: string } {
  return { ok: false, code: CloseCode.boardTooLarge, reason };
}

/** Estimated heap bytes of one struct, in a document or in a decoded update. */
export function structCost(struct: Y.Item | Y.GC | Y.Skip): number {
  if (!(struct instanceof Y.Item)) return GC_BYTES;
  let bytes = ITEM_BYTES;
  if (struct.parentSub !== null) bytes += MAP_KEY_BYTES + 2 * struct.parentSub.length;
  const content = struct.content;
  if (content instanceof Y.ContentType) bytes += NEW_TYPE_BYTES;
  else if (content instanceof Y.ContentString) bytes += 2 * content.str.length;
  else if (content instanceof Y.ContentBinary) bytes += content.content.byteLength;
  else if (content instanceof Y.ContentAny) bytes += valuesCost(content.arr);
  else if (content instanceof Y.ContentJSON) bytes += valuesCost(content.arr);
  else if (content instanceof Y.ContentEmbed) bytes += valueCost(content.embed);
  else if (content instanceof Y.ContentFormat) {
    bytes += 2 * content.key.length + valueCost(content.value);
  }
  return bytes;
}

function valuesCost(values: readonly unknown[]): number {
  let bytes = 8 * values.length;
  for (const value of values) bytes += valueCost(value);
  return bytes;
}

/** Rough V8 sizes: a number in a slot, a string's UTF-16, an object's header and slots. */
function valueCost(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') bytes += 16 + 2 * next.length;
    else if (next instanceof Uint8Array) bytes += 64 + next.byteLength;
    else if (Array.isArray(next)) {
      bytes += 32 + 8 * next.length;
      stack.push(...next);
    } else if (typeof next === 'object' && next !== null) {
      const values = Object.values(next);
      bytes += 56 + 16 * values.length;
      stack.push(...values);
    } else bytes += 16;
  }
  return bytes;
}

/** How deep the JSON values of a content nest (0 for none or flat ones), up to `cap` + 1. */
function valueDepth(content: Y.Item['content'], cap: number): number {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    let deepest = 0;
    for (const value of content.arr) deepest = Math.max(deepest, depthOf(value, cap));
    return deepest;
  }
  if (content instanceof Y.ContentEmbed) return depthOf(content.embed, cap);
  if (content instanceof Y.ContentFormat) return depthOf(content.value, cap);
  return 0;
}

/** Nesting of arrays and objects in a value, counted without recursion, stopping past `cap`. */
function depthOf(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop() as [unknown, number];
    if (typeof next !== 'object' || next === null || next instanceof Uint8Array) continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > cap) return deepest;
    for (const child of Array.isArray(next) ? next : Object.values(next)) {
      stack.push([child, level]);
    }
  }
  return deepest;
}

/**
 * How deep in shared types each struct of an update lands: 1 in a root type, 2 in a type
 * held by a root, and so on. A struct names its parent, or lies beside a neighbour (its origin)
 * and shares its parent; parents and neighbours are in the document or earlier in the chain of
 * the same update. Chains are followed with a loop, since an update may hold long ones.
 */
class TypeDepths {
  readonly #doc: Y.Doc;
  readonly #cap: number;
  /** The update's items by id (`client:clock`), shared with the edit guard (IndexedUpdate). */
  readonly #inUpdate: ReadonlyMap<string, Y.Item>;
  readonly #known = new Map<string, number>();

  constructor(doc: Y.Doc, inUpdate: ReadonlyMap<string, Y.Item>, cap: number) {
    this.#doc = doc;
    this.#cap = cap;
    this.#inUpdate = inUpdate;
  }

  of(item: Y.Item): number {
    const first = this.#step(item);
    // Most items: the parent or neighbour is in the document, and one step gives the depth.
    // Neither remembered nor looked up: #step reads only the document and the update, which
    // judging does not change, and the walk below remembers such an item only as the end of
    // a path, with this same value. So no `client:clock` key is made for it (those keys were
    // most of this class's time under 50 writers, issue 15).
    if (first.kind === 'depth') return Math.min(first.depth, this.#cap + 1);
    const id = key(item.id);
    const known = this.#known.get(id);
    if (known !== undefined) return known;
    return this.#walk(item, id, first);
  }

  /** Walks up through the update until a depth is known, then assigns depths back down. */
  #walk(item: Y.Item, id: string, first: { item: Y.Item; step: number }): number {
    const path: Array<{ item: Y.Item; step: number }> = [{ item, step: first.step }];
    const onPath = new Set<string>([id]);
    let current: Y.Item | null = first.item;
    let base = 1;
    while (current) {
      const currentId = key(current.id);
      const known = this.#known.get(currentId);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onPath.has(currentId)) break; // a cycle, which only a forged update has: shallow
      onPath.add(currentId);
      const next = this.#step(current);
      if (next.kind === 'depth') {
        path.push({ item: current, step: 0 });
        base = next.depth;
        break;
      }
      path.push({ item: current, step: next.step });
      current = next.item;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const entry = path[i] as { item: Y.Item; step: number };
      base = Math.min(base + entry.step, this.#cap + 1);
      this.#known.set(key(entry.item.id), base);
    }
    return this.#known.get(id) ?? base;
  }

  /** One step up: a depth known from the document, or the item (in the update) to ask next. */
  #step(
    item: Y.Item,
  ): { kind: 'depth'; depth: number } | { kind: 'item'; item: Y.Item; step: number } {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { kind: 'depth', depth: 1 };
    if (parent instanceof Y.ID) {
      const holder = this.#find(parent);
      if (holder instanceof Y.Item && holder.content instanceof Y.ContentType) {
        return { kind: 'depth', depth: typeDepth(holder.content.type, this.#cap) + 1 };
      }
      if (holder && 'inUpdate' in holder) return { kind: 'item', item: holder.inUpdate, step: 1 };
      return { kind: 'depth', depth: 1 };
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.#find(neighbourId) : null;
    if (neighbour instanceof Y.Item) {
      const type = neighbour.parent;
      return {
        kind: 'depth',
        depth: type instanceof Y.AbstractType ? typeDepth(type, this.#cap) + 1 : 1,
      };
    }
    if (neighbour && 'inUpdate' in neighbour) {
      return { kind: 'item', item: neighbour.inUpdate, step: 0 };
    }
    // Nowhere to be found: the update depends on data the server lacks, refused elsewhere.
    return { kind: 'depth', depth: 1 };
  }

  /** A struct by id: in the document, or in this update (wrapped), or null. */
  #find(id: Y.ID): Y.Item | Y.GC | { inUpdate: Y.Item } | null {
    if (id.clock < Y.getState(this.#doc.store, id.client)) {
      return Y.getItem(this.#doc.store, id) as Y.Item | Y.GC;
    }
    const made = this.#inUpdate.get(key(id));
    return made ? { inUpdate: made } : null;
  }
}

/** How deep a type of the document is: 0 for a root type. Stops counting past `cap`. */
function typeDepth(type: Y.AbstractType<unknown>, cap: number): number {
  let depth = 0;
  let current: Y.AbstractType<unknown> | null = type;
  while (current?._item && depth <= cap) {
    depth++;
    const parent: unknown = current._item.parent;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  return depth;
}

function key(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}
