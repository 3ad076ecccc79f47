/**
 * Convergence property test. 3 to 5 replicas apply random operations; their updates travel
 * through a simulated network that delivers them in random order, late, and sometimes twice;
 * now and then two replicas resync by state vector as a reconnecting provider would. When
 * everything has been delivered, every replica must show the same readBoard output, with no
 * invalid entries and every invariant in checkInvariants true.
 *
 * PAJA_PROPERTY_SEEDS=n runs n seeds (default 1000, about 15-25 s here);
 * PAJA_PROPERTY_FIRST_SEED=k starts at seed k, so a failure can be replayed alone:
 *   PAJA_PROPERTY_FIRST_SEED=123 PAJA_PROPERTY_SEEDS=1 npx vitest run shared/src/property.test.ts
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initBoard,
  readBoard,
  repairReferences,
  setAreaLocked,
  setOrganisations,
  setPhase,
  setTitle,
} from './board';
import {
  createNotesFromLines,
  createRoadmap,
  dropNotes,
  duplicateNotes,
  pasteNotes,
} from './boardOps';
import {
  addToCluster,
  arrangeCluster,
  createCluster,
  deleteCluster,
  moveCluster,
  removeFromCluster,
  renameCluster,
  setClusterCollapsed,
  setClustersLocked,
} from './clusters';
import {
  addComment,
  deleteComment,
  moderateComment,
  replyToComment,
  resolveComment,
} from './comments';
import { checkInvariants } from './invariants';
import {
  bringToFront,
  createNote,
  deleteNotes,
  moveNotes,
  noteText,
  readNotes,
  recolorNotes,
  resizeNote,
  setNotesLocked,
  setNoteText,
} from './notes';
import { type CommentAnchor, MODERATIONS } from './records/comment';
import { CONTENT_LANGS } from './records/language';
import { LOCK_AREAS, PHASE_SETTINGS } from './records/meta';
import {
  type Axis,
  addAxisItem,
  deleteAxisItem,
  moveAxisItem,
  placeOnRoadmap,
  removeFromRoadmap,
  renameAxisItem,
  setAxisLocked,
} from './roadmap';
import { clustersMap, commentsMap, lanesMap, notesMap, periodsMap, voteSessionsMap } from './roots';
import { NOTE_COLOR_NAMES } from './schema';
import { prng } from './testkit';
import { setTextIn, textIn } from './translations';
import { createUndoManager } from './undo';
import {
  addVoteCandidates,
  createVoteSession,
  deleteVoteSession,
  removeVoteCandidates,
  revealVoteResults,
  setVoteSessionOpen,
  writeVoteResults,
} from './votes';

// shared/ is typed without Node's types; the test runs under Node, which has process.env.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const SEEDS = Number(env?.PAJA_PROPERTY_SEEDS ?? 1000);
const FIRST_SEED = Number(env?.PAJA_PROPERTY_FIRST_SEED ?? 1);
const REMOTE = Symbol('remote');

type Rng = ReturnType<typeof prng>;

const CHARS = ['a', 'b', 'ä', 'ö', ' ', 'Å', '😀', '\n'];

interface Replica {
  doc: Y.Doc;
  undo: Y.UndoManager;
  index: number;
}

interface World {
  rng: Rng;
  replicas: Replica[];
  counter: number;
  /** Ids this whole run has ever created, so operations also hit deleted or unseen objects. */
  seen: { notes: string[]; clusters: string[]; comments: string[]; sessions: string[] };
  axes: Record<Axis, string[]>;
}

function ids(map: { keys(): Iterable<string> }, rng: Rng, ever: readonly string[]): string[] {
  const live = [...map.keys()];
  // Mostly what this replica sees, sometimes something it does not (deleted or not yet synced).
  return rng.chance(0.1) && ever.length > 0 ? [...live, rng.pick(ever) as string] : live;
}

function randomText(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += rng.pick(CHARS);
  return text;
}

function editText(rng: Rng, current: string): string {
  const chars = [...current];
  const at = rng.int(0, chars.length);
  const removed = rng.int(0, Math.min(3, chars.length - at));
  chars.splice(at, removed, ...[...randomText(rng, rng.int(0, 4))]);
  return chars.join('');
}

function randomAnchor(w: World, doc: Y.Doc): CommentAnchor {
  const { rng } = w;
  const kind = rng.int(0, 4);
  const note = rng.pick(ids(notesMap(doc), rng, w.seen.notes));
  const cluster = rng.pick(ids(clustersMap(doc), rng, w.seen.clusters));
  const lane = rng.pick([...lanesMap(doc).keys()]);
  const period = rng.pick([...periodsMap(doc).keys()]);
  if (kind === 0 && note) return { kind: 'note', note };
  if (kind === 1 && cluster) return { kind: 'cluster', cluster };
  if (kind === 2 && lane && period) return { kind: 'cell', lane, period };
  if (kind === 3) return { kind: 'point', x: rng.int(-500, 500), y: rng.int(-500, 500) };
  return { kind: 'board' };
}

