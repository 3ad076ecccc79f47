import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { type CommentAction, decodeCommentAction, encodeCommentAction } from './commentAction';
import { decodeFrame } from './decode';
import { MessageType } from './messageType';
import { decodeReaderCount, encodeReaderCount } from './readerCount';

const json = (type: number, value: unknown) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, JSON.stringify(value));
  return encoding.toUint8Array(encoder);
};
const action = (frame: Uint8Array) =>
  decodeFrame(frame, MessageType.commentAction, decodeCommentAction);
const withTrailingByte = (bytes: Uint8Array) => Uint8Array.from([...bytes, 0]);

describe('comment action (112)', () => {
  it('round-trips every action', () => {
    const actions: CommentAction[] = [
      { request: 1, action: 'support', target: { kind: 'note', id: 'n1' } },
      { request: 2, action: 'unsupport', target: { kind: 'comment', id: 'c1' } },
      { request: 3, action: 'resolve', target: { kind: 'comment', id: 'c1' } },
      { request: 4, action: 'reopen', target: { kind: 'comment', id: 'c1' } },
    ];
    for (const value of actions) {
      expect(action(encodeCommentAction(value))).toEqual({ ok: true, value });
    }
  });

  it('refuses trailing bytes and unknown fields, closing (no request number) or answering', () => {
    const good = encodeCommentAction({
      request: 1,
      action: 'support',
      target: { kind: 'note', id: 'n' },
    });
    expect(action(withTrailingByte(good)).ok).toBe(false);
    const type = MessageType.commentAction;
    const target = { kind: 'note', id: 'n' };
    const noRequest = action(json(type, { action: 'support', target }));
    expect(noRequest.ok === false && 'request' in noRequest.error).toBe(false);
    const extra = action(json(type, { request: 1, action: 'support', target, by: 'x' }));
    expect(extra.ok).toBe(false);
    const refusals = [
      { request: 5, action: 'delete', target },
      { request: 5, action: 'support', target: { kind: 'cluster', id: 'c' } },
      { request: 5, action: 'support', target: { kind: 'note', id: 'a:b' } },
      { request: 5, action: 'support', target: { kind: 'note', id: 'n', extra: 1 } },
      { request: 5, action: 'support', target: 'n' },
      { request: 5, action: 'resolve', target },
    ];
    for (const body of refusals) {
      expect(action(json(type, body))).toMatchObject({ ok: false, error: { request: 5 } });
    }
  });
});

describe('reader count (111)', () => {
  it('round-trips and refuses trailing bytes', () => {
    const read = (frame: Uint8Array) =>
      decodeFrame(frame, MessageType.readerCount, decodeReaderCount);
    expect(read(encodeReaderCount(5000))).toEqual({ ok: true, value: 5000 });
    expect(read(withTrailingByte(encodeReaderCount(1))).ok).toBe(false);
  });
});
