import {
  CloseCode,
  type CommentAction,
  type CommentResult,
  createNote,
  decodeCommentResult,
  decodeReaderCount,
  encodeComment,
  encodeCommentAction,
  MessageType,
  openFrame,
  readBoard,
  readPublication,
  readSupports,
  supportCount,
} from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  awarenessMessage,
  boardOnMemoryServer,
  type CreatedBoard,
  closedWith,
  connectClient,
  linkFor,
  type TestClient,
  waitFor,
} from './harness';

/**
 * A raw socket that records every frame the server sent it: what another person's browser
 * would receive, byte for byte. It answers the handshake like a read-only client.
 */
function rawPerson(url: string) {
  const frames: Uint8Array[] = [];
  const ws = new WebSocket(url);
  const doc = new Y.Doc();
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  let closeCode: number | null = null;
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on('close', (code) => {
    closeCode = code;
  });
  void opened.then(() => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
  });
  const ofType = (type: number) =>
    frames.flatMap((frame) => {
      const opened = openFrame(frame);
      return opened.ok && opened.value.type === type ? [opened.value.decoder] : [];
    });
  return {
    ws,
    opened,
    frames,
    closeCode: () => closeCode,
    /** Every reader count this person heard, in order. */
    counts: () =>
      ofType(MessageType.readerCount).map((decoder) => {
        const count = decodeReaderCount(decoder);
        if (!count.ok) throw new Error(count.error.reason);
        return count.value;
      }),
    /** Whether any byte received contains `text` (UTF-8). */
    received: (text: string) =>
      frames.some((frame) => Buffer.from(frame).includes(Buffer.from(text, 'utf8'))),
    /** Sends this person's own awareness state (a cursor), as a browser would. */
    sendAwareness(state: Record<string, unknown>) {
      ws.send(awarenessMessage(doc, state));
    },
    close: () => ws.close(),
  };
}

/** Listens for comment results on a stock client and sends comments and actions. */
function answers(client: TestClient) {
  const results: CommentResult[] = [];
  client.provider.messageHandlers[MessageType.commentResult] = (_e, decoder) => {
    const result = decodeCommentResult(decoder);
    if (!result.ok) throw new Error(result.error.reason);
    results.push(result.value);
  };
  for (const type of [MessageType.welcome, MessageType.saved, MessageType.readerCount]) {
    client.provider.messageHandlers[type] = () => {};
  }
  return {
    results,
    act(action: CommentAction) {
      client.provider.ws?.send(encodeCommentAction(action));
    },
    comment(request: number, text: string) {
      client.provider.ws?.send(
        encodeComment({ request, text, authorName: 'Anonymous', anchor: { kind: 'board' } }),
      );
    },
  };
}

