import {
  addLane,
  addPeriod,
  CloseCode,
  ClusterKey,
  createCluster,
  createNote,
  NoteKey,
  ROOT,
  readBoard,
  setClustersLocked,
  setNotesLocked,
  setTitle,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import {
  closedWith,
  connectClient,
  createBoardOver,
  linkFor,
  testConfig,
  waitFor,
} from './harness';

/*
 * Phase settings and locks against a hostile participant: a stock y-websocket client that
 * writes straight into its copy of the document, ignoring what shared's operations and the
 * UI would refuse. Each forbidden update must be refused (the socket closes with 4423), and
 * nothing of it may reach the other people or the storage.
 */

function restore(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] } | null): Y.Doc {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** Polls an asynchronous condition (storage is read asynchronously) until it holds. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function raw(doc: Y.Doc, root: string, id: string): Y.Map<unknown> {
  const found = doc.getMap<Y.Map<unknown>>(root).get(id);
  if (!found) throw new Error(`no ${root}/${id}`);
  return found;
}

describe('phase settings and locks hold against a raw client', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('refuses, relays nothing and stores nothing of forbidden updates', async () => {
    const storage = new MemoryStorage();
    const server = new PajaServer(testConfig(), storage, silentLogger);
    const address = await server.listen();
    cleanup.push(() => server.close());
    const wsUrl = `ws://127.0.0.1:${address.port}/sync`;
    const board = await createBoardOver(server.url);
    const facilitator = connectClient(wsUrl, board.id, { token: board.token });
    cleanup.push(() => facilitator.destroy());
    await facilitator.synced;

    // The facilitator's board: her note, a locked note, a locked cluster, a lane and a period.
    const fdoc = facilitator.doc;
    const author = { authorId: 'facilitator', authorName: 'Fanni' };
    const hers = createNote(fdoc, { x: 0, y: 0, text: 'Fannin idea', ...author });
    const settled = createNote(fdoc, { x: 200, y: 0, text: 'Päätetty', ...author });
    setNotesLocked(fdoc, [settled], true);
    const member = createNote(fdoc, { x: 0, y: 200, text: 'Jäsen', ...author });
    const cluster = createCluster(fdoc, { noteIds: [member], title: 'Liikenne' });
    setClustersLocked(fdoc, [cluster], true);
    addLane(fdoc, { title: 'Liikkuminen' });
    const period = addPeriod(fdoc, { title: '2030' });
    const participantToken = await linkFor(server.url, board, 'participant');

    const stored = async () =>
      JSON.stringify(readBoard(restore(await storage.loadBoard(board.id))));
    let marker = 0;

    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      // "Edit others' notes" is off by default.
      [
        "edit the facilitator's note",
        (d) => (raw(d, ROOT.notes, hers).get(NoteKey.text) as Y.Text).insert(0, 'EI '),
      ],
      // Changing the roadmap's structure is off by default.
      ['delete a period', (d) => d.getMap(ROOT.periods).delete(period)],
      // Only facilitators unlock.
      ['unlock a note', (d) => raw(d, ROOT.notes, settled).set(NoteKey.locked, false)],
      // A locked cluster stays as it is.
      ['move a locked cluster', (d) => raw(d, ROOT.clusters, cluster).set(ClusterKey.x, 5000)],
      [
        'take a note out of a locked cluster',
        (d) => raw(d, ROOT.notes, member).delete(NoteKey.cluster),
      ],
    ];
    for (const [what, change] of attempts) {
      const participant = connectClient(wsUrl, board.id, { token: participantToken });
      cleanup.push(() => participant.destroy());
      await participant.synced;
      await waitFor(() => readBoard(participant.doc).notes.length === 3, `${what}: board synced`);
      const closed = closedWith(participant);
      change(participant.doc);
      expect(await closed, what).toBe(CloseCode.changeRefused);

      // Once a later change of the facilitator's is stored, anything before it would be too:
      // the store must hold exactly her board, and she must not have received the change.
      setTitle(fdoc, `Työpaja ${++marker}`);
      const want = JSON.stringify(readBoard(fdoc));
      await eventually(async () => (await stored()) === want, `${what}: her change stored`);
      const view = readBoard(fdoc);
      expect(view.notes.find((n) => n.id === hers)?.text, what).toBe('Fannin idea');
      expect(view.notes.find((n) => n.id === settled)?.locked, what).toBe(true);
      expect(view.notes.find((n) => n.id === member)?.cluster, what).toBe(cluster);
      expect(view.clusters[0]?.x, what).not.toBe(5000);
      expect(
        view.roadmap.periods.map((p) => p.id),
        what,
      ).toEqual([period]);
    }
  });
});
