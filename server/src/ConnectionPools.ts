import { CloseCode, type Role } from '@paja/shared';
import type { Limits } from './config';

export type Pool = 'facilitators' | 'participants' | 'readers';
export const POOLS: readonly Pool[] = ['facilitators', 'participants', 'readers'];

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
  readonly #byBoard = new Map<string, BoardPlaces>();

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

  /** A socket from `address` starts its upgrade: it holds an address place until released. */
  enter(address: string): PoolTicket {
    this.#add(address, 1);
    return new PoolTicket(this, address);
  }

  /** `ticket` asks for a place in `board`'s pool for `role`: a refusal, or null once taken. */
  admit(ticket: PoolTicket, board: string, role: Role): PoolRefusal | null {
    const wanted = POOL_OF[role];
    const address = ticket.address;
    if (role === 'facilitator') {
      // The people who run the workshop are never turned away for where they sit.
      if (ticket.countsAddress) this.#add(address, -1);
      ticket.countsAddress = false;
    } else if (this.countFrom(address) > this.#limits.maxConnectionsPerAddress) {
      return { code: CloseCode.rateLimited, reason: 'too many connections from one address' };
    }
    const places = this.#byBoard.get(board);
    if ((places?.[wanted] ?? 0) >= this.capacity(wanted)) {
      return { code: CloseCode.boardFull, reason: `the board has as many ${wanted} as it takes` };
    }
    ticket.places = this.#take(places ?? emptyPlaces(board), wanted, 1);
    ticket.pool = wanted;
    return null;
  }

  /** Gives back every place `ticket` holds. Idempotent. */
  release(ticket: PoolTicket): void {
    if (ticket.countsAddress) this.#add(ticket.address, -1);
    ticket.countsAddress = false;
    if (ticket.places !== null) this.#take(ticket.places, ticket.pool, -1);
    ticket.places = null;
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

  #take(places: BoardPlaces, pool: Pool, delta: number): BoardPlaces {
    places[pool] += delta;
    if (places.facilitators + places.participants + places.readers > 0) {
      this.#byBoard.set(places.boardId, places);
    } else {
      this.#byBoard.delete(places.boardId);
    }
    return places;
  }
}

/**
 * One socket's places: its address's, from the upgrade on, and its board pool's once admitted
 * (`pools.admit`), until `release`. A plain object of five fields: one lives as long as each
 * socket, and it refers to its board's shared places rather than holding the board id itself.
 */
export class PoolTicket {
  readonly pools: ConnectionPools;
  readonly address: string;
  countsAddress = true;
  /** The board whose pool this ticket has a place in, once admitted. */
  places: BoardPlaces | null = null;
  pool: Pool = 'readers';

  constructor(pools: ConnectionPools, address: string) {
    this.pools = pools;
    this.address = address;
  }

  admit(board: string, role: Role): PoolRefusal | null {
    return this.pools.admit(this, board, role);
  }

  release(): void {
    this.pools.release(this);
  }
}

/** A board's places taken, per pool; shared by the tickets holding them. */
interface BoardPlaces extends Record<Pool, number> {
  readonly boardId: string;
}

function emptyPlaces(boardId: string): BoardPlaces {
  return { boardId, facilitators: 0, participants: 0, readers: 0 };
}
