import { createNote, moveNote } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admitUpdate } from './admission';
import { roomyBudget, syncedBoard } from './admissionFixtures';
import { DocUpdates } from './DocUpdates';

const roomy = roomyBudget;
const facilitator = { role: 'facilitator' as const, participantId: 'f1' };

interface Heard {
  update: Uint8Array;
  origin: unknown;
}

/**
 * A server's board with DocUpdates on it, a client that synced it, and what the server hears;
 * `receive` applies a client's update as UpdateIntake does (as sent when admission says it
 * follows the board).
 */
function board() {
  const { server, client, change } = syncedBoard();
  const heard: Heard[] = [];
  const updates = new DocUpdates(server, (update, origin) => heard.push({ update, origin }));
  const receive = (update: Uint8Array, origin: unknown = 'member') => {
    const admission = admitUpdate(server, update, facilitator, roomy);
    if (!admission.ok || !admission.apply) throw new Error('not admitted');
    updates.apply(update, origin, admission.follows);
    return admission.follows;
  };
  return { server, client, change, receive, heard, updates };
}

/** What Yjs's own `update` event gives for `update` applied to a copy of `doc`. */
function yjsEncoding(doc: Y.Doc, update: Uint8Array): Uint8Array[] {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const emitted: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => emitted.push(u));
  Y.applyUpdate(copy, update);
  return emitted;
}

const note = (doc: Y.Doc) => createNote(doc, { x: 0, y: 0, authorId: 'f1', authorName: 'F' });

describe('DocUpdates', () => {
  it('hands on a member update that follows the board as the very bytes sent', () => {
    const { server, change, receive, heard } = board();
    const before = Y.encodeStateAsUpdate(server);
    const update = change(note);
    const expected = yjsEncoding(server, update);
    expect(receive(update)).toBe(true);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.update).toBe(update);
    expect(heard[0]?.origin).toBe('member');
    // The same structs as Yjs's encoding: a client of the board ends the same with either.
    const synced = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, before);
      return doc;
    };
    const viaSent = synced();
    const viaYjs = synced();
    Y.applyUpdate(viaSent, heard[0]?.update as Uint8Array);
    Y.applyUpdate(viaYjs, expected[0] as Uint8Array);
    expect(Y.encodeStateAsUpdate(viaSent)).toEqual(Y.encodeStateAsUpdate(viaYjs));
    expect(Y.encodeStateAsUpdate(viaSent)).toEqual(Y.encodeStateAsUpdate(server));
  });

  it('a move of an existing note (a map value replaced: a deletion with it) is handed on as sent', () => {
    const { server, client, change, receive, heard } = board();
    let id = '';
    receive(change((doc) => (id = note(doc))));
    const move = change((doc) => moveNote(doc, id, 40, 50));
    receive(move);
    expect(heard.at(-1)?.update).toBe(move);
    // Another client that heard both as sent has the server's board.
    const other = new Y.Doc();
    for (const { update } of heard) Y.applyUpdate(other, update);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)));
    expect(other.getMap('notes').toJSON()).toEqual(server.getMap('notes').toJSON());
    expect(client.getMap('notes').toJSON()).toEqual(server.getMap('notes').toJSON());
  });

  it('lets Yjs encode an update that repeats part of what the board has', () => {
    const { server, change, receive, heard } = board();
    const first = change(note);
    receive(first);
    const second = change(note);
    const both = Y.mergeUpdates([first, second]);
    const expected = yjsEncoding(server, both);
    expect(receive(both)).toBe(false);
    expect(heard).toHaveLength(2);
    expect(heard[1]?.update).not.toBe(both);
    expect(heard[1]?.update).toEqual(expected[0]);
  });

  it('lets Yjs encode what was placed when part of an update waits for structs the board lacks', () => {
    const { server, receive, heard } = board();
    const synced = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return doc;
    };
    // C makes a note the server never hears of; B moves it; A makes a note of its own.
    const c = synced();
    const id = note(c);
    const b = synced();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(c));
    const bBefore = Y.encodeStateVector(b);
    moveNote(b, id, 10, 10);
    const a = synced();
    const aBefore = Y.encodeStateVector(a);
    note(a);
    const fromA = Y.encodeStateAsUpdate(a, aBefore);
    const both = Y.mergeUpdates([fromA, Y.encodeStateAsUpdate(b, bBefore)]);
    // Both clients' structs start where the server's end, but B's cannot be placed.
    expect(receive(both)).toBe(true);
    expect(server.store.pendingStructs).not.toBeNull();
    expect(heard).toHaveLength(1);
    expect(heard[0]?.update).not.toBe(both);
    expect(Y.parseUpdateMeta(heard[0]?.update as Uint8Array).to).toEqual(
      Y.parseUpdateMeta(fromA).to,
    );
  });

  it('an update that changes nothing new is not heard; one whose structs wait is encoded by Yjs', () => {
    const { server, client, change, receive, heard } = board();
    let id = '';
    const made = change((doc) => (id = note(doc)));
    receive(made);
    const removal = change((doc) => doc.getMap('notes').delete(id));
    receive(removal);
    expect(heard).toHaveLength(2);
    // The same deletion again: it follows (no structs at all) but the board had it already.
    expect(receive(removal)).toBe(true);
    expect(heard).toHaveLength(2);
    expect(client.getMap('notes').has(id)).toBe(false);
    expect(server.getMap('notes').has(id)).toBe(false);
  });

  it('a transaction an observer starts inside the member one is heard after it, encoded by Yjs', () => {
    const { server, change, receive, heard } = board();
    const title = server.getMap('meta');
    server.getMap('notes').observe((event) => {
      if (event.transaction.origin === 'member')
        server.transact(() => title.set('touched', 1), 'server');
    });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    const update = change(note);
    receive(update);
    expect(heard.map((h) => h.origin)).toEqual(['member', 'server']);
    expect(heard[0]?.update).toBe(update);
    Y.applyUpdate(copy, heard[0]?.update as Uint8Array);
    Y.applyUpdate(copy, heard[1]?.update as Uint8Array);
    expect(copy.getMap('meta').get('touched')).toBe(1);
  });

  it("the server's own changes and updates applied any other way are encoded by Yjs", () => {
    const { server, change, heard } = board();
    server.transact(() => server.getMap('meta').set('k', 'v'), 'server');
    const update = change(note);
    Y.applyUpdate(server, update, 'relayed');
    expect(heard.map((h) => h.origin)).toEqual(['server', 'relayed']);
    expect(heard[1]?.update).not.toBe(update);
  });

  it('after close it hears nothing', () => {
    const { server, heard, updates } = board();
    updates.close();
    server.getMap('meta').set('k', 'v');
    expect(heard).toHaveLength(0);
  });
});
