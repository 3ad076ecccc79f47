import { CloseCode, type Editor } from '@paja/shared';
import type * as Y from 'yjs';
import { type Admission, admitUpdate } from './admission';
import { BoardFootprint } from './BoardFootprint';
import type { DocUpdates } from './DocUpdates';
import type { SavePipeline, SaveRecipient } from './SavePipeline';
import { type ClientEnds, endsOfTransaction } from './updateEnds';
import type { Footprint, StructureLimits } from './updateLimits';

export interface IntakeLimits {
  /** Updates that would make the stored board larger than this are refused. */
  maxBoardBytes: number;
  /** While storage fails, edits past this many unsaved bytes are refused. */
  maxUnsavedBytes: number;
  /** Depth and changes per update, items and memory per board (see updateLimits.ts). */
  structure: StructureLimits;
}

/**
 * The way into a room's document for what its members send: each update is judged by
 * `admitUpdate` (admission.ts) with the board's numbers now (stored and unsaved bytes from the
 * save pipeline, the footprint kept here), applied with the member as origin, and the member
 * is told "saved" after the commit that holds it. A refusal is returned, never thrown.
 */
export class UpdateIntake {
  readonly #doc: Y.Doc;
  readonly #save: SavePipeline;
  readonly #limits: IntakeLimits;
  readonly #footprint: BoardFootprint;
  readonly #updates: DocUpdates;
  /** The member update inside `Y.applyUpdate` now, and the clients its structs are of. */
  #applying: { member: Editor; clients: readonly number[] } | null = null;

  /** `updates`: how the room hears the document's changes (it applies members' updates). */
  constructor(doc: Y.Doc, save: SavePipeline, updates: DocUpdates, limits: IntakeLimits) {
    this.#doc = doc;
    this.#save = save;
    this.#updates = updates;
    this.#limits = limits;
    this.#footprint = new BoardFootprint(doc);
  }

  /** Items and estimated memory of the board's document (an upper bound between recounts). */
  get footprint(): Footprint {
    return this.#footprint.now;
  }

  /**
   * Where the structs of `transaction`'s update end per client, if it is the transaction of
   * the member update being applied here now (the room hands it to SavePipeline, which would
   * otherwise decode the update again for it); null for any other.
   */
  endsOf(transaction: Y.Transaction): ClientEnds | null {
    const applying = this.#applying;
    if (!applying || transaction.origin !== applying.member) return null;
    return endsOfTransaction(transaction, applying.clients);
  }

  /** Counts an update that did not come through here: the server's own, or relayed. */
  counted(update: Uint8Array): void {
    this.#footprint.addUpdate(update);
  }

  /**
   * Admits and applies a Yjs update that `member` sent. Throws only if the update cannot be
   * decoded. After an applied update the sender hears what is saved, even if it held nothing
   * new (a reconnecting client resends what the server already has).
   */
  receive(member: Editor & SaveRecipient, update: Uint8Array): Admission {
    let admission = this.#admit(member, update);
    const atLimit = !admission.ok && admission.code === CloseCode.boardTooLarge;
    if (atLimit && this.#footprint.recountBeforeRefusing()) admission = this.#admit(member, update);
    if (!admission.ok || !admission.apply) return admission;
    this.#footprint.add(admission.added);
    this.#applying = { member, clients: admission.clients };
    try {
      this.#updates.apply(update, member, admission.follows);
    } finally {
      this.#applying = null;
    }
    // Which of the sender's Yjs clients the commit covers is read from the stored updates then.
    this.#save.expectSaved(member);
    const store = this.#doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // Part of the update refers to structs this document never had: a client that reopened
      // its socket sent an edit before its sync step 2 caught the server up. Yjs would hold the
      // part in memory until the rest came, which a hostile client never sends: drop it, and
      // the member asks the client for everything it has, this part included.
      store.pendingStructs = null;
      store.pendingDs = null;
      return { ...admission, missing: true };
    }
    return admission;
  }

  #admit(member: Editor, update: Uint8Array): Admission {
    return admitUpdate(this.#doc, update, member, {
      storedBytes: this.#save.storedBytes,
      unsavedBytes: this.#save.unsavedBytes,
      storageFailing: this.#save.lastError !== null,
      maxBoardBytes: this.#limits.maxBoardBytes,
      maxUnsavedBytes: this.#limits.maxUnsavedBytes,
      footprint: this.#footprint.now,
      structure: this.#limits.structure,
    });
  }
}
