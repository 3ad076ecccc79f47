import { randomBytes } from 'node:crypto';
import { type ForgetMode, forgetPerson, type PersonOnBoard, peopleOnBoard } from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import { type BoardHistory, SNAPSHOTS, snapshotDoc } from './BoardHistory';
import { audit, BOARD_AUDIT } from './boardAudit';

/**
 * A person's data across a whole board: the live document, every snapshot of it and the
 * server-held records (comments waiting for a moderator, blocks, the moderation log's subject,
 * open ballots, private notes). Facilitators list people and remove or pseudonymise one; the
 * action is written in the board's audit log without the person's name, and the board is then
 * compacted without deleted content (Room.forgetDeleted), so the name leaves storage too.
 */
export interface PersonEverywhere extends PersonOnBoard {
  /** Snapshots that hold something of theirs. */
  snapshots: number;
}

export interface ForgetHost {
  doc: Y.Doc;
  side: BoardSideState;
  history: BoardHistory;
  transactAsServer<T>(change: (doc: Y.Doc) => T): T;
  committed(): Promise<void>;
  forgetDeleted(): Promise<void>;
}

/** People on the board now, and those only its snapshots remember (with zero counts). */
export function peopleEverywhere(host: ForgetHost): PersonEverywhere[] {
  const people = new Map<string, PersonEverywhere>();
  for (const person of peopleOnBoard(host.doc)) people.set(person.key, { ...person, snapshots: 0 });
  for (const info of host.history.list()) {
    const record = host.history.get(info.id);
    if (!record) continue;
    const doc = snapshotDoc(record);
    for (const person of peopleOnBoard(doc)) {
      const known = people.get(person.key);
      if (known) {
        known.snapshots += 1;
        known.names = [...new Set([...known.names, ...person.names])].sort();
      } else {
        people.set(person.key, { ...person, notes: 0, comments: 0, votes: 0, snapshots: 1 });
      }
    }
    doc.destroy();
  }
  return [...people.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface ForgetOutcome {
  /** Records changed on the live board. */
  board: number;
  snapshots: number;
  /** Server-held records changed or deleted. */
  held: number;
}

export async function forgetEverywhere(
  host: ForgetHost,
  key: string,
  mode: ForgetMode,
  /** The pseudonym's word in the facilitator's language ("Osallistuja"); a number is added. */
  label: string,
  by: string,
): Promise<ForgetOutcome | null> {
  const everyone = peopleEverywhere(host);
  const person = everyone.find((p) => p.key === key);
  if (!person) return null;
  // Numbered, so that two pseudonymised people stay two: "Participant 1", "Participant 2".
  const pseudonym = `${label} ${everyone.filter((p) => p.key.startsWith(ANON)).length + 1}`;
  // One new id for the board and all its snapshots: a pseudonymised person stays one person.
  const pseudonymId = `${ANON}${randomBytes(6).toString('hex')}`;
  const board = host.transactAsServer((doc) =>
    forgetPerson(doc, key, mode, pseudonym, pseudonymId),
  );
  let snapshots = 0;
  for (const info of host.history.list()) {
    const record = host.history.get(info.id);
    if (!record) continue;
    const doc = snapshotDoc(record);
    if (forgetPerson(doc, key, mode, pseudonym, pseudonymId) > 0) {
      // The snapshot's document collects garbage: the encoded state no longer holds the name.
      host.history.rewrite(info.id, Y.encodeStateAsUpdate(doc));
      snapshots += 1;
    }
    doc.destroy();
  }
  const held = forgetHeld(host.side, key, person.names, mode, pseudonym, pseudonymId);
  audit(host.side, {
    action: mode === 'remove' ? 'person-removed' : 'person-pseudonymised',
    by,
    // Never the name: the log must not keep what was forgotten.
    detail: `board ${board}, snapshots ${snapshots}, held ${held}`,
  });
  await host.committed();
  await host.forgetDeleted();
  return { board, snapshots, held };
}

const ANON = 'anon-';
const OWNER_FIELDS = ['authorId', 'participant'];

/**
 * Server-held records of every kind but snapshots (rewritten above) and the audit log: a
 * record owned by the person (its `authorId` or `participant` is theirs) is deleted when they
 * are removed; anywhere else their id and names are replaced by the pseudonym's (or '').
 */
function forgetHeld(
  side: BoardSideState,
  key: string,
  names: readonly string[],
  mode: ForgetMode,
  pseudonym: string,
  pseudonymId: string,
): number {
  const id = key.startsWith('name:') ? null : key;
  const forgotten = new Set(names);
  const replacement = mode === 'remove' ? '' : pseudonym;
  const skip = new Set([SNAPSHOTS.name, BOARD_AUDIT.name]);
  return side.rewriteRaw((kind, _key, json) => {
    if (skip.has(kind)) return undefined;
    let owned = false;
    const value = JSON.parse(json, (field, v) => {
      if (typeof v !== 'string') return v;
      if (id !== null && v === id) {
        if (OWNER_FIELDS.includes(field)) owned = true;
        return pseudonymId;
      }
      return forgotten.has(v.trim()) ? replacement : v;
    });
    if (owned && mode === 'remove') return null;
    return JSON.stringify(value);
  });
}
