import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fakeChannel } from '../board/session/fakeChannel';
import { SaveTracker } from '../board/session/saveTracker';
import { clearLocalCopy } from './localCopy';
import { type LocalSession, openLocalSession } from './localSession';
import { UnsavedLog } from './unsavedLog';

let boardSeq = 0;
const newBoardId = () => `board${++boardSeq}xyz`;

/** A page: a Y.Doc, a fake channel (offline until told), a save tracker and its local session. */
async function openPage(boardId: string) {
  const channel = fakeChannel(false);
  const { requests } = channel;
  const doc = new Y.Doc();
  let local: LocalSession | null = null;
  const problems: string[] = [];
  const tracker = new SaveTracker(doc, channel, () => undefined, {
    notLocal: (origin) => local?.isRestoreOrigin(origin) ?? false,
    listener: {
      changed: (update, marker) => local?.changed(update, marker),
      confirmed: (marker) => local?.confirmed(marker),
    },
  });
  const release = tracker.hold();
  local = openLocalSession({
    boardId,
    token: 't',
    doc,
    tracker,
    onProblem: (problem) => problems.push(problem),
  });
  await local.ready;
  release();
  const page = {
    doc,
    tracker,
    requests,
    problems,
    /** The socket opens and the first sync completes. */
    connect() {
      channel.connect();
    },
    async close() {
      tracker.destroy();
      local?.close();
      doc.destroy();
      await settle();
    },
  };
  return page;
}

/** Lets fake-indexeddb finish what was queued. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function unsavedEntries(boardId: string): Promise<number> {
  const log = await UnsavedLog.open(boardId);
  const count = await log.count();
  log.close();
  return count;
}

const opened: string[] = [];
afterEach(async () => {
  for (const id of opened.splice(0)) await clearLocalCopy(id);
});

describe('the local copy', () => {
  it('restores offline edits after a reload and says "not saved" until the server confirms', async () => {
    const boardId = newBoardId();
    opened.push(boardId);
    const first = await openPage(boardId);
    expect(first.tracker.saved).toBe(true); // an empty copy holds nothing unsaved
    first.doc.getMap('notes').set('n1', 'typed offline');
    first.doc.getMap('notes').delete('n1');
    first.doc.getMap('notes').set('n2', 'kept');
    expect(first.tracker.saved).toBe(false);
    await settle();
    await first.close(); // the page is reloaded while offline

    const second = await openPage(boardId);
    expect(second.doc.getMap('notes').toJSON()).toEqual({ n2: 'kept' });
    expect(second.tracker.saved).toBe(false);
    expect(second.requests).toEqual([]);

    second.connect(); // the sync step 2 carried the restored edits; ask to confirm them
    expect(second.requests).toEqual([1]);
    second.tracker.confirm(1);
    expect(second.tracker.saved).toBe(true);
    await settle();
    expect(await unsavedEntries(boardId)).toBe(0);
    await second.close();

    // Confirmed once: the next load starts out saved.
    const third = await openPage(boardId);
    expect(third.doc.getMap('notes').toJSON()).toEqual({ n2: 'kept' });
    expect(third.tracker.saved).toBe(true);
    await third.close();
  });

  it('removes a change from the log once the server confirmed it, online', async () => {
    const boardId = newBoardId();
    opened.push(boardId);
    const page = await openPage(boardId);
    page.connect();
    page.doc.getMap('notes').set('a', 1);
    page.doc.getMap('notes').set('b', 2);
    expect(page.requests).toEqual([1, 2]);
    // The confirmation may come before the browser finished writing the entry.
    page.tracker.confirm(1);
    await settle();
    expect(await unsavedEntries(boardId)).toBe(1);
    page.tracker.confirm(2);
    await settle();
    expect(await unsavedEntries(boardId)).toBe(0);
    await page.close();
  });

  it("keeps two tabs of one board from claiming each other's work as saved", async () => {
    const boardId = newBoardId();
    opened.push(boardId);
    const a = await openPage(boardId);
    a.doc.getMap('notes').set('fromA', 1);
    await settle();

    // Tab B opens while A's change is unconfirmed: B adopts it and must carry it itself.
    const b = await openPage(boardId);
    expect(b.doc.getMap('notes').get('fromA')).toBe(1);
    expect(b.tracker.saved).toBe(false);
    b.doc.getMap('notes').set('fromB', 2);
    await settle();

    // A gets its own change confirmed; B's stays in the log.
    a.connect();
    a.tracker.confirm(1);
    await settle();
    expect(a.tracker.saved).toBe(true);
    expect(await unsavedEntries(boardId)).toBe(1);

    // A reload now must still see B's unconfirmed change.
    await a.close();
    const a2 = await openPage(boardId);
    expect(a2.tracker.saved).toBe(false);
    expect(a2.doc.getMap('notes').toJSON()).toEqual({ fromA: 1, fromB: 2 });
    await a2.close();

    b.connect();
    expect(b.requests).toEqual([2]);
    b.tracker.confirm(2);
    await settle();
    expect(b.tracker.saved).toBe(true);
    expect(await unsavedEntries(boardId)).toBe(0);
    await b.close();
  });

  it('merges many logged changes into one entry when a page adopts them', async () => {
    const boardId = newBoardId();
    opened.push(boardId);
    const first = await openPage(boardId);
    const text = first.doc.getText('t');
    for (const char of 'typed while the network was down, one key at a time') {
      text.insert(text.length, char);
    }
    await settle();
    expect(await unsavedEntries(boardId)).toBeGreaterThan(40);
    await first.close();

    const second = await openPage(boardId);
    expect(second.doc.getText('t').toString()).toBe(
      'typed while the network was down, one key at a time',
    );
    expect(await unsavedEntries(boardId)).toBe(1);
    await second.close();
  });

  it('forgets everything of a board when told to', async () => {
    const boardId = newBoardId();
    const page = await openPage(boardId);
    page.doc.getMap('notes').set('a', 1);
    await settle();
    await page.close();
    await clearLocalCopy(boardId);
    const again = await openPage(boardId);
    expect(again.doc.getMap('notes').size).toBe(0);
    expect(again.tracker.saved).toBe(true);
    await again.close();
    await clearLocalCopy(boardId);
  });
});
