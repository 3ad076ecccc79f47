import {
  createNote,
  decodeVoteMessage,
  decodeWelcome,
  encodeSyncUpdate,
  encodeVoteMessage,
  MessageType,
  pajaClientParams,
  readBoard,
  setPhase,
  type VoteMessage,
  type VoteRequest,
  type VoteStatus,
  votesMap,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import {
  type CreatedBoard,
  createBoardOver,
  linkFor,
  type RunningServer,
  startServer,
  tempDir,
  testConfig,
  waitFor,
} from './harness';

const REMOTE = Symbol('from the server');
type Answer = Extract<VoteMessage, { kind: 'answer' }>;

/**
 * A client written against the wire: a raw socket that records every frame it receives
 * (the secrecy tests read those bytes), keeps a Y.Doc in sync, and speaks the vote messages.
 * It is what a hostile participant would use: it sends whatever the test tells it to.
 */
async function rawClient(wsUrl: string, boardId: string, token: string, pk: string) {
  const params = new URLSearchParams({ token, pk, ...pajaClientParams() });
  const ws = new WebSocket(`${wsUrl}/${boardId}?${params}`);
  ws.binaryType = 'nodebuffer';
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  const answers: Answer[] = [];
  const statuses: VoteStatus[] = [];
  let participantId = '';
  let closeCode: number | null = null;
  let synced = false;
  ws.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    frames.push(frame.slice());
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, REMOTE);
      if (step === syncProtocol.messageYjsSyncStep2) synced = true;
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
    } else if (type === MessageType.welcome) {
      const welcome = decodeWelcome(decoder);
      if (welcome.ok) participantId = welcome.value.participantId;
    } else if (type === MessageType.votes) {
      const message = decodeVoteMessage(decoder);
      if (!message.ok) throw new Error(message.error.reason);
      if (message.value.kind === 'answer') answers.push(message.value);
      if (message.value.kind === 'status') statuses.push(message.value);
    }
  });
  ws.on('close', (code) => {
    closeCode = code;
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE && ws.readyState === ws.OPEN) ws.send(encodeSyncUpdate(update));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MessageType.sync);
  syncProtocol.writeSyncStep1(step1, doc);
  ws.send(encoding.toUint8Array(step1));
  await waitFor(() => synced, 'sync');
  let nextRequest = 1;
  return {
    doc,
    frames,
    statuses,
    answers,
    id: () => participantId,
    closeCode: () => closeCode,
    lastStatus: () => statuses.at(-1),
    /** Sends a request and resolves with its answer. */
    async ask(request: DistributiveOmit<VoteRequest, 'request'>): Promise<Answer> {
      const number = nextRequest++;
      ws.send(encodeVoteMessage({ ...request, request: number } as VoteRequest));
      await waitFor(() => answers.some((a) => a.request === number), `answer ${number}`);
      return answers.find((a) => a.request === number) as Answer;
    },
    send(bytes: Uint8Array) {
      ws.send(bytes);
    },
    close() {
      ws.close();
      doc.destroy();
    },
  };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Client = Awaited<ReturnType<typeof rawClient>>;

const errorOf = (answer: Answer) => (answer.ok ? null : answer.error);