describe('publishing a board to the public', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup() {
    const { server, wsUrl, board, facilitator } = await boardOnMemoryServer(cleanup);
    const connect = (params: Record<string, string>) => {
      const client = connectClient(wsUrl, board.id, { paja: '1', ...params });
      cleanup.push(() => client.destroy());
      const api = answers(client);
      return { client, api };
    };
    const publicUrl = (pk: string) => `${wsUrl}/${board.id}?public=1&paja=1&pk=${pk}`;
    const raw = (url: string) => {
      const person = rawPerson(url);
      cleanup.push(() => person.close());
      return person;
    };
    return { server, url: server.url, wsUrl, board, facilitator, connect, publicUrl, raw };
  }

  const post = (url: string, board: CreatedBoard, path: string, body: unknown, token?: string) =>
    fetch(`${url}/api/boards/${board.id}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token ?? board.token}` },
      body: JSON.stringify(body),
    });

  it('publishes and unpublishes: only a facilitator, and the public address follows', async () => {
    const { url, board, facilitator } = await setup();
    const publicInfo = () => fetch(`${url}/api/public/${board.id}`);
    expect((await publicInfo()).status).toBe(410);
    expect((await fetch(`${url}/api/public/nosuchboard123`)).status).toBe(404);

    const participant = await linkFor(url, board, 'participant');
    expect((await post(url, board, 'publish', {}, participant)).status).toBe(403);
    expect((await post(url, board, 'publish', { comments: 'yes' })).status).toBe(400);

    const published = await post(url, board, 'publish', { comments: true, freeze: true });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({
      published: true,
      comments: true,
      path: `/p/${board.id}`,
    });
    // One server transaction: publication and frozen phase reach the facilitator together.
    await waitFor(() => readPublication(facilitator.doc) !== null, 'publication at facilitator');
    expect(readBoard(facilitator.doc).meta.phase.frozen).toBe(true);
    const info = await publicInfo();
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ id: board.id, title: 'Test board', comments: true });

    // Published again without `freeze`: the phase stays as it is; `freeze: false` unfreezes.
    expect((await post(url, board, 'publish', { comments: false })).status).toBe(200);
    await waitFor(() => readPublication(facilitator.doc)?.comments === false, 'comments off');
    expect(readBoard(facilitator.doc).meta.phase.frozen).toBe(true);
    expect((await post(url, board, 'publish', { comments: true, freeze: 'no' })).status).toBe(400);
    expect((await post(url, board, 'publish', { comments: true, freeze: false })).status).toBe(200);
    await waitFor(() => !readBoard(facilitator.doc).meta.phase.frozen, 'unfrozen');
    expect(readPublication(facilitator.doc)?.comments).toBe(true);

    expect((await post(url, board, 'unpublish', {}, participant)).status).toBe(403);
    expect((await post(url, board, 'unpublish', {})).status).toBe(200);
    expect((await publicInfo()).status).toBe(410);
  });

  it('the public reads without a token, read-only, commenting only when allowed', async () => {
    const { url, board, facilitator, connect, publicUrl, raw } = await setup();
    // Not published: refused with its own code, before any byte of the board.
    const early = raw(publicUrl('early'));
    await waitFor(() => early.closeCode() !== null, 'refusal');
    expect(early.closeCode()).toBe(CloseCode.unpublished);
    expect(early.frames).toHaveLength(0);

    createNote(facilitator.doc, {
      text: 'Pyöräteitä lisää',
      x: 0,
      y: 0,
      authorId: 'f',
      authorName: 'F',
    });
    await post(url, board, 'publish', { comments: false });
    const reader = connect({ public: '1', pk: 'reader-key' });
    await reader.client.synced;
    await waitFor(() => readBoard(reader.client.doc).notes.length === 1, 'the note');

    // Comments are off: a readable refusal, nothing written.
    reader.api.comment(1, 'Hyvä idea');
    await waitFor(() => reader.api.results.length === 1, 'answer');
    expect(reader.api.results[0]).toMatchObject({
      ok: false,
      error: 'the public may not comment on this board',
    });

    // An edit from the public closes the connection and never reaches the board.
    const closed = closedWith(reader.client);
    reader.client.doc.getMap('notes').set('forged', new Y.Map());
    expect(await closed).toBe(CloseCode.forbidden);
    expect(readBoard(facilitator.doc).notes).toHaveLength(1);

    await post(url, board, 'publish', { comments: true });
    const commenter = connect({ public: '1', pk: 'commenter-key' });
    await commenter.client.synced;
    await waitFor(() => readPublication(commenter.client.doc)?.comments === true, 'publication');
    commenter.api.comment(1, 'Hyvä idea');
    await waitFor(() => readBoard(facilitator.doc).comments.length === 1, 'the comment');
    expect(commenter.api.results[0]).toMatchObject({ ok: true });
  });

  it('unpublishing closes public sessions with 4411, not the workshop’s', async () => {
    const { url, board, connect, publicUrl, raw } = await setup();
    await post(url, board, 'publish', { comments: true });
    const reader = raw(publicUrl('reader'));
    await reader.opened;
    const participant = connect({ token: await linkFor(url, board, 'participant') });
    await participant.client.synced;
    // Revoking commenter links does not touch the public: they hold no link.
    await post(url, board, 'links/revoke', { role: 'commenter' });
    await post(url, board, 'unpublish', {});
    await waitFor(() => reader.closeCode() !== null, 'public session closed');
    expect(reader.closeCode()).toBe(CloseCode.unpublished);
    expect(participant.client.provider.wsconnected).toBe(true);
    const again = raw(publicUrl('again'));
    await waitFor(() => again.closeCode() !== null, 'refused');
    expect(again.closeCode()).toBe(CloseCode.unpublished);
  });

  it('one support per person per item, whatever the requests say; facilitators resolve', async () => {
    const { url, board, facilitator, connect } = await setup();
    const note = createNote(facilitator.doc, {
      text: 'Tuki',
      x: 0,
      y: 0,
      authorId: 'f',
      authorName: 'F',
    });
    await post(url, board, 'publish', { comments: true });
    const alice = connect({ public: '1', pk: 'alice-key' });
    await alice.client.synced;
    const target = { kind: 'note', id: note } as const;
    for (let request = 1; request <= 3; request++) {
      alice.api.act({ request, action: 'support', target });
    }
    await waitFor(() => alice.api.results.length === 3, 'answers');
    expect(alice.api.results.every((r) => r.ok)).toBe(true);
    // Again from a new connection of the same browser (same key): still one.
    alice.client.destroy();
    const again = connect({ public: '1', pk: 'alice-key' });
    await again.client.synced;
    again.api.act({ request: 1, action: 'support', target });
    await waitFor(() => again.api.results.length === 1, 'answer');
    const bob = connect({ token: await linkFor(url, board, 'participant'), pk: 'bob-key' });
    await bob.client.synced;
    bob.api.act({ request: 1, action: 'support', target });
    await waitFor(
      () => supportCount(readSupports(facilitator.doc), target) === 2,
      'two supports at the facilitator',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supportCount(readSupports(facilitator.doc), target)).toBe(2);

    bob.api.act({ request: 2, action: 'unsupport', target });
    await waitFor(() => supportCount(readSupports(facilitator.doc), target) === 1, 'taken back');

    // A note that does not exist, and a comment thread resolved by a participant: refused.
    bob.api.act({ request: 3, action: 'support', target: { kind: 'note', id: 'missing' } });
    again.api.comment(2, 'Kommentti');
    await waitFor(() => readBoard(facilitator.doc).comments.length === 1, 'the comment');
    const comment = readBoard(facilitator.doc).comments[0]?.id ?? '';
    bob.api.act({ request: 4, action: 'resolve', target: { kind: 'comment', id: comment } });
    await waitFor(() => bob.api.results.length === 4, 'answers');
    expect(bob.api.results[2]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no longer/),
    });
    expect(bob.api.results[3]).toMatchObject({
      ok: false,
      error: 'only a facilitator can do that',
    });

    const lead = connect({ token: board.token, pk: 'lead-key' });
    await lead.client.synced;
    lead.api.act({ request: 1, action: 'resolve', target: { kind: 'comment', id: comment } });
    await waitFor(() => readBoard(bob.client.doc).comments[0]?.resolved === true, 'resolved');

    // Nobody writes supports through sync: the edit guard refuses a participant's forgery.
    const closed = closedWith(bob.client);
    bob.client.doc.getMap('supports').set(`note:${note}:someone-else`, 1);
    expect(await closed).toBe(CloseCode.changeRefused);
  });

  it('drops readers’ and commenters’ awareness: no other socket receives their cursor', async () => {
    const { url, board, publicUrl, raw } = await setup();
    await post(url, board, 'publish', { comments: true });
    const viewerToken = await linkFor(url, board, 'viewer');
    const commenterToken = await linkFor(url, board, 'commenter');
    const participantToken = await linkFor(url, board, 'participant');
    const wsBase = publicUrl('x').split('?')[0];
    const watcher = raw(`${wsBase}?token=${participantToken}&paja=1&pk=watcher-key`);
    await watcher.opened;
    const senders = [
      raw(`${wsBase}?token=${viewerToken}&paja=1&pk=viewer-key`),
      raw(`${wsBase}?token=${commenterToken}&paja=1&pk=commenter-key`),
      raw(publicUrl('public-key')),
    ];
    const names = ['Viewer Secret Cursor', 'Commenter Secret Cursor', 'Public Secret Cursor'];
    for (const [i, sender] of senders.entries()) {
      await sender.opened;
      sender.sendAwareness({ user: { name: names[i] }, cursor: { x: 1, y: 2 } });
    }
    // A participant's cursor does travel: once it has arrived, the others would have too.
    const participant = raw(`${wsBase}?token=${participantToken}&paja=1&pk=part-key`);
    await participant.opened;
    participant.sendAwareness({ user: { name: 'Participant Cursor' }, cursor: { x: 3, y: 4 } });
    await waitFor(() => watcher.received('Participant Cursor'), 'the participant’s cursor');
    for (const name of names) expect(watcher.received(name)).toBe(false);
    for (const sender of senders) expect(sender.closeCode()).toBeNull();
  });

  it('tells everyone how many people are on the board, not who', async () => {
    const { url, board, publicUrl, raw } = await setup();
    await post(url, board, 'publish', {});
    const first = raw(publicUrl('first'));
    await waitFor(() => first.counts().includes(2), 'first count (facilitator and reader)');
    const others = ['a', 'b', 'c'].map((key) => raw(publicUrl(`reader-${key}`)));
    // The same person in a second tab is one person.
    raw(publicUrl('reader-a'));
    await waitFor(() => first.counts().at(-1) === 5, 'five people');
    for (const other of others) await waitFor(() => other.counts().at(-1) === 5, 'their count');
    others[0]?.close();
    await waitFor(() => first.counts().at(-1) === 5, 'still five (reader-a has another tab)');
    others[1]?.close();
    await waitFor(() => first.counts().at(-1) === 4, 'four people');
  });
});
