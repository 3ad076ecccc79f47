import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { endsOfTransaction } from './updateEnds';

/** A board that three other clients wrote to, and a writer with a replica of it. */
function board() {
  const server = new Y.Doc();
  for (let i = 0; i < 3; i++) {
    const other = new Y.Doc();
    other.getMap('notes').set(`n${i}`, i);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
  }
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  writer.on('update', (update: Uint8Array) => sent.push(update));
  return { server, writer, sent };
}

/** Applies `update` to `doc`; the update Yjs emits, and the ends read from its transaction. */
function apply(doc: Y.Doc, update: Uint8Array, clients: readonly number[]) {
  let emitted: Uint8Array | null = null;
  let ends: ReadonlyMap<number, number> | null = null;
  const listen = (u: Uint8Array, _origin: unknown, _doc: Y.Doc, t: Y.Transaction) => {
    emitted = u;
    ends = endsOfTransaction(t, clients);
  };
  doc.on('update', listen);
  Y.applyUpdate(doc, update, 'member');
  doc.off('update', listen);
  return {
    emitted: emitted as Uint8Array | null,
    ends: ends as ReadonlyMap<number, number> | null,
  };
}

describe('endsOfTransaction', () => {
  it('gives what decoding the emitted update gives, for the clients the update carried', () => {
    const { server, writer, sent } = board();
    writer.getMap('notes').set('mine', 'a');
    writer.getText('t').insert(0, 'hello');
    const update = Y.mergeUpdates(sent);
    const { emitted, ends } = apply(server, update, [writer.clientID]);
    expect(emitted).not.toBeNull();
    expect(ends).toEqual(Y.parseUpdateMeta(emitted as Uint8Array).to);
    expect(ends).toEqual(new Map([[writer.clientID, Y.getState(writer.store, writer.clientID)]]));
  });

  it('leaves out a client the transaction did not advance (a repeat of what the board has)', () => {
    const { server, writer, sent } = board();
    writer.getMap('notes').set('mine', 'a');
    Y.applyUpdate(server, sent[0] as Uint8Array);
    writer.getMap('notes').delete('n0'); // a deletion only: no struct of the writer's is new
    const deletion = Y.mergeUpdates([sent[0] as Uint8Array, sent[1] as Uint8Array]);
    const { ends } = apply(server, deletion, [writer.clientID]);
    expect(ends).toEqual(new Map());
  });

  it('claims no more than Yjs integrated when part of the update waits for a missing one', () => {
    const { server, writer, sent } = board();
    for (const key of ['first', 'second', 'third']) writer.getMap('notes').set(key, key);
    // The first and the third: the third depends on the second, which the server never got.
    const gapped = Y.mergeUpdates([sent[0] as Uint8Array, sent[2] as Uint8Array]);
    const { emitted, ends } = apply(server, gapped, [writer.clientID]);
    const firstEnd = Y.parseUpdateMeta(sent[0] as Uint8Array).to.get(writer.clientID);
    expect(ends).toEqual(new Map([[writer.clientID, firstEnd]]));
    expect(ends).toEqual(Y.parseUpdateMeta(emitted as Uint8Array).to);
    expect(Y.parseUpdateMeta(gapped).to.get(writer.clientID)).toBeGreaterThan(firstEnd as number);
  });
});
