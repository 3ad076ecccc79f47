import {
  CloseCode,
  createNote,
  deleteNotes,
  indexUpdate,
  initBoard,
  moveNotes,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { footprintOf, judgeUpdate, type StructureLimits } from './updateLimits';

const LIMITS: StructureLimits = {
  maxDepth: 16,
  maxUpdateEntries: 20_000,
  maxBoardItems: 100_000,
  maxBoardMemoryBytes: 64 * 1024 * 1024,
};

/** A board as the server holds it, and a client that has synced it. */
function boardAndClient() {
  const board = new Y.Doc();
  initBoard(board, { title: 'Limits', locale: 'en' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(board));
  return { board, client };
}

/** The update `change` makes on `client`. */
function updateOf(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

function judge(board: Y.Doc, update: Uint8Array, limits = LIMITS) {
  return judgeUpdate(board, Y.decodeUpdate(update), footprintOf(board), limits);
}

function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('structural limits of an update', () => {
  it('accepts what the board model writes: notes with text, positions and colours', () => {
    const { board, client } = boardAndClient();
    const update = updateOf(client, () => {
      for (let i = 0; i < 50; i++) {
        createNote(client, { x: i, y: i, text: `note ${i}`, authorId: 'a', authorName: 'A' });
      }
    });
    const verdict = judge(board, update);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.added.items).toBeGreaterThan(50);
  });

  it('refuses an array nested deep in a few bytes, and judges it without deep recursion', () => {
    const { board, client } = boardAndClient();
    // 2 bytes a level: the 12 KB update of the report was 6,000 deep. Decoding that many levels
    // overflows the stack of a test worker (the server's admission treats a decoder that throws
    // as a refusal); 1,500 levels decode everywhere and are just as far over the limit.
    const update = updateOf(client, () => {
      client.getArray('anything').push([nestedArray(1500)]);
    });
    expect(update.byteLength).toBeLessThan(3_100);
    expect(judge(board, update)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });

  it('refuses shared types nested deeper than the limit, also when built across updates', () => {
    const { board, client } = boardAndClient();
    let inner = client.getMap('notes');
    const first = updateOf(client, () => {
      for (let i = 0; i < 10; i++) {
        const next = new Y.Map<unknown>();
        inner.set('deeper', next);
        inner = next;
      }
    });
    expect(judge(board, first).ok).toBe(true);
    Y.applyUpdate(board, first);
    const second = updateOf(client, () => {
      for (let i = 0; i < 10; i++) {
        const next = new Y.Map<unknown>();
        inner.set('deeper', next);
        inner = next;
      }
    });
    expect(judge(board, second)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });

  it('counts an object value and the type it sits in together', () => {
    const { board, client } = boardAndClient();
    const note = new Y.Map<unknown>();
    const shallow = updateOf(client, () => {
      client.getMap('notes').set('n', note);
      note.set('pos', { x: 1, y: 2 });
    });
    expect(judge(board, shallow).ok).toBe(true);
    Y.applyUpdate(board, shallow);
    const deep = updateOf(client, () => note.set('pos', nestedArray(15)));
    expect(judge(board, deep)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });

  it('follows a long chain of neighbours in one update without recursing', () => {
    const { board, client } = boardAndClient();
    const text = new Y.Text();
    const update = updateOf(client, () => {
      client.getMap('notes').set('n', text);
      // Inserting each letter in front of the last keeps them from merging: 30,000 structs,
      // each placed next to the one before.
      for (let i = 0; i < 15_000; i++) text.insert(i % 2 === 0 ? 0 : text.length, 'x');
    });
    const verdict = judge(board, update, { ...LIMITS, maxUpdateEntries: 100_000 });
    expect(verdict.ok).toBe(true);
  });

  it('refuses too many changes in one update', () => {
    const { board, client } = boardAndClient();
    const update = updateOf(client, () => {
      const map = client.getMap('notes');
      for (let i = 0; i < 300; i++) map.set(`k${i}`, i);
    });
    const limits = { ...LIMITS, maxUpdateEntries: 299 };
    expect(judge(board, update, limits)).toMatchObject({
      ok: false,
      code: CloseCode.updateTooComplex,
    });
    expect(judge(board, update, { ...limits, maxUpdateEntries: 300 }).ok).toBe(true);
  });

  it('refuses subdocuments', () => {
    const { board, client } = boardAndClient();
    const update = updateOf(client, () => client.getMap('notes').set('doc', new Y.Doc()));
    expect(judge(board, update)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });
});

describe('a board’s budget of items and memory', () => {
  it('bounds a flood of tiny entries by their memory, not their bytes', () => {
    const { board } = boardAndClient();
    const limits = { ...LIMITS, maxBoardMemoryBytes: 4 * 1024 * 1024 };
    let footprint = footprintOf(board);
    let stored = 0;
    let refused: ReturnType<typeof judgeUpdate> | null = null;
    // Each update from a new client id sets one small map key: a few dozen bytes on the wire.
    for (let i = 0; i < 20_000 && !refused; i++) {
      const flooder = new Y.Doc();
      flooder.clientID = 1_000_000 + i;
      const update = updateOf(flooder, () => flooder.getMap('votes').set(`v${i}`, i));
      const verdict = judgeUpdate(board, Y.decodeUpdate(update), footprint, limits);
      if (!verdict.ok) {
        refused = verdict;
        break;
      }
      Y.applyUpdate(board, update);
      stored += update.byteLength;
      footprint = {
        items: footprint.items + verdict.added.items,
        bytes: footprint.bytes + verdict.added.bytes,
      };
    }
    expect(refused).toMatchObject({ ok: false, code: CloseCode.boardTooLarge });
    // Refused long before the stored bytes came near the memory budget: 4 MB of memory is
    // reached with a small fraction of that in bytes.
    expect(stored).toBeLessThan(limits.maxBoardMemoryBytes / 10);
    // The running estimate never undercounts what the document holds.
    expect(footprint.bytes).toBeGreaterThanOrEqual(footprintOf(board).bytes);
  });

  it('refuses past the number of items a board may hold', () => {
    const { board, client } = boardAndClient();
    const update = updateOf(client, () => {
      const map = client.getMap('notes');
      for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
    });
    const items = footprintOf(board).items;
    const limits = { ...LIMITS, maxBoardItems: items + 99 };
    expect(judge(board, update, limits)).toMatchObject({
      ok: false,
      code: CloseCode.boardTooLarge,
    });
    expect(judge(board, update, { ...limits, maxBoardItems: items + 100 }).ok).toBe(true);
  });
});

/*
 * The structure limits read a participant's update from the index the edit guard reads too
 * (admission.ts), and place most items in one step without remembering them (TypeDepths).
 * These pin both: the same verdicts indexed or not, and depths exact at the limit whether an
 * item is placed from the document in one step or through other items of the same update.
 */

const SHALLOW: StructureLimits = { ...LIMITS, maxDepth: 3 };

/** Judges `update` decoded and decoded-and-indexed; both verdicts must be the same. */
function judgeBoth(board: Y.Doc, update: Uint8Array, limits = SHALLOW) {
  const plain = judgeUpdate(board, Y.decodeUpdate(update), footprintOf(board), limits);
  const indexed = judgeUpdate(
    board,
    indexUpdate(Y.decodeUpdate(update)),
    footprintOf(board),
    limits,
  );
  expect(indexed).toEqual(plain);
  return indexed;
}

describe('depths of an update judged from the shared index', () => {
  it('places items exactly at the limit, from the document and through the update', () => {
    const { board, client } = boardAndClient();
    const notes = client.getMap<unknown>('notes');
    const outer = new Y.Map<unknown>();
    const inner = new Y.Map<unknown>();
    // notes (root) > outer (depth 1) > inner (depth 2) > a flat value (depth 3): the limit,
    // each struct placed through the one before it in the same update.
    const built = updateOf(client, () => {
      notes.set('outer', outer);
      outer.set('inner', inner);
      inner.set('value', 1);
    });
    expect(judgeBoth(board, built).ok).toBe(true);
    Y.applyUpdate(board, built);

    // Placed in one step from the document (next to the value before, which the board has):
    // a flat value at the limit, a type at the limit, then a value one level past it.
    const atLimit = updateOf(client, () => inner.set('value', 2));
    expect(judgeBoth(board, atLimit).ok).toBe(true);
    Y.applyUpdate(board, atLimit);
    expect(
      judge(
        board,
        updateOf(client, () => inner.set('type', new Y.Map())),
      ).ok,
    ).toBe(true);
    const past = updateOf(client, () => inner.set('value', { x: 1 }));
    expect(judgeBoth(board, past)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });

  it('refuses a type made at the limit and written into in the same update', () => {
    const { board, client } = boardAndClient();
    const outer = new Y.Map<unknown>();
    const inner = new Y.Map<unknown>();
    Y.applyUpdate(
      board,
      updateOf(client, () => {
        client.getMap('notes').set('outer', outer);
        outer.set('inner', inner);
      }),
    );
    const deepest = new Y.Map<unknown>();
    const update = updateOf(client, () => {
      inner.set('deepest', deepest); // depth 3, placed from the document in one step
      deepest.set('value', 1); // depth 4, placed through the struct before it
    });
    expect(judgeBoth(board, update)).toMatchObject({ ok: false, code: CloseCode.updateTooComplex });
  });

  it('gives the same verdicts indexed or not for the edits a board sees', () => {
    const { board, client } = boardAndClient();
    const limits = LIMITS;
    const ids: string[] = [];
    const updates = [
      updateOf(client, () => {
        for (let i = 0; i < 5; i++) {
          ids.push(
            createNote(client, { x: i, y: i, text: `n${i}`, authorId: 'a', authorName: 'A' }),
          );
        }
      }),
      updateOf(client, () => moveNotes(client, [{ id: ids[0] as string, x: 9, y: 9 }])),
      updateOf(client, () => deleteNotes(client, [ids[1] as string])),
    ];
    for (const update of updates) {
      expect(judgeBoth(board, update, limits).ok).toBe(true);
      Y.applyUpdate(board, update);
    }
  });
});
