const NONE: ReadonlySet<number> = new Set();

/**
 * Which member (connection) introduced each awareness client id of a room: the one record of
 * that fact. It is read both ways (who owns this id; how many ids does this member own) on
 * every awareness message, so it keeps two indexes, changed only together, here.
 */
export class AwarenessOwners<Member> {
  readonly #ownerOf = new Map<number, Member>();
  readonly #owned = new Map<Member, Set<number>>();

  ownerOf(clientId: number): Member | undefined {
    return this.#ownerOf.get(clientId);
  }

  clientsOf(member: Member): ReadonlySet<number> {
    return this.#owned.get(member) ?? NONE;
  }

  claim(member: Member, clientId: number): void {
    const previous = this.#ownerOf.get(clientId);
    if (previous === member) return;
    if (previous !== undefined) this.release(clientId);
    this.#ownerOf.set(clientId, member);
    let owned = this.#owned.get(member);
    if (!owned) {
      owned = new Set();
      this.#owned.set(member, owned);
    }
    owned.add(clientId);
  }

  release(clientId: number): void {
    const member = this.#ownerOf.get(clientId);
    if (member === undefined) return;
    this.#ownerOf.delete(clientId);
    const owned = this.#owned.get(member);
    owned?.delete(clientId);
    if (owned?.size === 0) this.#owned.delete(member);
  }

  /** Forgets everything `member` owned; returns those ids. */
  releaseAll(member: Member): number[] {
    const ids = [...this.clientsOf(member)];
    for (const id of ids) this.#ownerOf.delete(id);
    this.#owned.delete(member);
    return ids;
  }
}