describe('dot voting through the server', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup(running?: RunningServer) {
    let wsUrl: string;
    let url: string;
    if (running) {
      ({ wsUrl, url } = running);
    } else {
      const server = new PajaServer(testConfig(), new MemoryStorage(), silentLogger);
      const address = await server.listen();
      cleanup.push(() => server.close());
      wsUrl = `ws://127.0.0.1:${address.port}/sync`;
      url = server.url;
    }
    const board = await createBoardOver(url);
    return { wsUrl, url, board, ...(await people(wsUrl, url, board)) };
  }

  async function people(wsUrl: string, url: string, board: CreatedBoard, writeNotes = true) {
    const tokens = new Map<string, string>();
    const join = async (role: string, pk: string): Promise<Client> => {
      let token = role === 'facilitator' ? board.token : tokens.get(role);
      if (!token) {
        token = await linkFor(url, board, role);
        tokens.set(role, token);
      }
      const client = await rawClient(wsUrl, board.id, token, pk);
      cleanup.push(() => client.close());
      return client;
    };
    const facilitator = await join('facilitator', 'facilitator-key');
    // Three notes to vote on, written by the facilitator.
    const notes = ['n1', 'n2', 'n3', 'n4'];
    if (writeNotes) {
      facilitator.doc.transact(() => {
        for (const [i, id] of notes.entries()) {
          createNote(facilitator.doc, {
            id,
            x: i * 200,
            y: 0,
            text: `Idea ${i + 1}`,
            authorId: facilitator.id(),
            authorName: 'Fasilitaattori',
          });
        }
      });
    }
    return { facilitator, join, notes };
  }

  async function startVote(facilitator: Client, extra: Partial<VoteRequest> = {}) {
    const answer = await facilitator.ask({
      kind: 'start',
      title: 'What first?',
      dotsPerPerson: 3,
      maxPerItem: 2,
      candidates: ['n1', 'n2', 'n3'],
      anonymous: true,
      durationSeconds: 0,
      ...extra,
    } as VoteRequest);
    if (!answer.ok) throw new Error(`start refused: ${answer.error}`);
    return answer.session;
  }

  it('enforces budget, per-note cap, candidates and take-backs', async () => {
    const { facilitator, join } = await setup();
    const aino = await join('participant', 'aino');
    const session = await startVote(facilitator);
    await waitFor(() => aino.lastStatus()?.session === session, 'aino hears the session');
    expect(aino.lastStatus()).toMatchObject({ open: true, voter: true, mine: {}, left: 3 });
    const cast = (note: string) => aino.ask({ kind: 'cast', session, note, name: 'Aino' });
    expect(errorOf(await cast('n1'))).toBeNull();
    expect(errorOf(await cast('n1'))).toBeNull();
    expect(errorOf(await cast('n1'))).toBe('itemCap');
    expect(errorOf(await cast('n4'))).toBe('notCandidate');
    expect(errorOf(await cast('nope'))).toBe('notCandidate');
    expect(errorOf(await cast('n2'))).toBeNull();
    expect(errorOf(await cast('n3'))).toBe('overBudget');
    expect(aino.lastStatus()).toMatchObject({ mine: { n1: 2, n2: 1 }, left: 0 });
    expect(errorOf(await aino.ask({ kind: 'retract', session, note: 'n3' }))).toBe('noDot');
    expect(errorOf(await aino.ask({ kind: 'retract', session, note: 'n1' }))).toBeNull();
    expect(errorOf(await cast('n3'))).toBeNull();
    expect(aino.lastStatus()).toMatchObject({ mine: { n1: 1, n2: 1, n3: 1 }, left: 0 });
    // Another session id, or a second session while this one runs, is refused.
    expect(errorOf(await aino.ask({ kind: 'cast', session: 'other', note: 'n1', name: '' }))).toBe(
      'noSession',
    );
    expect(
      errorOf(
        await facilitator.ask({
          kind: 'start',
          title: 'Again',
          dotsPerPerson: 1,
          maxPerItem: 1,
          candidates: ['n1'],
          anonymous: true,
          durationSeconds: 0,
        }),
      ),
    ).toBe('alreadyRunning');
  });

  it('refuses votes in a closed session, a timed-out one, and with the phase setting off', async () => {
    const { facilitator, join } = await setup();
    const aino = await join('participant', 'aino');
    const session = await startVote(facilitator);
    await waitFor(() => aino.lastStatus()?.session === session, 'status');
    setPhase(facilitator.doc, { vote: false });
    await waitFor(() => readBoard(aino.doc).meta.phase.vote === false, 'phase off at aino');
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n1', name: '' }))).toBe(
      'phaseOff',
    );
    setPhase(facilitator.doc, { vote: true });
    await waitFor(() => readBoard(aino.doc).meta.phase.vote, 'phase on at aino');
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n1', name: '' }))).toBeNull();
    expect(errorOf(await facilitator.ask({ kind: 'end', session }))).toBeNull();
    await waitFor(() => aino.lastStatus()?.open === false, 'aino hears it ended');
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n2', name: '' }))).toBe('closed');
    expect(errorOf(await aino.ask({ kind: 'retract', session, note: 'n1' }))).toBe('closed');
    // A participant may not run votes.
    expect(errorOf(await aino.ask({ kind: 'reveal', session }))).toBe('facilitatorOnly');
    expect(errorOf(await facilitator.ask({ kind: 'discard', session }))).toBeNull();

    const timed = await startVote(facilitator, { durationSeconds: 1 });
    await waitFor(() => aino.lastStatus()?.session === timed, 'timed status');
    expect(aino.lastStatus()?.remainingMs).toBeGreaterThan(0);
    // The server's clock ends it: everyone hears, and no dot is taken after.
    await waitFor(() => aino.lastStatus()?.open === false, 'the time runs out', 10_000);
    expect(readBoard(facilitator.doc).voteSessions.at(-1)?.open).toBe(false);
    expect(errorOf(await aino.ask({ kind: 'cast', session: timed, note: 'n1', name: '' }))).toBe(
      'closed',
    );
  });

  it('refuses viewers and commenters', async () => {
    const { facilitator, join } = await setup();
    const session = await startVote(facilitator);
    for (const role of ['viewer', 'commenter']) {
      const reader = await join(role, `${role}-key`);
      expect(errorOf(await reader.ask({ kind: 'cast', session, note: 'n1', name: '' }))).toBe(
        'roleCannot',
      );
      expect(reader.lastStatus()).toMatchObject({ voter: false, mine: {}, left: 0 });
      expect(reader.lastStatus()?.progress).toBeUndefined();
    }
  });

  it('gives invented participant keys no fresh budget', async () => {
    const { facilitator, join } = await setup();
    const aino = await join('participant', 'aino');
    const session = await startVote(facilitator, { dotsPerPerson: 1, maxPerItem: 1 });
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n1', name: '' }))).toBeNull();
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n2', name: '' }))).toBe(
      'overBudget',
    );
    // Ten new keys after the start: ten new ids, none of them on the roll.
    for (let i = 0; i < 10; i++) {
      const sock = await join('participant', `invented-${i}`);
      expect(errorOf(await sock.ask({ kind: 'cast', session, note: 'n2', name: '' }))).toBe(
        'notOnRoll',
      );
      expect(sock.lastStatus()).toMatchObject({ voter: false, left: 0 });
      sock.close();
    }
    // Reconnecting with one's own key keeps one's ballot, spent dots included.
    const again = await join('participant', 'aino');
    expect(again.id()).toBe(aino.id());
    expect(errorOf(await again.ask({ kind: 'cast', session, note: 'n3', name: '' }))).toBe(
      'overBudget',
    );
    // A latecomer votes once a facilitator lets the people present in, seeing how many.
    const late = await join('participant', 'late-arrival');
    await waitFor(() => facilitator.lastStatus()?.progress?.latecomers === 1, 'latecomer count');
    expect(errorOf(await facilitator.ask({ kind: 'admit', session }))).toBeNull();
    expect(errorOf(await late.ask({ kind: 'cast', session, note: 'n2', name: '' }))).toBeNull();
    await facilitator.ask({ kind: 'reveal', session });
    await waitFor(() => readBoard(aino.doc).voteSessions[0]?.revealed === true, 'revealed');
    expect(readBoard(aino.doc).voteSessions[0]?.voters).toBe(2);
    expect(readBoard(aino.doc).voteSessions[0]?.results?.slice(0, 2)).toEqual([
      { note: 'n1', count: 1, rank: 1 },
      { note: 'n2', count: 1, rank: 1 },
    ]);
  });

  it('keeps every dot and every count secret until the reveal, byte for byte', async () => {
    const { facilitator, join } = await setup();
    const people = {
      aino: await join('participant', 'key-aino'),
      bert: await join('participant', 'key-bert'),
      cecilia: await join('participant', 'key-cecilia'),
    };
    const session = await startVote(facilitator, { anonymous: false });
    const votes: Record<keyof typeof people, string[]> = {
      aino: ['n1', 'n1', 'n2'],
      bert: ['n2', 'n3'],
      cecilia: ['n3', 'n3', 'n1'],
    };
    for (const [name, notes] of Object.entries(votes)) {
      const client = people[name as keyof typeof people];
      for (const note of notes) {
        expect(errorOf(await client.ask({ kind: 'cast', session, note, name }))).toBeNull();
      }
    }
    await waitFor(() => facilitator.lastStatus()?.progress?.voted === 3, 'progress: 3 voted');
    // The facilitator sees how many voted, but no counts until asking for them.
    expect(facilitator.lastStatus()?.progress).toEqual({ voted: 3, roll: 3, latecomers: 0 });
    expect(facilitator.lastStatus()?.counts).toBeUndefined();
    await facilitator.ask({ kind: 'watch', session, counts: true });
    await waitFor(() => facilitator.lastStatus()?.counts !== undefined, 'counts');
    expect(facilitator.lastStatus()?.counts).toEqual({ n1: 3, n2: 2, n3: 3 });

    for (const [name, client] of Object.entries(people)) {
      const others = Object.entries(people).filter(([n]) => n !== name);
      const text = Buffer.concat(client.frames).toString('latin1');
      for (const [otherName, other] of others) {
        // Nothing this socket received names another voter, by id or by name...
        expect(text.includes(other.id()), `${name} got ${otherName}'s id`).toBe(false);
        expect(text.includes(otherName), `${name} got ${otherName}'s name`).toBe(false);
      }
      // ...or carries a running count or progress.
      expect(text.includes('"counts"')).toBe(false);
      expect(text.includes('"progress"')).toBe(false);
      // Every vote message it got is a status of its own dots, or an answer.
      for (const frame of client.frames) {
        const decoder = decoding.createDecoder(frame);
        if (decoding.readVarUint(decoder) !== MessageType.votes) continue;
        const message = decodeVoteMessage(decoder);
        expect(message.ok).toBe(true);
        if (message.ok && message.value.kind === 'status') {
          const own: Record<string, number> = {};
          for (const note of votes[name as keyof typeof votes]) own[note] = (own[note] ?? 0) + 1;
          for (const [note, count] of Object.entries(message.value.mine)) {
            expect(count).toBeLessThanOrEqual(own[note] ?? 0);
          }
        }
      }
      // Its document holds no dot and no result.
      expect(votesMap(client.doc).size).toBe(0);
      expect(readBoard(client.doc).voteSessions[0]?.results).toBeNull();
    }

    await facilitator.ask({ kind: 'reveal', session });
    const ranking = (c: Client) => JSON.stringify(readBoard(c.doc).voteSessions[0]?.results);
    for (const client of Object.values(people)) {
      await waitFor(() => readBoard(client.doc).voteSessions[0]?.revealed === true, 'reveal');
      expect(ranking(client)).toBe(ranking(facilitator));
    }
    expect(readBoard(facilitator.doc).voteSessions[0]?.results).toEqual([
      { note: 'n1', count: 3, rank: 1 },
      { note: 'n3', count: 3, rank: 1 },
      { note: 'n2', count: 2, rank: 3 },
    ]);
    // The byte search above finds what is there: after the reveal, the names are.
    expect(Buffer.concat(people.aino.frames).toString('latin1')).toContain('cecilia');
    expect(Buffer.concat(facilitator.frames).toString('latin1')).toContain('"counts"');
    // Named: the results say who placed which dots, under the names they voted with.
    expect(
      readBoard(people.aino.doc)
        .voteSessions[0]?.ballots.map((b) => b.name)
        .sort(),
    ).toEqual(['aino', 'bert', 'cecilia']);
  });

  it('stores ballots durably: a restart keeps them, a reveal replaces them with results', async () => {
    const dataDir = tempDir();
    let running = await startServer(dataDir);
    const { board, facilitator, join } = await setup(running);
    const aino = await join('participant', 'aino');
    const session = await startVote(facilitator);
    // The answer comes after the commit: what was answered is stored.
    expect(errorOf(await aino.ask({ kind: 'cast', session, note: 'n2', name: 'Aino' }))).toBeNull();
    aino.close();
    facilitator.close();
    await running.server.close();
    running = await startServer(dataDir, { port: running.port });
    cleanup.push(() => running.server.close());
    const after = await people(running.wsUrl, running.url, board, false);
    const back = await after.join('participant', 'aino');
    await waitFor(() => back.lastStatus()?.session === session, 'status after restart');
    expect(back.lastStatus()).toMatchObject({ mine: { n2: 1 }, left: 2 });
    await after.facilitator.ask({ kind: 'reveal', session });
    await waitFor(() => readBoard(back.doc).voteSessions[0]?.revealed === true, 'revealed');
    expect(readBoard(back.doc).voteSessions[0]?.results?.[0]).toEqual({
      note: 'n2',
      count: 1,
      rank: 1,
    });
  });

  it('closes a connection that sends an undecodable vote frame', async () => {
    const { join } = await setup();
    const aino = await join('participant', 'aino');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.votes);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify({ request: 1, session: 's', note: 'n', x: 1 }));
    aino.send(encoding.toUint8Array(encoder));
    await waitFor(() => aino.closeCode() !== null, 'close');
    expect(aino.closeCode()).toBe(4400);
  });
});