/** Applies one random user action on one replica. */
function act(w: World, replica: Replica): void {
  const { rng } = w;
  const { doc } = replica;
  const id = () => `r${replica.index}x${++w.counter}`;
  const notes = ids(notesMap(doc), rng, w.seen.notes);
  const clusters = ids(clustersMap(doc), rng, w.seen.clusters);
  const comments = ids(commentsMap(doc), rng, w.seen.comments);
  const sessions = ids(voteSessionsMap(doc), rng, w.seen.sessions);
  const axis: Axis = rng.chance(0.5) ? 'lane' : 'period';
  const axisIds = [...(axis === 'lane' ? lanesMap(doc) : periodsMap(doc)).keys()];
  const participant = `p${rng.int(0, 2)}`; // shared across replicas: two devices, one person
  const roll = rng.int(0, 51);
  switch (roll) {
    case 0:
    case 1:
    case 2:
    case 3: {
      const noteId = id();
      w.seen.notes.push(noteId);
      createNote(doc, {
        id: noteId,
        x: rng.int(-1000, 1000),
        y: rng.int(-1000, 1000),
        text: randomText(rng, rng.int(0, 5)),
        color: rng.pick(NOTE_COLOR_NAMES),
        authorId: participant,
        authorName: participant,
        organisation: rng.pick(['', 'Espoo', 'Vantaa']),
        now: w.counter,
      });
      return;
    }
    case 4:
    case 5:
      moveNotes(
        doc,
        rng.some(notes).map((n) => ({ id: n, x: rng.int(-900, 900), y: rng.int(-900, 900) })),
      );
      return;
    case 6:
      if (notes.length) resizeNote(doc, rng.pick(notes) as string, rng.int(0, 400), 200, w.counter);
      return;
    case 7:
      recolorNotes(doc, rng.some(notes), rng.pick(NOTE_COLOR_NAMES) ?? 'yellow', w.counter);
      return;
    case 8:
      deleteNotes(doc, rng.some(notes, 2));
      return;
    case 9:
      if (notes.length) bringToFront(doc, rng.pick(notes) as string);
      return;
    case 10: {
      const noteId = rng.pick(notes);
      const text = noteId ? noteText(doc, noteId) : null;
      if (noteId && text) setNoteText(doc, noteId, editText(rng, text.toString()), w.counter);
      return;
    }
    case 11: {
      // In a language: the original when the note is in it, else a translation (made at the
      // first character), so replicas type in several languages of one note at once.
      const noteId = rng.pick(notes);
      const lang = rng.pick(CONTENT_LANGS) ?? 'fi';
      const text = noteId ? textIn(doc, 'note', noteId, lang) : null;
      const next = editText(rng, text?.toString() ?? '');
      if (noteId) setTextIn(doc, 'note', noteId, lang, next, w.counter);
      return;
    }
    case 12: {
      const which = rng.int(0, 3);
      if (which === 0) setClustersLocked(doc, rng.some(clusters, 2), rng.chance(0.4));
      else if (which === 1) setAxisLocked(doc, axis, rng.some(axisIds, 2), rng.chance(0.4));
      else setNotesLocked(doc, rng.some(notes, 2), rng.chance(0.4), w.counter);
      return;
    }
    case 13:
    case 14: {
      const clusterId = id();
      w.seen.clusters.push(clusterId);
      createCluster(doc, { id: clusterId, noteIds: rng.some(notes), title: 'T', now: w.counter });
      return;
    }
    case 15:
    case 16:
      if (clusters.length) {
        addToCluster(doc, rng.pick(clusters) as string, rng.some(notes, 3), rng.int(0, 5));
      }
      return;
    case 17:
      removeFromCluster(doc, rng.some(notes));
      return;
    case 18:
      if (clusters.length) {
        deleteCluster(doc, rng.pick(clusters) as string, { withNotes: rng.chance(0.3) });
      }
      return;
    case 19:
      if (clusters.length && rng.chance(0.5)) {
        renameCluster(doc, rng.pick(clusters) as string, randomText(rng, 4));
      } else if (clusters.length) {
        const lang = rng.pick(CONTENT_LANGS) ?? 'fi';
        setTextIn(doc, 'cluster', rng.pick(clusters) as string, lang, randomText(rng, 4));
      }
      return;
    case 20:
      if (clusters.length) arrangeCluster(doc, rng.pick(clusters) as string);
      return;
    case 21:
      if (clusters.length) {
        const c = rng.pick(clusters) as string;
        if (rng.chance(0.5)) moveCluster(doc, c, rng.int(-500, 500), rng.int(-500, 500));
        else setClusterCollapsed(doc, c, rng.chance(0.5));
      }
      return;
    case 22:
    case 23: {
      const axisId = id();
      w.axes[axis].push(axisId);
      addAxisItem(doc, axis, {
        id: axisId,
        title: randomText(rng, 3),
        index: rng.int(0, 4),
        now: w.counter,
      });
      return;
    }
    case 24:
      if (axisIds.length) moveAxisItem(doc, axis, rng.pick(axisIds) as string, rng.int(0, 4));
      return;
    case 25:
      if (axisIds.length)
        renameAxisItem(doc, axis, rng.pick(axisIds) as string, randomText(rng, 3));
      return;
    case 26:
      if (axisIds.length && rng.chance(0.5)) deleteAxisItem(doc, axis, rng.pick(axisIds) as string);
      return;
    case 27:
    case 28: {
      const lane = rng.pick([...lanesMap(doc).keys()]);
      const period = rng.pick([...periodsMap(doc).keys()]);
      if (lane && period) placeOnRoadmap(doc, rng.some(notes, 3), { lane, period });
      return;
    }
    case 29:
      removeFromRoadmap(doc, rng.some(notes, 2));
      return;
    case 30:
    case 31: {
      const commentId = id();
      w.seen.comments.push(commentId);
      addComment(doc, {
        id: commentId,
        anchor: randomAnchor(w, doc),
        text: `c${w.counter}`,
        authorName: participant,
        moderation: rng.chance(0.2) ? 'pending' : 'visible',
        now: w.counter,
      });
      return;
    }
    case 32: {
      const to = rng.pick(comments);
      if (!to) return;
      const commentId = id();
      w.seen.comments.push(commentId);
      replyToComment(doc, to, {
        id: commentId,
        text: 'r',
        authorName: participant,
        now: w.counter,
      });
      return;
    }
    case 33: {
      const target = rng.pick(comments);
      if (!target) return;
      const which = rng.int(0, 2);
      if (which === 0) resolveComment(doc, target, rng.chance(0.7));
      else if (which === 1) moderateComment(doc, target, rng.pick(MODERATIONS) ?? 'visible');
      else deleteComment(doc, target);
      return;
    }
    case 34: {
      const sessionId = id();
      w.seen.sessions.push(sessionId);
      createVoteSession(doc, {
        id: sessionId,
        title: 'S',
        dotsPerPerson: rng.int(1, 3),
        candidates: rng.some(notes, 5),
        now: w.counter,
      });
      return;
    }
    case 35:
    case 36:
    case 37:
    case 38: {
      // The reveal, as the server writes it (dots of open sessions are never in the document).
      const session = rng.pick(sessions);
      if (!session) return;
      const counts = Object.fromEntries(rng.some(notes, 3).map((n) => [n, rng.int(1, 4)]));
      writeVoteResults(doc, session, { counts, voters: rng.int(1, 3) });
      return;
    }
    case 39: {
      const session = rng.pick(sessions);
      if (!session) return;
      if (rng.chance(0.6)) addVoteCandidates(doc, session, rng.some(notes));
      else removeVoteCandidates(doc, session, rng.some(notes, 2));
      return;
    }
    case 40: {
      const session = rng.pick(sessions);
      if (!session) return;
      const which = rng.int(0, 3);
      if (which === 0) setVoteSessionOpen(doc, session, rng.chance(0.5));
      else if (which === 1) revealVoteResults(doc, session, rng.chance(0.7));
      else if (which === 2 && rng.chance(0.3)) deleteVoteSession(doc, session);
      return;
    }
    case 41:
    case 42:
    case 43:
      replica.undo.undo();
      return;
    case 44:
      replica.undo.redo();
      return;
    case 45: {
      const which = rng.int(0, 2);
      if (which === 0) setTitle(doc, randomText(rng, 5));
      else if (which === 1) setAreaLocked(doc, rng.pick(LOCK_AREAS) ?? 'roadmap', rng.chance(0.5));
      else setOrganisations(doc, rng.some(['Espoo', 'Vantaa', 'Kauniainen', 'Helsinki']));
      return;
    }
    case 46:
      setPhase(doc, { [rng.pick(PHASE_SETTINGS) ?? 'vote']: rng.chance(0.5) });
      return;
    case 47: {
      // A drop of a group (boardOps.ts): moves, membership, placement and stacking at once.
      const moved = rng.some(notes, 5);
      const lane = rng.pick([...lanesMap(doc).keys()]);
      const period = rng.pick([...periodsMap(doc).keys()]);
      const cluster = rng.pick(clusters);
      const [placed, joined, left] = [rng.some(moved, 2), rng.some(moved, 2), rng.some(moved, 2)];
      dropNotes(doc, {
        moves: moved.map((n) => ({ id: n, x: rng.int(-900, 900), y: rng.int(-900, 900) })),
        place: lane && period && placed.length > 0 ? [{ cell: { lane, period }, ids: placed }] : [],
        unplace: rng.some(moved, 2),
        join: cluster && joined.length > 0 ? [{ cluster, ids: joined }] : [],
        leave: left,
        toFront: rng.chance(0.7) ? moved : [],
      });
      return;
    }
    case 48: {
      const author = { id: participant, name: participant };
      const at = { x: rng.int(-500, 500), y: rng.int(-500, 500) };
      const made = rng.chance(0.5)
        ? createNotesFromLines(
            doc,
            ['a', randomText(rng, 3), 'ö'].slice(0, rng.int(1, 3)),
            at,
            author,
          )
        : pasteNotes(
            doc,
            [
              { dx: 0, dy: 0, w: 160, h: 160, color: 'blue', text: randomText(rng, 2) },
              { dx: 200, dy: 40, w: 100, h: 120, color: 'yellow', text: '' },
            ],
            at,
            author,
          );
      w.seen.notes.push(...made);
      return;
    }
    case 49: {
      const chosen = new Set(rng.some(notes, 3));
      const sources = readNotes(doc).filter((n) => chosen.has(n.id));
      w.seen.notes.push(...duplicateNotes(doc, sources, { id: participant, name: participant }));
      return;
    }
    case 50:
      if (rng.chance(0.3)) createRoadmap(doc, [randomText(rng, 2)], ['2029', '2030']);
      return;
    default:
      if (rng.chance(0.3)) repairReferences(doc);
  }
}

