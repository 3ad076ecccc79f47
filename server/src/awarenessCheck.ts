import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent: a JSON text, "null" when the client left. */
  json: string;
}

/** More entries in one message than a connection may send: refused before they are read. */
class TooManyAwarenessEntries extends Error {
  override name = 'TooManyAwarenessEntries';
}

/**
 * Decodes a y-protocols awareness update without applying it; throws on malformed input, and
 * throws TooManyAwarenessEntries as soon as the count says more than `maxEntries`.
 */
export function decodeAwarenessEntries(
  update: Uint8Array,
  maxEntries = Number.POSITIVE_INFINITY,
): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new TooManyAwarenessEntries(`${count} awareness entries`);
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

/** What one connection may do with awareness, and what it did so far. */
export interface AwarenessRules {
  /** The identity the connection's states may claim in `user.id`. */
  participantId: string;
  maxStateBytes: number;
  /** Client ids one connection may hold at once (one per tab; a few across a reload race). */
  maxOwned: number;
  /** Client ids one connection may introduce over its life: churning ids is not free. */
  maxIntroduced: number;
}

/** How the room sees one client id, from the sending connection's point of view. */
export type Standing = 'own' | 'other' | 'present' | 'absent';

export interface AwarenessSender {
  /** 'own': this connection introduced it; 'other': another one did; 'present': in the room's
   * states with no owner here (another instance's); 'absent': not there at all. */
  standing(clientId: number): Standing;
  /** Ids the connection holds now. */
  owned: number;
  /** Ids it has introduced over its life. */
  introduced: number;
}

export type AwarenessVerdict =
  | { ok: true; entries: AwarenessEntry[]; introduced: number }
  | { ok: false; reason: string };

/**
 * The entries of one awareness message that the connection may apply, checked one by one
 * before anything is applied or relayed. The stock y-websocket provider relays every change it
 * hears, so entries of ids another connection owns (or another instance relays) are skipped,
 * and so is the removal of an id that is not there (applying it would only leave a record
 * behind). What remains counts: its size, its claimed identity, and each id it introduces,
 * against the ids held at once and over the connection's life.
 */
export function ownAwarenessEntries(
  entries: readonly AwarenessEntry[],
  sender: AwarenessSender,
  rules: AwarenessRules,
): AwarenessVerdict {
  const own: AwarenessEntry[] = [];
  const introducing = new Set<number>();
  for (const entry of entries) {
    const standing = introducing.has(entry.clientId) ? 'own' : sender.standing(entry.clientId);
    if (standing === 'other' || standing === 'present') continue;
    if (standing === 'absent' && entry.json === 'null') continue;
    if (entry.json.length > rules.maxStateBytes) {
      return { ok: false, reason: 'awareness state too large' };
    }
    if (standing === 'absent') {
      introducing.add(entry.clientId);
      if (sender.owned + introducing.size > rules.maxOwned) {
        return { ok: false, reason: 'too many awareness clients' };
      }
      if (sender.introduced + introducing.size > rules.maxIntroduced) {
        return { ok: false, reason: 'too many awareness clients over time' };
      }
    }
    let claimed: string | null;
    try {
      claimed = claimedParticipantId(entry.json);
    } catch {
      return { ok: false, reason: 'awareness state is not JSON' };
    }
    if (claimed !== null && claimed !== rules.participantId) {
      return { ok: false, reason: "claims another participant's id" };
    }
    own.push(entry);
  }
  return { ok: true, entries: own, introduced: introducing.size };
}

/** What the check reads of the room: its states and who introduced each id. */
export interface AwarenessRoom<Member> {
  readonly awareness: { getStates(): Map<number, unknown> };
  awarenessOwner(clientId: number): Member | undefined;
  awarenessClientsOf(member: Member): ReadonlySet<number>;
}

/**
 * Entries one awareness message may hold beyond the states the room has: the stock provider
 * relays what it hears, which is at most what the room sent it, plus its own.
 */
const ENTRY_SLACK = 64;

/** Decodes one awareness message of `member` and keeps what it may apply (ownAwarenessEntries). */
export function admitAwareness<Member>(
  update: Uint8Array,
  room: AwarenessRoom<Member>,
  member: Member,
  introduced: number,
  rules: AwarenessRules,
): AwarenessVerdict {
  const states = room.awareness.getStates();
  let entries: AwarenessEntry[];
  try {
    entries = decodeAwarenessEntries(update, states.size + ENTRY_SLACK);
  } catch (error) {
    if (error instanceof TooManyAwarenessEntries) {
      return { ok: false, reason: 'too many awareness entries' };
    }
    throw error;
  }
  const standing = (clientId: number): Standing => {
    const owner = room.awarenessOwner(clientId);
    if (owner !== undefined) return owner === member ? 'own' : 'other';
    return states.has(clientId) ? 'present' : 'absent';
  };
  const owned = room.awarenessClientsOf(member).size;
  return ownAwarenessEntries(entries, { standing, owned, introduced }, rules);
}
