import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AwarenessOwners } from './AwarenessOwners';
import type { AwarenessRoom } from './awarenessCheck';
import type { Logger } from './log';
import { RELAYED } from './origins';
import { PresenceBatch } from './PresenceBatch';
import { encodeAwareness } from './syncFrames';
import type { WireFrame } from './WireFrame';

/** What presence needs of a connection. */
export interface PresenceMember {
  /** Sends a message framed once for all (WireFrame.ts). */
  sendFrame(frame: WireFrame): void;
}

/**
 * The board's presence (y-protocols awareness: cursors, selections, drags in progress, names)
 * and which member introduced each awareness client id. Changes go out in batches
 * (PresenceBatch: one message, encoded once, per batch; batches grow with the board) to the
 * members here and, unless they came from there, to the same board on other instances. A
 * member's ids go with it when it leaves. Never stored.
 */
export class RoomPresence<Member extends PresenceMember> implements AwarenessRoom<Member> {
  readonly awareness: awarenessProtocol.Awareness;
  readonly #owners = new AwarenessOwners<Member>();
  readonly #members: ReadonlySet<Member>;
  readonly #log: Logger;
  /** Changes on their way to the members, batched and thinned as the board grows. */
  readonly #batch: PresenceBatch<Member>;

  /**
   * `members`: the room's connections (live set); `publish`: hands a local change to the other
   * instances.
   */
  constructor(
    doc: Y.Doc,
    members: ReadonlySet<Member>,
    publish: (message: Uint8Array) => void,
    log: Logger,
  ) {
    this.#members = members;
    this.#log = log;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it must not show up in anyone's list of people.
    this.awareness.setLocalState(null);
    this.#batch = new PresenceBatch({
      members: () => this.#members,
      people: () => this.awareness.getStates().size,
      encode: (ids) => encodeAwareness(this.awareness, ids),
      publish,
    });
    this.awareness.on('update', this.#onUpdate);
  }

  /** The member that introduced an awareness client id, if it is still here. */
  awarenessOwner(clientId: number): Member | undefined {
    return this.#owners.ownerOf(clientId);
  }

  /** The awareness client ids `member` introduced; removed when it leaves. */
  awarenessClientsOf(member: Member): ReadonlySet<number> {
    return this.#owners.clientsOf(member);
  }

  /** Every state there is, as one message; null when nobody shows presence. */
  everyone(): Uint8Array | null {
    const states = [...this.awareness.getStates().keys()];
    return states.length > 0 ? encodeAwareness(this.awareness, states) : null;
  }

  /** An awareness update a member sent, already checked (awarenessCheck.ts). */
  apply(member: Member, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
  }

  /** Presence from this board's room on another instance (a whole awareness message). */
  applyRelayed(message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        RELAYED,
      );
    } catch (error) {
      this.#log.error('could not apply relayed presence', { error });
    }
  }

  /** Removes the states of the ids `member` introduced, at once (the others see it go). */
  left(member: Member): void {
    const owned = this.#owners.releaseAll(member);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, member);
  }

  destroy(): void {
    this.awareness.off('update', this.#onUpdate);
    this.#batch.close();
    this.awareness.destroy();
  }

  #onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    if (this.#members.has(origin as Member)) {
      const member = origin as Member;
      for (const id of change.added) this.#owners.claim(member, id);
      for (const id of change.removed) this.#owners.release(id);
    }
    this.#batch.add(changed, origin, origin !== RELAYED);
  };
}