interface Message {
  to: number;
  update: Uint8Array;
}

function runSeed(seed: number): void {
  const rng = prng(seed);
  const count = rng.int(3, 5);
  const origin = new Y.Doc();
  origin.clientID = 1000;
  initBoard(origin, { title: 'Board', locale: 'fi', now: 0 });
  const start = Y.encodeStateAsUpdate(origin);
  const network: Message[] = [];
  const replicas: Replica[] = [];
  for (let index = 0; index < count; index++) {
    const doc = new Y.Doc();
    doc.clientID = index + 1;
    Y.applyUpdate(doc, start, REMOTE);
    doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from === REMOTE) return;
      for (let to = 0; to < count; to++) if (to !== index) network.push({ to, update });
    });
    replicas.push({ doc, undo: createUndoManager(doc), index });
  }
  const world: World = {
    rng,
    replicas,
    counter: 0,
    seen: { notes: [], clusters: [], comments: [], sessions: [] },
    axes: { lane: [], period: [] },
  };
  const deliver = (allowDuplicate: boolean) => {
    const at = rng.int(0, network.length - 1);
    const message = network[at] as Message;
    if (!allowDuplicate || !rng.chance(0.15)) network.splice(at, 1);
    Y.applyUpdate((replicas[message.to] as Replica).doc, message.update, REMOTE);
  };
  const steps = rng.int(40, 160);
  for (let step = 0; step < steps; step++) {
    const r = rng.next();
    if (r < 0.55) act(world, rng.pick(replicas) as Replica);
    else if (r < 0.95) {
      for (let n = rng.int(1, 4); n > 0 && network.length > 0; n--) deliver(true);
    } else {
      // A reconnect: one replica catches up with another by state vector.
      const [a, b] = [rng.pick(replicas) as Replica, rng.pick(replicas) as Replica];
      if (a !== b) {
        const diff = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
        Y.applyUpdate(a.doc, diff, REMOTE);
      }
    }
    if (rng.chance(0.1)) {
      // Mid-run, before convergence, every replica's view must already be consistent.
      const view = readBoard((rng.pick(replicas) as Replica).doc);
      expect(checkInvariants(view), `invariants at step ${step}`).toEqual([]);
    }
  }
  while (network.length > 0) deliver(false);

  const views = replicas.map((r) => readBoard(r.doc));
  const first = views[0] as ReturnType<typeof readBoard>;
  for (const [i, replica] of replicas.entries()) {
    expect(replica.doc.store.pendingStructs, `replica ${i} has undelivered structs`).toBeNull();
    expect(views[i], `replica ${i} differs from replica 0`).toEqual(first);
  }
  expect(first.invalid).toEqual([]);
  expect(checkInvariants(first)).toEqual([]);
}

describe('convergence under random concurrent operations', () => {
  it(
    `converges with all invariants true over ${SEEDS} seeds from ${FIRST_SEED}`,
    () => {
      for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
        try {
          runSeed(seed);
        } catch (error) {
          const replay = `PAJA_PROPERTY_FIRST_SEED=${seed} PAJA_PROPERTY_SEEDS=1`;
          throw new Error(`seed ${seed} failed (replay: ${replay}): ${String(error)}`, {
            cause: error,
          });
        }
      }
    },
    Math.max(120_000, SEEDS * 200),
  );
});
