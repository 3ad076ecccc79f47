/** Updates one Y.mergeUpdates call takes (mergeInRounds.mjs). */
export declare const MERGE_FAN_IN: number;
/** The same update as `Y.mergeUpdates(parts)`, merged in rounds of MERGE_FAN_IN, the largest part last. */
export declare function mergeInRounds(parts: readonly Uint8Array[]): Uint8Array;
