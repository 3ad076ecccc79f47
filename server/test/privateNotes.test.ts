import {
  decodePrivateNotes,
  encodePrivateNotes,
  encodeSyncUpdate,
  MessageType,
  PARTICIPANT_KEY_PARAM,
  type PrivateNoteInput,
  type PrivateNotesMessage,
  type PrivateNotesRequest,
  pajaClientParams,
  readNotes,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  createBoardOver,
  linkFor,
  type RunningServer,
  startServer,
  tempDir,
  waitFor,
} from './harness';

const REMOTE = Symbol('from the server');
type Answer = Extract<PrivateNotesMessage, { kind: 'answer' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A client written against the wire: a raw socket that keeps every frame it receives (the
 * secrecy tests search those bytes), keeps a Y.Doc in sync, and speaks the private-notes
 * messages. What a hostile participant would use: it sends whatever the test says.
 */
async function rawClient(wsUrl: string, boardId: string, token: string, key: string) {
  const params = new URLSearchParams({
    token,
    [PARTICIPANT_KEY_PARAM]: key,
    ...pajaClientParams(),
  });
  const ws = new WebSocket(`${wsUrl}/${boardId}?${params}`);
  ws.binaryType = 'nodebuffer';
  const doc = new Y.Doc();
  const frames: Buffer[] = [];
  const messages: PrivateNotesMessage[] = [];
  let closeCode: number | null = null;
  let synced = false;
  let docUpdates = 0;
  ws.on('message', (data: Buffer) => {
    frames.push(Buffer.from(data));
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, REMOTE);
      if (step === syncProtocol.messageYjsSyncStep2) synced = true;
      if (step === syncProtocol.messageYjsUpdate) docUpdates++;
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
    } else if (type === MessageType.privateNotes) {
      const message = decodePrivateNotes(decoder);
      if (!message.ok) throw new Error(message.error.reason);
      messages.push(message.value);
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
  const statuses = () => messages.filter((m) => m.kind === 'status');
  return {
    doc,
    messages,
    /** Every byte this socket received, as one string to search. */
    received: () => Buffer.concat(frames).toString('utf8'),
    closeCode: () => closeCode,
    docUpdates: () => docUpdates,
    status: () => statuses().at(-1),
    session: () => statuses().at(-1)?.mode?.session ?? '',
    async ask(request: DistributiveOmit<PrivateNotesRequest, 'request'>) {
      const number = nextRequest++;
      ws.send(encodePrivateNotes({ ...request, request: number } as PrivateNotesRequest));
      await waitFor(
        () => messages.some((m) => m.kind === 'answer' && m.request === number),
        `answer ${number}`,
      );
      const answer = messages.find((m) => m.kind === 'answer' && m.request === number) as Answer;
      return answer.ok ? 'ok' : answer.error;
    },
    send: (bytes: Uint8Array) => ws.send(bytes),
    close() {
      ws.close();
      doc.destroy();
    },
  };
}
type Client = Awaited<ReturnType<typeof rawClient>>;

const note = (session: string, id: string, text: string, x = 0): PrivateNoteInput => ({
  session,
  id,
  x,
  y: 0,
  w: 160,
  h: 160,
  color: 'teal',
  text,
  authorName: 'Aino',
  organisation: 'Vantaa',
});

describe('private brainstorm over real sockets', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function server(dataDir = tempDir()): Promise<RunningServer> {
    const running = await startServer(dataDir);
    cleanup.push(() => running.server.close());
    return running;
  }

  /** One raw client per name; a1 and a2 are two tabs of one person (one participant key). */
  async function people<K extends string>(
    running: RunningServer,
    boardId: string,
    tokens: Record<K, string>,
  ): Promise<Record<K, Client>> {
    const clients = {} as Record<K, Client>;
    for (const name of Object.keys(tokens) as K[]) {
      const key = `key-of-${name.replace(/\d+$/, '')}-0123456789`;
      const client = await rawClient(running.wsUrl, boardId, tokens[name], key);
      clients[name] = client;
      cleanup.push(() => client.close());
    }
    return clients;
  }

  it('sends a private note only to its author and (if chosen) facilitators; the reveal shows all at once', async () => {
    const running = await server();
    const board = await createBoardOver(running.url);
    const participant = await linkFor(running.url, board, 'participant');
    const viewer = await linkFor(running.url, board, 'viewer');
    const c = await people(running, board.id, {
      f: board.token,
      a1: participant,
      a2: participant,
      b: participant,
      v: viewer,
    });
    const { f, a1, a2, b, v } = c;
    expect(await f.ask({ kind: 'start', facilitatorsSee: true, hideAuthors: false })).toBe('ok');
    await waitFor(() => b.session() !== '', 'B hears private mode started');
    const s = b.session();
    const secretA = 'Aino ehdottaa kirjastoon iltavuoroja';
    const secretB = 'Bo föreslår en cykelväg längs ån';
    expect(await a1.ask({ kind: 'put', note: note(s, 'noteOfA', secretA) })).toBe('ok');
    expect(await b.ask({ kind: 'put', note: note(s, 'noteOfB', secretB, 50) })).toBe('ok');
    // The count reaches everyone; the note only A's other tab and the facilitator.
    await waitFor(() => v.status()?.count === 2, 'viewer hears the count');
    await waitFor(() => a2.received().includes(secretA), 'A’s other tab gets her note');
    await waitFor(() => f.received().includes(secretB), 'the facilitator sees the notes');
    expect(b.received()).not.toContain(secretA);
    expect(b.received()).not.toContain('noteOfA');
    expect(a1.received()).not.toContain(secretB);
    expect(v.received()).not.toContain(secretA);
    expect(v.received()).not.toContain(secretB);
    // Nor in anyone's document.
    for (const client of [a1, a2, b, v]) expect(readNotes(client.doc)).toHaveLength(0);

    const before = b.docUpdates();
    expect(await f.ask({ kind: 'reveal', session: s })).toBe('ok');
    for (const client of [a1, a2, b, v, f]) {
      await waitFor(() => readNotes(client.doc).length === 2, 'everyone sees both notes');
    }
    // One server transaction: one update, both notes in it.
    expect(b.docUpdates() - before).toBe(1);
    const revealed = readNotes(b.doc);
    expect(revealed.map((n) => n.text).sort()).toEqual([secretA, secretB].sort());
    // Where their authors put them, unless they overlap: B's note moved off A's.
    const ofA = revealed.find((n) => n.text === secretA);
    const ofB = revealed.find((n) => n.text === secretB);
    expect([ofA?.x, ofA?.y, ofA?.authorName]).toEqual([0, 0, 'Aino']);
    expect(
      ofB &&
        ofA &&
        (ofB.x >= ofA.x + ofA.w ||
          ofB.y >= ofA.y + ofA.h ||
          ofB.x + ofB.w <= ofA.x ||
          ofB.y + ofB.h <= ofA.y),
    ).toBe(true);
    expect(b.status()).toMatchObject({ mode: null, count: 0, last: { outcome: 'revealed' } });
  });

  it('keeps private notes from facilitators unless chosen; a discard throws them away', async () => {
    const running = await server();
    const board = await createBoardOver(running.url);
    const participant = await linkFor(running.url, board, 'participant');
    const { f, a } = await people(running, board.id, {
      f: board.token,
      a: participant,
    });
    expect(await f.ask({ kind: 'start', facilitatorsSee: false, hideAuthors: true })).toBe('ok');
    await waitFor(() => a.session() !== '', 'start heard');
    const s = a.session();
    expect(await a.ask({ kind: 'put', note: note(s, 'n1', 'only mine to see') })).toBe('ok');
    await waitFor(() => f.status()?.count === 1, 'the facilitator hears the count');
    expect(f.received()).not.toContain('only mine to see');
    expect(await a.ask({ kind: 'reveal', session: s })).toBe('facilitatorOnly');
    expect(await f.ask({ kind: 'discard', session: s })).toBe('ok');
    await waitFor(() => a.status()?.last?.outcome === 'discarded', 'the discard heard');
    expect(readNotes(f.doc)).toHaveLength(0);
    expect(f.received()).not.toContain('only mine to see');
  });

  it('closes a connection that sends a malformed private-notes frame, or a server message', async () => {
    const running = await server();
    const board = await createBoardOver(running.url);
    const participant = await linkFor(running.url, board, 'participant');
    const { a, b } = await people(running, board.id, {
      a: participant,
      b: participant,
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.privateNotes);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify({ request: 1, note: { id: 'x' } }));
    a.send(encoding.toUint8Array(encoder));
    await waitFor(() => a.closeCode() === 4400, 'closed with 4400');
    b.send(encodePrivateNotes({ kind: 'status', mode: null, count: 5, last: null }));
    await waitFor(() => b.closeCode() === 4400, 'closed with 4400');
  });

  it('keeps private notes through a server restart, and reveals them after it', async () => {
    const dataDir = tempDir();
    const first = await startServer(dataDir);
    const board = await createBoardOver(first.url);
    const participant = await linkFor(first.url, board, 'participant');
    const one = await people(first, board.id, { f: board.token, a: participant });
    expect(await one.f.ask({ kind: 'start', facilitatorsSee: false, hideAuthors: false })).toBe(
      'ok',
    );
    await waitFor(() => one.a.session() !== '', 'start heard');
    const s = one.a.session() ?? '';
    // "ok" comes only after the commit: stopping now must not lose the note.
    expect(await one.a.ask({ kind: 'put', note: note(s, 'kept', 'survives a restart') })).toBe(
      'ok',
    );
    one.a.close();
    one.f.close();
    await first.server.close();

    const second = await server(dataDir);
    const two = await people(second, board.id, { f: board.token, a: participant });
    await waitFor(() => two.a.received().includes('survives a restart') === true, 'her note back');
    expect(two.a.session()).toBe(s);
    expect(two.f.received()).not.toContain('survives a restart');
    expect(await two.f.ask({ kind: 'reveal', session: s })).toBe('ok');
    await waitFor(() => readNotes(two.f.doc).length === 1, 'revealed');
  });
});
