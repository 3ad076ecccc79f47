import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent: a JSON text, "null" when the client left. */
  json: string;
}

/** Decodes a y-protocols awareness update without applying it; throws on malformed input. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, json });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  return entries;
}

/**
 * The participant id an awareness state claims, if any: Paja clients put it in `user.id`.
 * Throws if the JSON does not parse.
 */
export function claimedParticipantId(json: string): string | null {
  const state: unknown = JSON.parse(json);
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const id = (user as { id?: unknown }).id;
  return id === undefined ? null : String(id);
}

/** Encodes entries back into an awareness update (the inverse of decodeAwarenessEntries). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
