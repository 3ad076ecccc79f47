import {
  CloseCode,
  createNote,
  decodeWelcome,
  encodeSaveRequest,
  MessageType,
  noteText,
  openFrame,
  readNotes,
  setNotesLocked,
  setPhase,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import {
  awarenessMessage,
  type CreatedBoard,
  closedWith,
  connectClient,
  createBoardOver,
  linkFor,
  testConfig,
  trackSaved,
  waitFor,
} from './harness';

const logLines: string[] = [];

async function start(overrides: Partial<ServerConfig> = {}) {
  const storage = new MemoryStorage();
  const server = new PajaServer(
    testConfig(overrides),
    storage,
    createLogger('debug', (line) => logLines.push(line)),
  );
  const address = await server.listen();
  return { server, storage, url: server.url, wsUrl: `ws://127.0.0.1:${address.port}/sync` };
}

/** Opens a raw socket, optionally sends messages, resolves with the close code. */
function closeCodeOf(url: string, messages: Uint8Array[] = []): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      for (const message of messages) ws.send(message);
    });
    ws.on('close', (code) => resolve(code));
  });
}

describe('roles are enforced by the server', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function boardWithFacilitator(overrides: Partial<ServerConfig> = {}) {
    const running = await start(overrides);
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    const facilitator = connectClient(running.wsUrl, board.id, { token: board.token });
    cleanup.push(() => facilitator.destroy());
    await facilitator.synced;
    return { ...running, board, facilitator };
  }

  it('a viewer reads the board but its edits are refused, never relayed or stored', async () => {
    const { url, wsUrl, board, facilitator, storage } = await boardWithFacilitator();
    createNote(facilitator.doc, {
      x: 1,
      y: 1,
      text: 'from the facilitator',
      authorId: 'f',
      authorName: 'F',
    });
    const viewer = connectClient(wsUrl, board.id, { token: await linkFor(url, board, 'viewer') });
    cleanup.push(() => viewer.destroy());
    await viewer.synced;
    await waitFor(() => readNotes(viewer.doc).length === 1, 'the viewer reads the note');

    const closed = closedWith(viewer);
    createNote(viewer.doc, { x: 2, y: 2, text: 'vandalism', authorId: 'v', authorName: 'V' });
    expect(await closed).toBe(CloseCode.forbidden);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readNotes(facilitator.doc).map((n) => n.text)).toEqual(['from the facilitator']);
    const stored = await storage.loadBoard(board.id);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(readNotes(restored).map((n) => n.text)).toEqual(['from the facilitator']);
  });

  it('a participant edits open notes but is refused on a locked one', async () => {
    const { url, wsUrl, board, facilitator } = await boardWithFacilitator();
    // By default participants edit only their own notes; here they may edit the facilitator's.
    setPhase(facilitator.doc, { editOthers: true });
    const open = createNote(facilitator.doc, {
      x: 0,
      y: 0,
      text: 'open',
      authorId: 'f',
      authorName: 'F',
    });
    const settled = createNote(facilitator.doc, {
      x: 5,
      y: 5,
      text: 'settled',
      authorId: 'f',
      authorName: 'F',
    });
    setNotesLocked(facilitator.doc, [settled], true);
    const participant = connectClient(wsUrl, board.id, {
      token: await linkFor(url, board, 'participant'),
    });
    cleanup.push(() => participant.destroy());
    await participant.synced;
    await waitFor(() => readNotes(participant.doc).length === 2, 'notes at the participant');
    noteText(participant.doc, open)?.insert(4, ' idea');
    await waitFor(
      () => noteText(facilitator.doc, open)?.toString() === 'open idea',
      'edit relayed',
    );

    const closed = closedWith(participant);
    // A hostile client ignores the lock that shared's operations respect.
    const lockedText = participant.doc.getMap<Y.Map<unknown>>('notes').get(settled)?.get('text');
    if (!(lockedText instanceof Y.Text)) throw new Error('the locked note has no text');
    lockedText.insert(0, '!');
    expect(await closed).toBe(CloseCode.changeRefused);
    expect(noteText(facilitator.doc, settled)?.toString()).toBe('settled');
  });

  it('refuses a participant’s values no board holds, and the board goes on for everyone', async () => {
    const { url, wsUrl, board, facilitator } = await boardWithFacilitator();
    setPhase(facilitator.doc, { editOthers: true });
    const open = createNote(facilitator.doc, {
      x: 0,
      y: 0,
      text: 'open',
      authorId: 'f',
      authorName: 'F',
    });
    const join = async () => {
      const client = connectClient(wsUrl, board.id, {
        token: await linkFor(url, board, 'participant'),
      });
      cleanup.push(() => client.destroy());
      await client.synced;
      await waitFor(() => readNotes(client.doc).length === 1, 'the note at the participant');
      return client;
    };
    // A hostile client writes 900,000 characters into a text, then a colour no palette has.
    const hostile = await join();
    let closed = closedWith(hostile);
    noteText(hostile.doc, open)?.insert(0, 'x'.repeat(900_000));
    expect(await closed).toBe(CloseCode.changeRefused);
    const again = await join();
    closed = closedWith(again);
    again.doc.getMap<Y.Map<unknown>>('notes').get(open)?.set('color', 'javascript:alert(1)');
    expect(await closed).toBe(CloseCode.changeRefused);
    expect(readNotes(facilitator.doc).map((n) => [n.text, n.color])).toEqual([['open', 'yellow']]);
    // Another participant's ordinary edit still goes through to everyone.
    const pekka = await join();
    noteText(pekka.doc, open)?.insert(4, ' idea');
    await waitFor(
      () => noteText(facilitator.doc, open)?.toString() === 'open idea',
      'the ordinary edit relayed',
    );
  });

  it('a commenter cannot edit the board through sync either', async () => {
    const { url, wsUrl, board, facilitator } = await boardWithFacilitator();
    const commenter = connectClient(wsUrl, board.id, {
      token: await linkFor(url, board, 'commenter'),
    });
    cleanup.push(() => commenter.destroy());
    await commenter.synced;
    const closed = closedWith(commenter);
    createNote(commenter.doc, { x: 2, y: 2, authorId: 'c', authorName: 'C' });
    expect(await closed).toBe(CloseCode.forbidden);
    expect(readNotes(facilitator.doc)).toHaveLength(0);
  });

  it('refuses sockets without a token, with a forged or expired one', async () => {
    const { url, wsUrl, board } = await boardWithFacilitator();
    expect(await closeCodeOf(`${wsUrl}/${board.id}`)).toBe(CloseCode.unauthorized);
    const forged = `${board.token.split('.')[0]}.AAAA`;
    expect(await closeCodeOf(`${wsUrl}/${board.id}?token=${forged}`)).toBe(CloseCode.unauthorized);
    const shortLived = await linkFor(url, board, 'participant', { expiresInHours: 1 / 3600 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await closeCodeOf(`${wsUrl}/${board.id}?token=${shortLived}`)).toBe(
      CloseCode.linkExpired,
    );
  });

  it('revoking a role closes its sessions and stops its links; other roles go on', async () => {
    const { url, wsUrl, board, facilitator } = await boardWithFacilitator();
    const participantToken = await linkFor(url, board, 'participant');
    const participant = connectClient(wsUrl, board.id, { token: participantToken });
    cleanup.push(() => participant.destroy());
    await participant.synced;
    const closed = closedWith(participant);

    const response = await fetch(`${url}/api/boards/${board.id}/links/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.token}` },
      body: JSON.stringify({ role: 'participant' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { closedConnections: number }).closedConnections).toBe(1);
    expect(await closed).toBe(CloseCode.unauthorized);
    expect(await closeCodeOf(`${wsUrl}/${board.id}?token=${participantToken}`)).toBe(
      CloseCode.unauthorized,
    );
    // A new participant link works; the facilitator was never disconnected.
    const fresh = await linkFor(url, board, 'participant');
    const again = connectClient(wsUrl, board.id, { token: fresh });
    cleanup.push(() => again.destroy());
    await again.synced;
    expect(facilitator.provider.wsconnected).toBe(true);
  });

  it('only a facilitator mints or revokes links', async () => {
    const { url, board } = await boardWithFacilitator();
    const participant: CreatedBoard = {
      ...board,
      token: await linkFor(url, board, 'participant'),
    };
    await expect(linkFor(url, participant, 'facilitator')).rejects.toThrow(/403/);
    const revoke = await fetch(`${url}/api/boards/${board.id}/links/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${participant.token}` },
      body: JSON.stringify({ role: 'facilitator' }),
    });
    expect(revoke.status).toBe(403);
    const badRole = await fetch(`${url}/api/boards/${board.id}/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.token}` },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(badRole.status).toBe(400);
  });

  it('a participant cannot take over another participant’s identity or awareness', async () => {
    const { url, wsUrl, board, server } = await boardWithFacilitator();
    const awarenessOf = (clientId: number) =>
      server.rooms.loaded(board.id)?.awareness.getStates().get(clientId) as
        | { user?: { name?: string } }
        | undefined;
    const token = await linkFor(url, board, 'participant');
    const welcome = await new Promise<{ participantId: string }>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${board.id}?token=${token}&paja=1&pk=alice-secret-key`);
      ws.on('message', (data: Buffer) => {
        const frame = openFrame(new Uint8Array(data));
        if (!frame.ok || frame.value.type !== MessageType.welcome) return;
        const welcome = decodeWelcome(frame.value.decoder);
        ws.close();
        if (welcome.ok) resolve(welcome.value);
      });
    });
    expect(welcome.participantId).toMatch(/^[\w-]{16}$/);
    const doc = new Y.Doc();
    const impostor = `${wsUrl}/${board.id}?token=${token}&pk=mallory-key`;
    // Setting the awareness of a client id another connection owns is ignored, not applied.
    const alice = connectClient(wsUrl, board.id, { token, pk: 'alice-secret-key' });
    cleanup.push(() => alice.destroy());
    await alice.synced;
    alice.provider.awareness.setLocalStateField('user', {
      id: welcome.participantId,
      name: 'Alice',
    });
    await waitFor(
      () => awarenessOf(alice.doc.clientID)?.user?.name === 'Alice',
      "Alice's awareness at the server",
    );
    const hijack = new Y.Doc();
    hijack.clientID = alice.doc.clientID;
    const mallory = new WebSocket(impostor);
    await new Promise((resolve) => mallory.on('open', resolve));
    mallory.send(awarenessMessage(hijack, { user: { id: 'whatever', name: 'Not Alice' } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(awarenessOf(alice.doc.clientID)?.user?.name).toBe('Alice');
    expect(mallory.readyState).toBe(WebSocket.OPEN);
    mallory.close();

    expect(
      await closeCodeOf(impostor, [
        awarenessMessage(doc, { user: { id: welcome.participantId, name: 'Alice' } }),
      ]),
    ).toBe(CloseCode.badAwareness);
    expect(
      await closeCodeOf(impostor, [awarenessMessage(doc, { user: { name: 'x'.repeat(20_000) } })]),
    ).toBe(CloseCode.badAwareness);
  });

  it('never writes a token into the logs', async () => {
    const { url, wsUrl, board } = await boardWithFacilitator();
    const viewerToken = await linkFor(url, board, 'viewer');
    await closeCodeOf(`${wsUrl}/${board.id}?token=${viewerToken}`, [new Uint8Array([9])]);
    await closeCodeOf(`${wsUrl}/${board.id}?token=${viewerToken}x`);
    await fetch(`${url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.token}garbage` },
    });
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.toContain(viewerToken);
    expect(all).not.toContain(board.token);
  });
});

describe('limits', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('refuses connections past the per-board maximum', async () => {
    const running = await start({ limits: { ...testConfig().limits, maxFacilitatorsPerBoard: 2 } });
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    const a = connectClient(running.wsUrl, board.id, { token: board.token });
    const b = connectClient(running.wsUrl, board.id, { token: board.token });
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([a.synced, b.synced]);
    expect(await closeCodeOf(`${running.wsUrl}/${board.id}?token=${board.token}`)).toBe(
      CloseCode.boardFull,
    );
  });

  it('closes a socket that never starts the handshake', async () => {
    const running = await start({ limits: { ...testConfig().limits, handshakeTimeoutMs: 100 } });
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    // A raw socket that sends nothing.
    expect(await closeCodeOf(`${running.wsUrl}/${board.id}?token=${board.token}`)).toBe(
      CloseCode.handshakeTimeout,
    );
  });

  it('slows a connection that floods updates down, and refuses none of them', async () => {
    // Closing it would stop a stock client for good with its edits unsent (y-websocket gives up
    // after any close in 4400-4499): the server reads that socket more slowly instead.
    const running = await start({ limits: { ...testConfig().limits, updatesPerSecond: 25 } });
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    const client = connectClient(running.wsUrl, board.id, { token: board.token });
    const watcher = connectClient(running.wsUrl, board.id, { token: board.token });
    cleanup.push(
      () => client.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([client.synced, watcher.synced]);
    let closes = 0;
    client.provider.on('connection-close', () => closes++);
    for (let i = 0; i < 120; i++) {
      createNote(client.doc, { x: i, y: 0, authorId: 'a', authorName: 'A' });
    }
    await waitFor(() => readNotes(watcher.doc).length === 120, 'every note at the watcher', 20_000);
    expect(closes).toBe(0);
  });

  it('answers a save request sent behind waiting updates only once they are in', async () => {
    // A connection handles messages as they come until an update must wait for the rate; from
    // then on everything waits in order behind it, a save request too (Connection's inbox).
    const running = await start({ limits: { ...testConfig().limits, updatesPerSecond: 25 } });
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    const client = connectClient(running.wsUrl, board.id, { token: board.token, paja: '1' });
    cleanup.push(() => client.destroy());
    const saved = trackSaved(client);
    await client.synced;
    const doc = running.server.rooms.loaded(board.id)?.doc as Y.Doc;
    let notesWhenSaved = -1;
    const onSaved = client.provider.messageHandlers[MessageType.saved];
    client.provider.messageHandlers[MessageType.saved] = (...args) => {
      onSaved?.(...args);
      if (saved.marker() === 1 && notesWhenSaved < 0) notesWhenSaved = readNotes(doc).length;
    };
    const sentAt = performance.now();
    for (let i = 0; i < 120; i++) {
      createNote(client.doc, { x: i, y: 0, authorId: 'a', authorName: 'A' });
    }
    client.provider.ws?.send(encodeSaveRequest(1));
    await waitFor(() => saved.marker() === 1, 'saved for the request', 20_000);
    expect(notesWhenSaved).toBe(120);
    // 25 a second after a burst of 50: the other 70 cannot have gone in sooner than 2.8 s.
    expect(performance.now() - sentAt).toBeGreaterThan(2_500);
  });

  it('refuses updates that would grow a board past its size limit', async () => {
    const running = await start({ limits: { ...testConfig().limits, maxBoardBytes: 4096 } });
    cleanup.push(() => running.server.close());
    const board = await createBoardOver(running.url);
    const client = connectClient(running.wsUrl, board.id, { token: board.token });
    cleanup.push(() => client.destroy());
    await client.synced;
    const closed = closedWith(client);
    createNote(client.doc, { x: 0, y: 0, text: 'x'.repeat(3900), authorId: 'a', authorName: 'A' });
    createNote(client.doc, { x: 0, y: 0, text: 'y'.repeat(3900), authorId: 'a', authorName: 'A' });
    expect(await closed).toBe(CloseCode.boardTooLarge);
  });
});
