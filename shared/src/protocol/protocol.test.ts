import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../schema';
import {
  type CommentRequest,
  type CommentResult,
  decodeComment,
  decodeCommentResult,
  encodeComment,
  encodeCommentResult,
} from './comment';
import { type Decoded, type DecodeError, openFrame } from './decode';
import { PROTOCOL_VERSION, speaksClientVersion } from './handshake';
import { MessageType, ReservedMessageType } from './messageType';
import { decodeSaved, decodeSaveRequest, encodeSaved, encodeSaveRequest } from './save';
import { decodeWelcome, encodeWelcome, speaksVersions, type Welcome } from './welcome';

type Decoder<T, E extends DecodeError> = (decoder: decoding.Decoder) => Decoded<T, E>;

/** Opens a whole frame, checks its type and decodes the payload. */
function read<T, E extends DecodeError>(frame: Uint8Array, type: number, decode: Decoder<T, E>) {
  const opened = openFrame(frame);
  if (!opened.ok) throw new Error(opened.error.reason);
  expect(opened.value.type).toBe(type);
  return decode(opened.value.decoder);
}

/** A frame of `type` whose payload the callback writes by hand: what a hostile peer sends. */
function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const json = (type: number, value: unknown) =>
  frame(type, (e) => encoding.writeVarString(e, JSON.stringify(value)));

const withTrailingByte = (bytes: Uint8Array) => Uint8Array.from([...bytes, 0]);

function reasonOf<T>(result: Decoded<T, { reason: string }>): string {
  if (result.ok) throw new Error('expected a decode failure');
  return result.error.reason;
}

describe('message-type registry', () => {
  it('gives every message and every reserved family its own number', () => {
    const numbers = [...Object.values(MessageType), ...Object.values(ReservedMessageType)];
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of Object.values(ReservedMessageType)) expect(n).toBeGreaterThanOrEqual(100);
  });
});

describe('welcome', () => {
  const welcome: Welcome = {
    participantId: 'p-123',
    role: 'participant',
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: SCHEMA_VERSION,
  };

  it('round-trips', () => {
    expect(read(encodeWelcome(welcome), MessageType.welcome, decodeWelcome)).toEqual({
      ok: true,
      value: welcome,
    });
  });

  it('rejects trailing bytes and malformed fields', () => {
    const bad = (value: unknown) => reasonOf(read(value as Uint8Array, 101, decodeWelcome));
    expect(bad(withTrailingByte(encodeWelcome(welcome)))).toMatch(/trailing/);
    expect(bad(frame(101, () => {}))).toMatch(/cut short/);
    expect(bad(frame(101, (e) => encoding.writeVarString(e, '{')))).toMatch(/not JSON/);
    expect(bad(json(101, [1]))).toMatch(/not a JSON object/);
    expect(bad(json(101, { ...welcome, participantId: '' }))).toMatch(/participantId/);
    expect(bad(json(101, { ...welcome, role: 'king' }))).toMatch(/role/);
    expect(bad(json(101, { ...welcome, protocolVersion: 1.5 }))).toMatch(/versions/);
    expect(bad(json(101, { ...welcome, schemaVersion: '2' }))).toMatch(/versions/);
    expect(bad(json(101, { ...welcome, extra: true }))).toMatch(/unknown field extra/);
    const { schemaVersion: _, ...withoutSchema } = welcome;
    expect(bad(json(101, withoutSchema))).toMatch(/missing field schemaVersion/);
  });

  it('speaks only this build’s versions', () => {
    expect(speaksVersions(welcome)).toBe(true);
    expect(speaksVersions({ ...welcome, protocolVersion: PROTOCOL_VERSION + 1 })).toBe(false);
    expect(speaksVersions({ ...welcome, schemaVersion: SCHEMA_VERSION + 1 })).toBe(false);
    expect(speaksVersions({ ...welcome, schemaVersion: SCHEMA_VERSION - 1 })).toBe(false);
  });

  it('the server takes Paja clients of its protocol version, and those from before `v`', () => {
    expect(speaksClientVersion(String(PROTOCOL_VERSION))).toBe(true);
    expect(speaksClientVersion(null)).toBe(PROTOCOL_VERSION === 1);
    expect(speaksClientVersion(String(PROTOCOL_VERSION + 1))).toBe(false);
    expect(speaksClientVersion('banana')).toBe(false);
  });
});

