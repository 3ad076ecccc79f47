import {
  CloseCode,
  decodeWelcome,
  encodeComment,
  encodeSaveRequest,
  MessageType,
  openFrame,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Welcome,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { createBoardOver, testConfig } from './harness';

interface Outcome {
  /** The type of the first message the server sent, if any. */
  firstType: number | null;
  welcome: Welcome | null;
  closeCode: number | null;
}

/**
 * Opens a raw socket, sends `messages` once open, and reports what came back: the first
 * message's type, a decoded welcome, and the close code (null if still open after the first
 * sync message).
 */
function talk(url: string, messages: Uint8Array[] = []): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { firstType: null, welcome: null, closeCode: null };
    const ws = new WebSocket(url);
    ws.on('open', () => {
      for (const message of messages) ws.send(message);
    });
    ws.on('message', (data: Buffer) => {
      const frame = openFrame(new Uint8Array(data));
      if (!frame.ok) throw new Error(frame.error.reason);
      outcome.firstType ??= frame.value.type;
      if (frame.value.type === MessageType.welcome) {
        const welcome = decodeWelcome(frame.value.decoder);
        if (!welcome.ok) throw new Error(welcome.error.reason);
        outcome.welcome = welcome.value;
      }
      if (frame.value.type === MessageType.sync && messages.length === 0) ws.close();
    });
    ws.on('close', (code) => {
      if (messages.length > 0) outcome.closeCode = code;
      resolve(outcome);
    });
  });
}

describe('Paja’s protocol over a real socket', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function start() {
    const server = new PajaServer(testConfig(), new MemoryStorage(), silentLogger);
    const address = await server.listen();
    cleanup.push(() => server.close());
    const board = await createBoardOver(server.url);
    const base = `ws://127.0.0.1:${address.port}/sync/${board.id}?token=${board.token}`;
    return { server, base };
  }

  it('welcomes a Paja client first, with the protocol and schema versions', async () => {
    const { base } = await start();
    const outcome = await talk(`${base}&paja=1&v=${PROTOCOL_VERSION}&pk=some-key`);
    expect(outcome.firstType).toBe(MessageType.welcome);
    expect(outcome.welcome).toMatchObject({
      role: 'facilitator',
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
    });
    // A Paja client from before the `v` parameter speaks version 1.
    const old = await talk(`${base}&paja=1`);
    expect(old.welcome !== null).toBe(PROTOCOL_VERSION === 1);
  });

  it('refuses a Paja client of another protocol version with 4426, and counts it', async () => {
    const { server, base } = await start();
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base}&paja=1&v=${PROTOCOL_VERSION + 1}`);
      ws.on('close', (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(CloseCode.clientOutdated);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('paja_rejected_total{reason="client_outdated"} 1');
  });

  it('leaves stock y-websocket clients alone: no welcome, no version check', async () => {
    const { base } = await start();
    const outcome = await talk(`${base}&v=${PROTOCOL_VERSION + 7}`);
    expect(outcome.firstType).toBe(MessageType.sync);
    expect(outcome.welcome).toBeNull();
  });

  it('closes with 4400 on a Paja message with trailing bytes', async () => {
    const { base } = await start();
    const withTrailingByte = (bytes: Uint8Array) => Uint8Array.from([...bytes, 0]);
    const comment = encodeComment({
      request: 1,
      text: 'hi',
      authorName: 'K',
      anchor: { kind: 'board' },
    });
    for (const frame of [withTrailingByte(comment), withTrailingByte(encodeSaveRequest(3))]) {
      const outcome = await talk(`${base}&paja=1`, [frame]);
      expect(outcome.closeCode).toBe(CloseCode.malformed);
    }
  });
});
