import {
  CloseCode,
  type CommentRequest,
  type CommentResult,
  decodeCommentResult,
  decodeWelcome,
  encodeComment,
  MessageType,
  readBoard,
  setPhase,
  type Welcome,
} from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { boardOnMemoryServer, connectClient, linkFor, type TestClient, waitFor } from './harness';

/** A client that can send comment requests and collects the answers. */
function commenting(client: TestClient) {
  const results: CommentResult[] = [];
  let welcome: Welcome | null = null;
  client.provider.messageHandlers[MessageType.commentResult] = (_e, decoder) => {
    const result = decodeCommentResult(decoder);
    if (!result.ok) throw new Error(result.error.reason);
    results.push(result.value);
  };
  client.provider.messageHandlers[MessageType.welcome] = (_e, decoder) => {
    const decoded = decodeWelcome(decoder);
    if (!decoded.ok) throw new Error(decoded.error.reason);
    welcome = decoded.value;
  };
  client.provider.messageHandlers[MessageType.saved] = () => {};
  return {
    results,
    welcome: () => welcome,
    send(comment: CommentRequest) {
      client.provider.ws?.send(encodeComment(comment));
    },
    /** What a hostile or broken client could send: any JSON at all. */
    sendRaw(body: unknown) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.comment);
      encoding.writeVarString(encoder, JSON.stringify(body));
      client.provider.ws?.send(encoding.toUint8Array(encoder));
    },
  };
}

const idOf = (result: CommentResult | undefined) => (result?.ok ? result.id : '');
const errorOf = (result: CommentResult | undefined) => (result?.ok === false ? result.error : '');

describe('comments through the server', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup() {
    const { server, wsUrl, board, facilitator } = await boardOnMemoryServer(cleanup);
    const join = async (role: string, pk: string) => {
      const client = connectClient(wsUrl, board.id, {
        token: await linkFor(server.url, board, role),
        paja: '1',
        pk,
      });
      cleanup.push(() => client.destroy());
      // Handlers first: `welcome` is the first message the server sends.
      const api = commenting(client);
      await client.synced;
      return { client, api };
    };
    return { server, board, facilitator, join };
  }

  it('a commenter comments and replies; everyone sees it under the commenter’s own id', async () => {
    const { facilitator, join } = await setup();
    const { client: commenter, api } = await join('commenter', 'public-person-key');
    await waitFor(() => api.welcome() !== null, 'welcome');
    api.send({
      request: 1,
      text: 'Lisää pyöräteitä!',
      authorName: 'Kaisa',
      anchor: { kind: 'board' },
    });
    await waitFor(() => api.results.length === 1, 'the answer');
    expect(api.results[0]).toMatchObject({ request: 1, ok: true });
    const threadId = idOf(api.results[0]);
    api.send({ request: 2, text: 'Samaa mieltä', authorName: 'Kaisa', replyTo: threadId });
    await waitFor(
      () => readBoard(facilitator.doc).comments.length === 2,
      'both at the facilitator',
    );
    const comments = readBoard(facilitator.doc).comments;
    for (const comment of comments) {
      expect(comment.authorId).toBe(api.welcome()?.participantId);
      expect(comment.authorName).toBe('Kaisa');
    }
    // The commenter sees its own comments too: the server wrote them and relayed them back.
    await waitFor(() => readBoard(commenter.doc).comments.length === 2, 'at the commenter');
  });

  it('refuses empty or oversized comments, closed commenting, and viewers', async () => {
    const { facilitator, join } = await setup();
    const { client: commenter, api } = await join('commenter', 'key-2');
    api.send({ request: 1, text: '   ', authorName: 'K', anchor: { kind: 'board' } });
    api.send({ request: 2, text: 'x'.repeat(5000), authorName: 'K', anchor: { kind: 'board' } });
    api.sendRaw({ request: 3, text: 'hi', authorName: 'K', anchor: { kind: 'nowhere' } });
    await waitFor(() => api.results.length === 3, 'three answers');
    expect(api.results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(errorOf(api.results[1])).toMatch(/too long/);

    setPhase(facilitator.doc, { comment: false });
    await waitFor(() => readBoard(commenter.doc).meta.phase.comment === false, 'phase closed');
    api.send({ request: 4, text: 'late', authorName: 'K', anchor: { kind: 'board' } });
    await waitFor(() => api.results.length === 4, 'fourth answer');
    expect(errorOf(api.results[3])).toMatch(/closed/);
    expect(readBoard(facilitator.doc).comments).toHaveLength(0);

    const { client: viewer, api: viewerApi } = await join('viewer', 'key-3');
    const closed = new Promise<number>((resolve) => {
      viewer.provider.once('connection-close', (event: { code: number } | null) => {
        viewer.provider.shouldConnect = false;
        resolve(event?.code ?? -1);
      });
    });
    viewerApi.send({ request: 1, text: 'x', authorName: 'V', anchor: { kind: 'board' } });
    expect(await closed).toBe(CloseCode.forbidden);
  });

  it('limits how fast one connection comments', async () => {
    const { join } = await setup();
    const { api } = await join('commenter', 'key-4');
    for (let i = 1; i <= 15; i++) {
      api.send({ request: i, text: `comment ${i}`, authorName: 'K', anchor: { kind: 'board' } });
    }
    await waitFor(() => api.results.length === 15, 'fifteen answers');
    const refused = api.results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(errorOf(refused[0])).toMatch(/too many/);
  });
});
