import { CloseCode, createNote, MessageType, readNotes } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loadHttpPolicy } from '../src/config';
import {
  cleanups,
  closedWith,
  connectClient,
  createBoardOver,
  linkFor,
  startInMemory,
  waitFor,
} from './harness';

const cleanup = cleanups();

/** A raw socket that completes the handshake (sends sync step 1) and then only listens. */
function idleSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep1(encoder, new Y.Doc());
      ws.send(encoding.toUint8Array(encoder));
      resolve(ws);
    });
    ws.on('close', (code) => reject(new Error(`closed with ${code}`)));
    ws.on('error', reject);
  });
}

/** Opens a socket and resolves with the code it is closed with. */
function closeCodeOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => {});
    ws.on('close', (code) => resolve(code));
  });
}

describe('connection pools', () => {
  it('500 viewer connections fill the readers’ pool; a facilitator and a participant still join', {
    timeout: 60_000,
  }, async () => {
    // The default pool is 5,000 (README); 500 fill it here just as well, and faster.
    const { url, wsUrl } = await startInMemory(cleanup, { maxReadersPerBoard: 500 });
    const board = await createBoardOver(url);
    const viewer = await linkFor(url, board, 'viewer');
    const viewerUrl = `${wsUrl}/${board.id}?token=${viewer}`;
    const sockets: WebSocket[] = [];
    cleanup.push(() => {
      for (const ws of sockets) ws.terminate();
    });
    for (let i = 0; i < 500; i += 50) {
      sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => idleSocket(viewerUrl)))));
    }
    expect(await closeCodeOf(viewerUrl)).toBe(CloseCode.boardFull);

    const facilitator = connectClient(wsUrl, board.id, { token: board.token });
    const participant = connectClient(wsUrl, board.id, {
      token: await linkFor(url, board, 'participant'),
    });
    cleanup.push(
      () => facilitator.destroy(),
      () => participant.destroy(),
    );
    await Promise.all([facilitator.synced, participant.synced]);
    createNote(facilitator.doc, { x: 1, y: 1, text: 'still here', authorId: 'f', authorName: 'F' });
    await waitFor(() => readNotes(participant.doc).length === 1, 'the note at the participant');
  });

  it('caps sockets per address, facilitators excepted; a trusted proxy tells addresses apart', async () => {
    const { server, url, wsUrl } = await startInMemory(
      cleanup,
      { maxConnectionsPerAddress: 3 },
      { http: loadHttpPolicy({ PAJA_TRUST_PROXY: '1', PAJA_CREATE_PER_HOUR: '1000' }) },
    );
    const board = await createBoardOver(url);
    const viewerUrl = `${wsUrl}/${board.id}?token=${await linkFor(url, board, 'viewer')}`;
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const sockets = await Promise.all(
      [1, 2, 3].map(() => idleSocket(viewerUrl, from('192.0.2.7'))),
    );
    cleanup.push(() => {
      for (const ws of sockets) ws.terminate();
    });
    expect(await closeCodeOf(viewerUrl, from('192.0.2.7'))).toBe(CloseCode.rateLimited);
    sockets.push(await idleSocket(viewerUrl, from('192.0.2.8')));
    sockets.push(await idleSocket(`${wsUrl}/${board.id}?token=${board.token}`, from('192.0.2.7')));
    // A place is free again once a socket closes.
    const first = sockets.shift() as WebSocket;
    const gone = new Promise((resolve) => first.on('close', resolve));
    first.close();
    await gone;
    await waitFor(() => server.connectionCount === 4, 'the server to see the socket closed');
    sockets.push(await idleSocket(viewerUrl, from('192.0.2.7')));
  });
});

describe('links that stop working while their socket is open', () => {
  it('an expired link is closed with its own code within a second, and its edits go nowhere', async () => {
    const { url, wsUrl } = await startInMemory(cleanup);
    const board = await createBoardOver(url);
    const facilitator = connectClient(wsUrl, board.id, { token: board.token });
    cleanup.push(() => facilitator.destroy());
    // Expires at the next full second or the one after.
    const token = await linkFor(url, board, 'participant', { expiresInHours: 1.5 / 3600 });
    const participant = connectClient(wsUrl, board.id, { token });
    cleanup.push(() => participant.destroy());
    await Promise.all([facilitator.synced, participant.synced]);
    const closed = closedWith(participant);
    expect(await closed).toBe(CloseCode.linkExpired);
    createNote(participant.doc, { x: 0, y: 0, text: 'too late', authorId: 'p', authorName: 'P' });
    // The same link is refused at the door now, with the same code.
    expect(await closeCodeOf(`${wsUrl}/${board.id}?token=${token}`)).toBe(CloseCode.linkExpired);
    expect(readNotes(facilitator.doc)).toHaveLength(0);
  });

  it('a revocation made elsewhere (the command line, another instance) closes open sessions', async () => {
    const { url, wsUrl, storage } = await startInMemory(cleanup, { accessCheckMs: 100 });
    const board = await createBoardOver(url);
    const participant = connectClient(wsUrl, board.id, {
      token: await linkFor(url, board, 'participant'),
    });
    const facilitator = connectClient(wsUrl, board.id, { token: board.token });
    cleanup.push(
      () => participant.destroy(),
      () => facilitator.destroy(),
    );
    await Promise.all([participant.synced, facilitator.synced]);
    const closed = closedWith(participant);
    // Straight in storage, as `pnpm paja revoke` does from its own process.
    await storage.revokeLinks(board.id, 'participant');
    expect(await closed).toBe(CloseCode.unauthorized);
    expect(facilitator.provider.wsconnected).toBe(true);
  });
});
