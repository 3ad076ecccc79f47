import {
  COMMENT_REFUSALS,
  decodeComment,
  decodeCommentAction,
  encodeCommentResult,
  encodeReaderCount,
  MessageType,
  openFrame,
  readBoard,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CommentChannel, CommentClient, mayCommentNow } from './CommentClient';

/** A channel that records what is sent and delivers what the test answers. */
function channel(online = true) {
  const sent: Uint8Array[] = [];
  const handlers = new Map<number, (decoder: decoding.Decoder) => void>();
  const fake: CommentChannel & { sent: Uint8Array[]; receive(frame: Uint8Array): void } = {
    sent,
    handle: (type, handler) => handlers.set(type, handler),
    send(message) {
      if (!online) return false;
      sent.push(message);
      return true;
    },
    receive(frame) {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      handlers.get(type)?.(decoder);
    },
  };
  return fake;
}

const requestOf = (frame: Uint8Array | undefined) => {
  const opened = openFrame(frame ?? new Uint8Array());
  if (!opened.ok) throw new Error('no frame');
  const decoded =
    opened.value.type === MessageType.comment
      ? decodeComment(opened.value.decoder)
      : decodeCommentAction(opened.value.decoder);
  if (!decoded.ok) throw new Error(decoded.error.reason);
  return decoded.value;
};

describe('CommentClient', () => {
  it('asks the server and hears its answer, a refusal as a reason to translate', async () => {
    const wire = channel();
    const client = new CommentClient(new Y.Doc(), wire);
    const first = client.comment({ kind: 'note', note: 'n1' }, 'Hyvä', 'Aino');
    const second = client.support({ kind: 'note', id: 'n1' }, true);
    const [comment, support] = wire.sent.map(requestOf);
    expect(comment).toMatchObject({ text: 'Hyvä', authorName: 'Aino', anchor: { kind: 'note' } });
    expect(support).toMatchObject({ action: 'support', target: { kind: 'note', id: 'n1' } });
    // Answers may come in any order; each resolves its own request.
    wire.receive(
      encodeCommentResult({
        request: support?.request ?? 0,
        ok: false,
        error: COMMENT_REFUSALS.tooFast,
      }),
    );
    wire.receive(encodeCommentResult({ request: comment?.request ?? 0, ok: true, id: 'c1' }));
    // Published at once (the server did not say pending: a moderator need not see it first).
    expect(await first).toEqual({ ok: true, id: 'c1', pending: false });
    expect(await second).toEqual({ ok: false, problem: 'tooFast' });
  });

  it('says offline when nothing can be sent, or when the socket closes before the answer', async () => {
    const client = new CommentClient(new Y.Doc(), channel(false));
    expect(await client.resolve('c1', true)).toEqual({ ok: false, problem: 'offline' });
    const online = new CommentClient(new Y.Doc(), channel());
    const pending = online.reply('c1', 'Samaa mieltä', 'Ben');
    online.connectionLost();
    expect(await pending).toEqual({ ok: false, problem: 'offline' });
  });

  it('keeps the reader count and the document’s comments', () => {
    const wire = channel();
    const doc = new Y.Doc();
    const client = new CommentClient(doc, wire);
    wire.receive(encodeReaderCount(42));
    expect(client.state.get().people).toBe(42);
    expect(client.state.get().comments).toEqual(readBoard(doc).comments);
  });

  it('hides writing from those the server would refuse', () => {
    const open = { ...readBoard(new Y.Doc()).meta.phase, comment: true };
    const closed = { ...open, comment: false };
    const published = { comments: true, publishedAt: 1 };
    expect(mayCommentNow('facilitator', false, closed, null)).toBe(true);
    expect(mayCommentNow('participant', false, open, null)).toBe(true);
    expect(mayCommentNow('participant', false, closed, null)).toBe(false);
    expect(mayCommentNow('viewer', false, open, null)).toBe(false);
    expect(mayCommentNow('commenter', true, open, published)).toBe(true);
    expect(mayCommentNow('commenter', true, open, { ...published, comments: false })).toBe(false);
  });
});
