import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isRole, type Role } from '../roles';
import { SCHEMA_VERSION } from '../schema';
import { type Decoded, decoded, failed, isUint, readJsonObject, readPayload } from './decode';
import { PROTOCOL_VERSION } from './handshake';
import { MessageType } from './messageType';

/**
 * `welcome` (101), server -> Paja client, the first message on the socket. Payload: a varString
 * with a JSON object of exactly these fields.
 */
export interface Welcome {
  /** Who the server knows this person as: the `user.id` in awareness, the author of notes. */
  participantId: string;
  role: Role;
  /** The server's PROTOCOL_VERSION. */
  protocolVersion: number;
  /** The board model's schema version the server migrates every board to. */
  schemaVersion: number;
}

const FIELDS = ['participantId', 'role', 'protocolVersion', 'schemaVersion'] as const;

export function encodeWelcome(welcome: Welcome): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.welcome);
  const { participantId, role, protocolVersion, schemaVersion } = welcome;
  encoding.writeVarString(
    encoder,
    JSON.stringify({ participantId, role, protocolVersion, schemaVersion }),
  );
  return encoding.toUint8Array(encoder);
}

export function decodeWelcome(decoder: decoding.Decoder): Decoded<Welcome> {
  return readPayload(decoder, (d) => {
    const body = readJsonObject(d, FIELDS);
    if (!body.ok) return body;
    const { participantId, role, protocolVersion, schemaVersion } = body.value;
    if (typeof participantId !== 'string' || participantId === '') {
      return failed('participantId is not a non-empty string');
    }
    if (!isRole(role)) return failed('unknown role');
    if (!isUint(protocolVersion) || !isUint(schemaVersion)) {
      return failed('versions are not whole numbers');
    }
    return decoded({ participantId, role, protocolVersion, schemaVersion });
  });
}

/**
 * Whether this build speaks the versions a server announced. Exact equality both ways: a
 * client older than the server may not read the board's newer fields or send what the server
 * wants; a client newer than the server would write fields the server does not check.
 */
export function speaksVersions(welcome: Pick<Welcome, 'protocolVersion' | 'schemaVersion'>) {
  return welcome.protocolVersion === PROTOCOL_VERSION && welcome.schemaVersion === SCHEMA_VERSION;
}
