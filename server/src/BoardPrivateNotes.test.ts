import {
  decodeFrame,
  decodePrivateNotes,
  initBoard,
  MessageType,
  PRIVATE_NOTE_LIMITS,
  type PrivateNoteInput,
  type PrivateNotesMessage,
  type PrivateNotesRequest,
  type Role,
  readNotes,
  setPhase,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardPrivateNotes, type PrivateNotesMember } from './BoardPrivateNotes';
import { BoardSideState } from './BoardSideState';

/** The rules alone, over a Y.Doc and side state in memory (the socket tests are in test/). */
function setup() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'b', locale: 'fi' });
  const side = new BoardSideState([], { addSide: () => {} });
  const members: Array<PrivateNotesMember & { got: PrivateNotesMessage[] }> = [];
  const notes = new BoardPrivateNotes({
    doc,
    side,
    transactAsServer: (change) => doc.transact(() => change(doc), 'server'),
    committed: () => Promise.resolve(),
    members: () => members,
  });
  const person = (role: Role, participantId: string) => {
    const got: PrivateNotesMessage[] = [];
    const member = {
      role,
      participantId,
      pajaClient: true,
      got,
      send(bytes: Uint8Array) {
        const decoded = decodeFrame(bytes, MessageType.privateNotes, decodePrivateNotes);
        if (!decoded.ok) throw new Error(decoded.error.reason);
        got.push(decoded.value);
      },
    };
    members.push(member);
    notes.joined(member);
    return member;
  };
  let next = 1;
  const ask = async (
    member: PrivateNotesMember & { got: PrivateNotesMessage[] },
    request: DistributiveOmit<PrivateNotesRequest, 'request'>,
  ) => {
    const number = next++;
    await notes.handle(member, { ...request, request: number } as PrivateNotesRequest);
    const answer = member.got.find((m) => m.kind === 'answer' && m.request === number);
    if (answer?.kind !== 'answer') throw new Error('no answer');
    return answer.ok ? 'ok' : answer.error;
  };
  const session = () => {
    const status = members[0]?.got.filter((m) => m.kind === 'status').at(-1);
    return status?.kind === 'status' ? (status.mode?.session ?? '') : '';
  };
  return { doc, side, notes, person, ask, session };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const note = (session: string, id: string, text = 'idea'): PrivateNoteInput => ({
  session,
  id,
  x: 0,
  y: 0,
  w: 160,
  h: 160,
  color: 'yellow',
  text,
  authorName: 'A',
  organisation: null,
});