describe('saved and saveRequest', () => {
  it('round-trip', () => {
    const saved = {
      marker: 42,
      clocks: [
        [1, 10],
        [2 ** 32 + 5, 0],
      ] as Array<[number, number]>,
    };
    expect(read(encodeSaved(saved), MessageType.saved, decodeSaved)).toEqual({
      ok: true,
      value: saved,
    });
    expect(read(encodeSaved({ marker: 0, clocks: [] }), 100, decodeSaved)).toEqual({
      ok: true,
      value: { marker: 0, clocks: [] },
    });
    expect(read(encodeSaveRequest(7), MessageType.saveRequest, decodeSaveRequest)).toEqual({
      ok: true,
      value: 7,
    });
  });

  it('reject trailing bytes and malformed fields', () => {
    const saved = encodeSaved({ marker: 1, clocks: [[3, 300]] });
    expect(reasonOf(read(withTrailingByte(saved), 100, decodeSaved))).toMatch(/trailing/);
    expect(reasonOf(read(saved.slice(0, -1), 100, decodeSaved))).toMatch(/cut short/);
    // A count of a billion pairs in a six-byte frame is refused before any looping.
    const liar = frame(100, (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1e9);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1);
    });
    expect(reasonOf(read(liar, 100, decodeSaved))).toMatch(/more pairs/);
    const request = encodeSaveRequest(3);
    expect(reasonOf(read(withTrailingByte(request), 102, decodeSaveRequest))).toMatch(/trailing/);
    expect(
      reasonOf(
        read(
          frame(102, () => {}),
          102,
          decodeSaveRequest,
        ),
      ),
    ).toMatch(/cut short/);
    // A varUint longer than 53 bits is out of range.
    const huge = frame(102, (e) => {
      for (let i = 0; i < 9; i++) encoding.writeUint8(e, 0xff);
      encoding.writeUint8(e, 0x01);
    });
    expect(reasonOf(read(huge, 102, decodeSaveRequest))).toMatch(/out of range/);
  });
});

describe('comment and commentResult', () => {
  const requests: CommentRequest[] = [
    { request: 1, text: 'Lisää pyöräteitä', authorName: 'Kaisa', anchor: { kind: 'board' } },
    {
      request: 2,
      text: 'x',
      authorName: 'K',
      anchor: { kind: 'cell', lane: 'l1', period: 'p1' },
    },
    { request: 3, text: 'Samaa mieltä', authorName: 'K', replyTo: 'c-1' },
  ];
  const results: CommentResult[] = [
    { request: 1, ok: true, id: 'c-1' },
    { request: 2, ok: false, error: 'commenting is closed' },
    { request: 3, ok: true, id: 'c-2', pending: true },
  ];

  it('round-trip', () => {
    for (const request of requests) {
      expect(read(encodeComment(request), MessageType.comment, decodeComment)).toEqual({
        ok: true,
        value: request,
      });
    }
    for (const result of results) {
      expect(
        read(encodeCommentResult(result), MessageType.commentResult, decodeCommentResult),
      ).toEqual({ ok: true, value: result });
    }
  });

  it('reject trailing bytes', () => {
    const comment = withTrailingByte(encodeComment(requests[0] as CommentRequest));
    expect(reasonOf(read(comment, 103, decodeComment))).toMatch(/trailing/);
    const result = withTrailingByte(encodeCommentResult(results[0] as CommentResult));
    expect(reasonOf(read(result, 104, decodeCommentResult))).toMatch(/trailing/);
  });

  it('refuse malformed comment fields, keeping the request number when it is readable', () => {
    const decode = (value: unknown) => read(json(103, value), 103, decodeComment);
    const base = { request: 5, text: 't', authorName: 'a' };
    // Without a request number nothing can be answered: the whole frame is malformed.
    for (const value of [{ text: 't' }, { ...base, request: 'x' }, [5], 'hi']) {
      const result = decode(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.request).toBeUndefined();
    }
    for (const [value, reason] of [
      [{ ...base, text: 3, anchor: { kind: 'board' } }, /strings/],
      [{ ...base, anchor: { kind: 'nowhere' } }, /anchor kind/],
      [base, /anchor is not an object/],
      [{ ...base, anchor: { kind: 'board' }, replyTo: 'c-1' }, /not both/],
      [{ ...base, replyTo: 7 }, /replyTo/],
    ] as const) {
      const result = decode(value);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.request).toBe(5);
        expect(result.error.reason).toMatch(reason);
      }
    }
    expect(reasonOf(decode({ ...base, anchor: { kind: 'board' }, authorId: 'x' }))).toMatch(
      /unknown field authorId/,
    );
  });

  it('refuse malformed results', () => {
    const decode = (value: unknown) => read(json(104, value), 104, decodeCommentResult);
    for (const value of [
      { request: 1, ok: true },
      { request: 1, ok: false, id: 'c' },
      { request: 1, ok: true, id: 'c', error: 'e' },
      { request: '1', ok: true, id: 'c' },
      { request: 1, ok: 'yes', id: 'c' },
    ]) {
      expect(decode(value).ok).toBe(false);
    }
  });
});
