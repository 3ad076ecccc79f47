import {
  createNote,
  createVoteSession,
  decodeFrame,
  decodeVoteMessage,
  encodeVoteMessage,
  MessageType,
  type VoteMessage,
  writeVoteResults,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runningStatus, VoteClient } from './VoteClient';

/** A channel that records what the client sends and lets the test play the server. */
function fakeChannel(online = true) {
  const sent: VoteMessage[] = [];
  let handler: ((decoder: decoding.Decoder) => void) | null = null;
  return {
    sent,
    channel: {
      handle(_type: number, h: (decoder: decoding.Decoder) => void) {
        handler = h;
      },
      send(message: Uint8Array<ArrayBuffer>) {
        if (!online) return false;
        const decoded = decodeFrame(message, MessageType.votes, decodeVoteMessage);
        if (decoded.ok) sent.push(decoded.value);
        return true;
      },
    },
    /** Delivers a server message, as the provider would (the decoder past the type). */
    receive(message: VoteMessage) {
      const decoder = decoding.createDecoder(encodeVoteMessage(message));
      decoding.readVarUint(decoder);
      handler?.(decoder);
    },
  };
}

function board() {
  const doc = new Y.Doc();
  createNote(doc, { id: 'n1', x: 0, y: 0, authorId: 'p', authorName: 'P' });
  return doc;
}

describe('VoteClient', () => {
  it('keeps a status that arrives before its session, and drops it after the reveal', () => {
    const doc = board();
    const fake = fakeChannel();
    const votes = new VoteClient(doc, fake.channel, MessageType.votes);
    fake.receive({
      kind: 'status',
      session: 's1',
      open: true,
      remainingMs: 60_000,
      voter: true,
      mine: {},
      left: 3,
    });
    expect(runningStatus(votes.state.get())).toBeNull(); // the document has no session yet
    createVoteSession(doc, { id: 's1', title: 'T', dotsPerPerson: 3, candidates: ['n1'] });
    expect(runningStatus(votes.state.get())?.left).toBe(3);
    expect(votes.state.get().deadline).not.toBeNull();
    writeVoteResults(doc, 's1', { counts: { n1: 2 }, voters: 1 });
    expect(runningStatus(votes.state.get())).toBeNull();
    expect(votes.state.get().sessions[0]?.results).toEqual([{ note: 'n1', count: 2, rank: 1 }]);
    votes.destroy();
  });

  it('asks the server about the running session, never naming a voter', () => {
    const doc = board();
    const fake = fakeChannel();
    const votes = new VoteClient(doc, fake.channel, MessageType.votes);
    createVoteSession(doc, { id: 's1', title: 'T', dotsPerPerson: 3, candidates: ['n1'] });
    votes.cast('n1', 'Aino');
    votes.retract('n1');
    votes.step('reveal');
    expect(fake.sent).toEqual([
      { kind: 'cast', request: 1, session: 's1', note: 'n1', name: 'Aino' },
      { kind: 'retract', request: 2, session: 's1', note: 'n1' },
      { kind: 'reveal', request: 3, session: 's1' },
    ]);
  });

  it('turns every refusal into a new notice, and a send without a connection into "offline"', () => {
    const doc = board();
    createVoteSession(doc, { id: 's1', title: 'T', dotsPerPerson: 1, candidates: ['n1'] });
    const fake = fakeChannel();
    const votes = new VoteClient(doc, fake.channel, MessageType.votes);
    fake.receive({ kind: 'answer', request: 1, ok: false, error: 'overBudget' });
    const first = votes.state.get().refusal;
    fake.receive({ kind: 'answer', request: 2, ok: false, error: 'overBudget' });
    expect(votes.state.get().refusal?.problem).toBe('overBudget');
    expect(votes.state.get().refusal).not.toBe(first);
    const offline = fakeChannel(false);
    const cut = new VoteClient(doc, offline.channel, MessageType.votes);
    cut.cast('n1', '');
    expect(cut.state.get().refusal?.problem).toBe('offline');
  });
});
