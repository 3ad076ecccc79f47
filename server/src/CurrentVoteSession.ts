import { currentVoteSession, readVoteSessions, type VoteSessionView } from '@paja/shared';
import type * as Y from 'yjs';

/**
 * The board's running vote session, read from the document once per change of it, not once
 * per question: every join and leave asks (to send the status, to keep the roll), and reading
 * the sessions checks them against every note of the board, so 150 people opening a large
 * board cost 150 full reads (about 20 ms each on a 20 MB board) before this. Inside a
 * transaction the document may be half changed, so it is read afresh there.
 */
export class CurrentVoteSession {
  readonly #doc: Y.Doc;
  #known: { session: VoteSessionView | undefined } | null = null;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    doc.on('afterTransaction', () => {
      this.#known = null;
    });
  }

  get(): VoteSessionView | undefined {
    const read = () => currentVoteSession(readVoteSessions(this.#doc));
    if (this.#doc._transaction !== null) return read();
    this.#known ??= { session: read() };
    return this.#known.session;
  }
}