describe('BoardPrivateNotes rules', () => {
  it('lets only a facilitator start, reveal and discard', async () => {
    const { person, ask, session } = setup();
    const facilitator = person('facilitator', 'f');
    const participant = person('participant', 'a');
    expect(
      await ask(participant, { kind: 'start', facilitatorsSee: true, hideAuthors: false }),
    ).toBe('facilitatorOnly');
    expect(
      await ask(facilitator, { kind: 'start', facilitatorsSee: true, hideAuthors: false }),
    ).toBe('ok');
    expect(
      await ask(facilitator, { kind: 'start', facilitatorsSee: true, hideAuthors: false }),
    ).toBe('alreadyRunning');
    expect(await ask(participant, { kind: 'reveal', session: session() })).toBe('facilitatorOnly');
    expect(await ask(participant, { kind: 'discard', session: session() })).toBe('facilitatorOnly');
    expect(await ask(facilitator, { kind: 'reveal', session: 'another' })).toBe('notActive');
  });

  it('refuses notes outside a running brainstorm, from roles that do not write, and in others’ names', async () => {
    const { person, ask, session, doc } = setup();
    const facilitator = person('facilitator', 'f');
    const a = person('participant', 'a');
    const b = person('participant', 'b');
    const viewer = person('viewer', 'v');
    expect(await ask(a, { kind: 'put', note: note('S0', 'n1') })).toBe('notActive');
    await ask(facilitator, { kind: 'start', facilitatorsSee: false, hideAuthors: false });
    const s = session();
    expect(await ask(viewer, { kind: 'put', note: note(s, 'v1') })).toBe('roleCannot');
    expect(await ask(a, { kind: 'put', note: note(s, 'n1') })).toBe('ok');
    expect(await ask(b, { kind: 'put', note: note(s, 'n1', 'taken over') })).toBe('notYours');
    expect(await ask(b, { kind: 'remove', session: s, id: 'n1' })).toBe('notYours');
    doc.transact(() => {
      const m = new Y.Map();
      doc.getMap('notes').set('onBoard', m);
    });
    expect(await ask(b, { kind: 'put', note: note(s, 'onBoard') })).toBe('notYours');
    setPhase(doc, { addNotes: false });
    expect(await ask(b, { kind: 'put', note: note(s, 'n2') })).toBe('phaseOff');
    // Her own note may still change while adding is closed; not while the board is frozen.
    expect(await ask(a, { kind: 'put', note: note(s, 'n1', 'better') })).toBe('ok');
    setPhase(doc, { frozen: true });
    expect(await ask(a, { kind: 'put', note: note(s, 'n1', 'frozen') })).toBe('phaseOff');
  });

  it(`holds at most ${PRIVATE_NOTE_LIMITS.perPerson} private notes per person`, async () => {
    const { person, ask, session } = setup();
    const facilitator = person('facilitator', 'f');
    const a = person('participant', 'a');
    const b = person('participant', 'b');
    await ask(facilitator, { kind: 'start', facilitatorsSee: false, hideAuthors: false });
    const s = session();
    for (let i = 0; i < PRIVATE_NOTE_LIMITS.perPerson; i++) {
      expect(await ask(a, { kind: 'put', note: note(s, `a${i}`) })).toBe('ok');
    }
    expect(await ask(a, { kind: 'put', note: note(s, 'one-more') })).toBe('tooMany');
    // Changing one she has is not a new one; removing one frees a place.
    expect(await ask(a, { kind: 'put', note: note(s, 'a0', 'changed') })).toBe('ok');
    expect(await ask(a, { kind: 'remove', session: s, id: 'a1' })).toBe('ok');
    expect(await ask(a, { kind: 'put', note: note(s, 'one-more') })).toBe('ok');
    expect(await ask(b, { kind: 'put', note: note(s, 'b0') })).toBe('ok');
  });

  it('counts for everyone, shows a note to its author’s other tabs, and reveals in one transaction', async () => {
    const { person, ask, session, doc } = setup();
    const facilitator = person('facilitator', 'f');
    const a1 = person('participant', 'a');
    const a2 = person('participant', 'a');
    const b = person('participant', 'b');
    await ask(facilitator, { kind: 'start', facilitatorsSee: false, hideAuthors: true });
    const s = session();
    await ask(a1, { kind: 'put', note: note(s, 'n1', 'secret of a') });
    const seen = (m: PrivateNotesMember & { got: PrivateNotesMessage[] }) =>
      JSON.stringify(m.got).includes('secret of a');
    expect([seen(a2), seen(b), seen(facilitator)]).toEqual([true, false, false]);
    const lastCount = (m: { got: PrivateNotesMessage[] }) => {
      const status = m.got.filter((x) => x.kind === 'status').at(-1);
      return status?.kind === 'status' ? status.count : -1;
    };
    expect(lastCount(b)).toBe(1);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(await ask(facilitator, { kind: 'reveal', session: s })).toBe('ok');
    expect(transactions).toBe(1);
    expect(readNotes(doc).map((n) => [n.text, n.authorId, n.authorName])).toEqual([
      ['secret of a', '', ''],
    ]);
    const status = b.got.filter((x) => x.kind === 'status').at(-1);
    expect(status).toMatchObject({
      mode: null,
      count: 0,
      last: { session: s, outcome: 'revealed' },
    });
    expect(await ask(a1, { kind: 'put', note: note(s, 'late') })).toBe('notActive');
  });
});
