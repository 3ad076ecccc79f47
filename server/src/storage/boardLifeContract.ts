import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardExistsError, type Storage } from './Storage';

/**
 * A board's life, for every adapter (run by storageContract with the storage it opened): it
 * exists once, is listed by its last change for the board retention setting, and is deleted
 * with everything stored for it.
 */
export function boardLifeContract(current: () => Storage): void {
  const docWithText = (text: string) => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    return doc;
  };

  it('answers null and false for a board that does not exist', async () => {
    const storage = current();
    expect(await storage.loadBoard('no-such-board')).toBeNull();
    expect(await storage.boardExists('no-such-board')).toBe(false);
  });

  it('refuses to create a board twice', async () => {
    const storage = current();
    await storage.createBoard('board-one', new Uint8Array([0, 0]));
    await expect(storage.createBoard('board-one', new Uint8Array([0, 0]))).rejects.toBeInstanceOf(
      BoardExistsError,
    );
  });

  it('lists boards by their last change and deletes one with everything stored for it', async () => {
    const storage = current();
    const before = Date.now() - 1;
    await storage.createBoard('board-one', Y.encodeStateAsUpdate(docWithText('one')));
    await storage.createBoard('board-two', Y.encodeStateAsUpdate(docWithText('two')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A change to board-one after `between`: it is no longer unchanged since then.
    await storage.appendUpdates(
      'board-one',
      [Y.encodeStateAsUpdate(docWithText('!'))],
      [{ kind: 'snapshot', key: 'k', value: '{"a":1}' }],
    );
    await storage.revokeLinks('board-one', 'viewer');
    expect(await storage.boardsUnchangedSince(before)).toEqual([]);
    expect(await storage.boardsUnchangedSince(between)).toEqual(['board-two']);
    const later = Date.now() + 1000;
    expect((await storage.boardsUnchangedSince(later)).sort()).toEqual(['board-one', 'board-two']);
    expect(await storage.deleteBoard('board-one')).toBe(true);
    expect(await storage.deleteBoard('board-one')).toBe(false);
    expect(await storage.loadBoard('board-one')).toBeNull();
    expect(await storage.boardExists('board-one')).toBe(false);
    expect(await storage.linkGeneration('board-one', 'viewer')).toBe(0);
    expect(await storage.boardsUnchangedSince(later)).toEqual(['board-two']);
    // The id is free again, with nothing of the old board.
    await storage.createBoard('board-one', new Uint8Array([0, 0]));
    expect((await storage.loadBoard('board-one'))?.side).toEqual([]);
  });
}
