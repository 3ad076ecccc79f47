import { CloseCode, type Role } from '@paja/shared';
import type { Limits } from './config';

export type Pool = 'facilitators' | 'participants' | 'readers';

const POOL_OF: Record<Role, Pool> = {
  facilitator: 'facilitators',
  participant: 'participants',
  // Moderators are the facilitator team's: few, and they must get in when the crowd does.
  moderator: 'facilitators',
  commenter: 'readers',
  viewer: 'readers',
};

/** Whether a role is the audience's: it reads the board (and maybe comments), never writes it. */
export function isReaderRole(role: Role): boolean {
  return POOL_OF[role] === 'readers';
}

/** The pool a role's sockets take places in. */
export function poolOf(role: Role): Pool {
  return POOL_OF[role];
}

export interface PoolRefusal {
  code: number;
  reason: string;
}

/** One socket's places: its address's, from the upgrade on, and its board pool's once admitted. */
export interface PoolTicket {
  /** Takes a place in the board's pool for `role`; a refusal if the pool or address is full. */
  admit(boardId: string, role: Role): PoolRefusal | null;
  /** Gives back every place this ticket holds. Idempotent. */
  release(): void;
}

/**
 * Who gets a socket on a board. Each role has its own pool per board, so that no number of
 * readers (viewers and commenters) can take a participant's or a facilitator's place, and
 * participants cannot take a facilitator's. Sockets from one client address are capped too
 * (facilitators excepted), counted from the moment the upgrade starts, so that a burst of
 * upgrades still waiting for their authorization counts as well.
 */
export class ConnectionPools {
  readonly #limits: Limits;
  readonly #byAddress = new Map<string, number>();
  readonly #byBoard = new Map<string, Record<Pool, number>>();

  constructor(limits: Limits) {
    this.#limits = limits;
  }

  /** How many sockets are counted against `address` (pending upgrades included). */
  countFrom(address: string): number {
    return this.#byAddress.get(address) ?? 0;
  }

  /** Every client address with sockets counted on this instance, and how many. */
  addresses(): IterableIterator<[string, number]> {
    return this.#byAddress.entries();
  }

  /** Places taken in one board's pool on this instance. */
  placesIn(boardId: string, pool: Pool): number {
    return this.#byBoard.get(boardId)?.[pool] ?? 0;
  }

  /** Every board with places taken on this instance, and how many per pool. */
  boards(): IterableIterator<[string, Readonly<Record<Pool, number>>]> {
    return this.#byBoard.entries();
  }

  enter(address: string): PoolTicket {
    this.#add(address, 1);
    let countsAddress = true;
    // The board's place, once admitted (two variables, not an object: one per open socket).
    let boardId: string | null = null;
    let pool: Pool = 'readers';
    const release = () => {
      if (countsAddress) this.#add(address, -1);
      countsAddress = false;
      if (boardId !== null) this.#take(boardId, pool, -1);
      boardId = null;
    };
    return {
      admit: (board, role) => {
        const wanted = POOL_OF[role];
        if (role === 'facilitator') {
          // The people who run the workshop are never turned away for where they sit.
          this.#add(address, -1);
          countsAddress = false;
        } else if (this.countFrom(address) > this.#limits.maxConnectionsPerAddress) {
          return { code: CloseCode.rateLimited, reason: 'too many connections from one address' };
        }
        if ((this.#byBoard.get(board)?.[wanted] ?? 0) >= this.capacity(wanted)) {
          return {
            code: CloseCode.boardFull,
            reason: `the board has as many ${wanted} as it takes`,
          };
        }
        this.#take(board, wanted, 1);
        boardId = board;
        pool = wanted;
        return null;
      },
      release,
    };
  }

  capacity(pool: Pool): number {
    switch (pool) {
      case 'facilitators':
        return this.#limits.maxFacilitatorsPerBoard;
      case 'participants':
        return this.#limits.maxParticipantsPerBoard;
      case 'readers':
        return this.#limits.maxReadersPerBoard;
    }
  }

  #add(address: string, delta: number): void {
    const count = (this.#byAddress.get(address) ?? 0) + delta;
    if (count > 0) this.#byAddress.set(address, count);
    else this.#byAddress.delete(address);
  }

  #take(boardId: string, pool: Pool, delta: number): void {
    const counts = this.#byBoard.get(boardId) ?? { facilitators: 0, participants: 0, readers: 0 };
    counts[pool] += delta;
    if (counts.facilitators + counts.participants + counts.readers > 0) {
      this.#byBoard.set(boardId, counts);
    } else {
      this.#byBoard.delete(boardId);
    }
  }
}
