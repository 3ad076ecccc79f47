import { encodeReaderCount } from '@paja/shared';
import type { PeopleElsewhere } from './acrossInstances/sharedPeople';

/** The reader count goes out at most this often per board, however many people come and go. */
export const READER_COUNT_INTERVAL_MS = 1000;

/** What the count needs of a connection. */
export interface CountedMember {
  readonly participantId: string;
  /** Only Paja's own client understands the count. */
  readonly pajaClient: boolean;
  send(message: Uint8Array): void;
}

/**
 * How many people (distinct participant ids, every role) are on one board, and the batched
 * message that tells them: one at most every READER_COUNT_INTERVAL_MS, encoded once, to
 * everyone when the number changed and otherwise only to those who joined since the last one.
 * A crowd arriving at once costs one message per person per second, not one per arrival.
 * With several instances (`elsewhere`), the count is of people on every instance.
 */
export class ReaderCount<Member extends CountedMember> {
  /** Connections per participant id: the count counts people, not tabs. */
  readonly #people = new Map<string, number>();
  /** Members that have not heard the count since they joined. */
  readonly #awaiting = new Set<Member>();
  readonly #members: () => Iterable<Member>;
  #timer: NodeJS.Timeout | null = null;
  #sentAt = 0;
  #sent = -1;
  #stopped = false;
  readonly #elsewhere: PeopleElsewhere | undefined;
  /** The count over every instance, as Redis last said; null: only this instance's counts. */
  #everywhere: number | null = null;

  /** `members`: everyone on the board now, who hears the count when it changed. */
  constructor(members: () => Iterable<Member>, elsewhere?: PeopleElsewhere) {
    this.#members = members;
    this.#elsewhere = elsewhere;
    elsewhere?.follow(
      () => this.#people.keys(),
      (count) => {
        this.#everywhere = count;
        if (this.people !== this.#sent) this.#schedule();
      },
    );
  }

  /** People here, or on every instance (which includes those here, but may be a beat late). */
  get people(): number {
    return Math.max(this.#people.size, this.#everywhere ?? 0);
  }

  joined(member: Member): void {
    this.#people.set(member.participantId, (this.#people.get(member.participantId) ?? 0) + 1);
    this.#awaiting.add(member);
    this.#schedule();
  }

  left(member: Member): void {
    const tabs = (this.#people.get(member.participantId) ?? 1) - 1;
    if (tabs > 0) this.#people.set(member.participantId, tabs);
    else {
      this.#people.delete(member.participantId);
      this.#elsewhere?.left(member.participantId);
      // Until Redis is asked again, one fewer than it said (it counted this person).
      if (this.#everywhere !== null) this.#everywhere = Math.max(0, this.#everywhere - 1);
    }
    this.#awaiting.delete(member);
    this.#schedule();
  }

  /** The board is unloading: nothing more goes out. */
  stop(): void {
    this.#stopped = true;
    this.#elsewhere?.stop();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer !== null || this.#stopped) return;
    const wait = Math.max(0, this.#sentAt + READER_COUNT_INTERVAL_MS - Date.now());
    this.#timer = setTimeout(() => this.#send(), wait);
    this.#timer.unref();
  }

  #send(): void {
    this.#timer = null;
    if (this.#stopped) return;
    const count = this.people;
    const recipients = count === this.#sent ? [...this.#awaiting] : this.#members();
    this.#awaiting.clear();
    this.#sent = count;
    this.#sentAt = Date.now();
    let message: Uint8Array | null = null;
    for (const member of recipients) {
      if (!member.pajaClient) continue;
      message ??= encodeReaderCount(count);
      member.send(message);
    }
  }
}
