import { CloseCode, MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from './log';
import type { Room } from './Room';

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/**
 * One WebSocket of one person on one board. Owns decoding of everything that person sends
 * (all of it untrusted), the awareness client ids it introduced, and an idempotent close.
 * Messages are handled synchronously in arrival order, so a client's updates apply in the
 * order it sent them.
 */
export class Connection {
  /** Awareness client ids this socket introduced; removed from the room when it closes. */
  readonly awarenessClients = new Set<number>();
  readonly wantsSaved: boolean;
  readonly #ws: WebSocket;
  readonly #room: Room;
  readonly #log: Logger;
  #closed = false;
  #alive = true;

  constructor(ws: WebSocket, room: Room, options: { wantsSaved: boolean; log: Logger }) {
    this.#ws = ws;
    this.#room = room;
    this.wantsSaved = options.wantsSaved;
    this.#log = options.log;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.close());
    ws.on('error', (error) => {
      this.#log.warn('socket error', { error });
      this.close(CloseCode.malformed, 'socket error');
    });
    ws.on('pong', () => {
      this.#alive = true;
    });
    room.join(this);
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(message: Uint8Array): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    this.#ws.send(message, (error) => {
      if (error) this.close();
    });
  }

  /** Called on an interval: a socket that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (this.#closed) return;
    if (!this.#alive) {
      this.#log.info('no pong: closing dead connection');
      this.#ws.terminate();
      this.close();
      return;
    }
    this.#alive = false;
    this.#ws.ping();
  }

  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#room.leave(this);
    if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) {
      this.#ws.close(code, reason);
    }
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#closed) return;
    try {
      if (!isBinary || !(data instanceof Buffer)) {
        throw new MalformedMessageError('expected one binary frame');
      }
      this.#handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      const reason = error instanceof MalformedMessageError ? error.message : 'undecodable';
      this.#log.warn('closing connection: malformed message', { reason, error });
      this.close(CloseCode.malformed, 'malformed message');
    }
  }

  #handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        this.#handleSync(decoder);
        break;
      case MessageType.awareness:
        this.#room.applyAwarenessUpdate(this, decoding.readVarUint8Array(decoder));
        break;
      case MessageType.queryAwareness: {
        const states = [...this.#room.awareness.getStates().keys()];
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.awareness);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.#room.awareness, states),
        );
        this.send(encoding.toUint8Array(encoder));
        break;
      }
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) {
      throw new MalformedMessageError('trailing bytes after message');
    }
  }

  #handleSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Decoding it first turns a corrupt state vector into a clean error.
        Y.decodeStateVector(stateVector);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        syncProtocol.writeSyncStep2(encoder, this.#room.doc, stateVector);
        this.send(encoding.toUint8Array(encoder));
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.#room.applyClientUpdate(this, decoding.readVarUint8Array(decoder));
        break;
      default:
        throw new MalformedMessageError(`unknown sync step ${step}`);
    }
  }
}
