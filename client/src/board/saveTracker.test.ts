import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { readSavedMarker } from './saveTracker';

describe('saved message', () => {
  it('reads the marker and skips the clocks', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.saved);
    encoding.writeVarUint(encoder, 42);
    encoding.writeVarUint(encoder, 2);
    for (const n of [1234567, 10, 7, 3]) encoding.writeVarUint(encoder, n);
    encoding.writeVarUint(encoder, 99); // whatever follows must be left unread
    const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.saved);
    expect(readSavedMarker(decoder)).toBe(42);
    expect(decoding.readVarUint(decoder)).toBe(99);
  });
});
