import {
  createCluster,
  createNote,
  initBoard,
  type NoteView,
  type Role,
  readBoard,
  setAreaLocked,
  setNotesLocked,
  setPhase,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import { BoardSession } from '../session/BoardSession';
import { FakeServer } from '../session/fakeServer';
import { Store } from '../session/store';
import { BoardController } from './BoardController';
import {
  COMMANDS,
  type Command,
  type CommandId,
  commandForKey,
  commandsForKey,
  NUDGE_BIG,
  type SelectionView,
  type Shortcut,
} from './commands';
import { sceneOf } from './testScene';

const open: BoardSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});

/** A controller over a session on an in-memory document, as `role`, with the scene rendered. */
function board(role: Role | null, setup: (doc: BoardSession['doc']) => void = () => undefined) {
  const session = new BoardSession({
    boardId: 'b1',
    access: { token: null, participantKey: 'k' },
    url: 'ws://fake/sync',
    WebSocketPolyfill: new FakeServer().WebSocket,
    openLocal: () => null,
  });
  open.push(session);
  if (role) session.status.patch({ welcome: { participantId: 'p-me', role } });
  initBoard(session.doc, { title: 'T', locale: 'fi', now: 1 });
  setup(session.doc);
  const controller = new BoardController(session, { id: 'p-me', name: 'Aino' });
  controller.setSize({ width: 1000, height: 800 });
  const render = () => controller.showScene(sceneOf(session));
  render();
  return { session, controller, render, notes: () => readBoard(session.doc).notes };
}

const add = (doc: BoardSession['doc'], id: string, x = 0, y = 0, author = 'p-me') =>
  createNote(doc, { id, x, y, text: id, authorId: author, authorName: 'Aino' });

describe('who may use what (enabled)', () => {
  // Just what `enabled` reads: the history, this person's id, the board's (default) phases.
  const fakeSession = (canUndo: boolean) =>
    ({
      history: new Store({ canUndo, canRedo: false }),
      status: new Store({ welcome: { participantId: 'p' } }),
      board: new Store({
        meta: null,
        notes: [],
        clusters: [],
        roadmap: { lanes: [], periods: [] },
      }),
    }) as unknown as BoardSession;
  const selection = (notes: NoteView[]): SelectionView => ({ notes, cluster: null, focused: null });
  const one = selection([note('a')]); // written by 'p': this person's own
  const others = selection([note('b', { authorId: 'someone-else' })]);
  const locked = selection([note('a', { locked: true })]);
  const none = selection([]);
  const allowed = (id: CommandId, s: SelectionView, role: Role | null, canUndo = true) =>
    COMMANDS[id].enabled(fakeSession(canUndo), s, role);
  /** Offered (the role) and not stopped by the board's rules now (explained, not hidden). */
  const usable = (id: CommandId, s: SelectionView, role: Role) => {
    const session = fakeSession(true);
    session.status.patch({ welcome: { participantId: 'p', role } } as never);
    const command = COMMANDS[id] as Command<unknown>;
    return command.enabled(session, s, role) && !command.refusal?.(session, s, undefined);
  };

  it('lets editors change notes, and nobody else', () => {
    for (const id of ['addNote', 'paste', 'move', 'resize'] as const) {
      expect([allowed(id, none, 'facilitator'), allowed(id, none, 'participant')]).toEqual([
        true,
        true,
      ]);
      expect([allowed(id, none, 'commenter'), allowed(id, none, 'viewer')]).toEqual([false, false]);
    }
    for (const id of ['deleteSelection', 'recolor', 'cut'] as const) {
      expect(allowed(id, one, 'participant')).toBe(true);
      expect(allowed(id, one, 'viewer')).toBe(false);
      expect(allowed(id, none, 'participant')).toBe(false); // nothing selected
      expect(allowed(id, locked, 'facilitator')).toBe(false); // all locked
    }
  });

  it('asks the permission table: by default participants change only their own notes', () => {
    for (const id of ['deleteSelection', 'recolor', 'cut'] as const) {
      expect(usable(id, others, 'participant')).toBe(false);
      expect(usable(id, others, 'facilitator')).toBe(true);
    }
    expect(usable('nudge', others, 'participant')).toBe(true); // moving others' is open
    // Clusters and the roadmap are the facilitator's unless the phase opens them.
    expect(usable('makeCluster', one, 'participant')).toBe(false);
    expect(usable('makeCluster', one, 'facilitator')).toBe(true);
    const withCluster = { notes: [], cluster: { id: 'C' } } as unknown as SelectionView;
    expect(usable('deleteCluster', withCluster, 'participant')).toBe(false);
    expect(usable('deleteCluster', withCluster, 'facilitator')).toBe(true);
  });

  it('offers the vote, roadmap and comment tools only to roles that can use them', () => {
    for (const id of ['toggleVotes', 'toggleRoadmap'] as const) {
      expect(['facilitator', 'participant'].map((r) => allowed(id, none, r as Role))).toEqual([
        true,
        true,
      ]);
      for (const reader of ['moderator', 'commenter', 'viewer'] as const) {
        expect(allowed(id, none, reader)).toBe(false);
      }
    }
    expect(allowed('commentTool', none, 'commenter')).toBe(true);
    expect(allowed('commentTool', none, 'viewer')).toBe(false);
    expect(allowed('comments', none, 'viewer')).toBe(true); // reading them
  });

  it('keeps locking for facilitators', () => {
    expect(allowed('toggleLock', locked, 'facilitator')).toBe(true);
    expect(allowed('toggleLock', one, 'participant')).toBe(false);
    expect(allowed('toggleLock', none, 'facilitator')).toBe(false);
  });

  it('treats an unknown role (a server without welcome) as an editor: the server decides', () => {
    expect(allowed('addNote', none, null)).toBe(true);
    expect(allowed('toggleLock', one, null)).toBe(false);
  });

  it('offers undo only with something to undo, and navigation to everyone', () => {
    expect(allowed('undo', none, 'participant', true)).toBe(true);
    expect(allowed('undo', none, 'participant', false)).toBe(false);
    expect(allowed('undo', none, 'viewer', true)).toBe(false);
    for (const id of ['zoomIn', 'zoomFit', 'selectAll', 'search', 'toolPan'] as const) {
      expect(allowed(id, none, 'viewer')).toBe(true);
    }
    expect(allowed('zoomSelection', none, 'viewer')).toBe(false);
    expect(allowed('zoomSelection', one, 'viewer')).toBe(true);
  });
});

describe('keys', () => {
  const event = (key: string, more: Partial<KeyboardEvent> = {}) => ({
    key,
    code: '',
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...more,
  });
  const key = (k: string, more: Partial<KeyboardEvent> = {}) => commandForKey(event(k, more));

  it('finds the command of a shortcut, with its argument', () => {
    expect(key('N')?.id).toBe('addNote');
    expect(key('z', { ctrlKey: true })?.id).toBe('undo');
    expect(key('Z', { metaKey: true, shiftKey: true })?.id).toBe('redo');
    expect(key('y', { ctrlKey: true })?.id).toBe('redo');
    expect(key('!', { code: 'Digit1', shiftKey: true })?.id).toBe('zoomFit');
    expect(key('ArrowLeft', { shiftKey: true })).toEqual({
      id: 'nudge',
      arg: { dx: -NUDGE_BIG, dy: 0 },
      keepDefault: false,
    });
    expect(key('Escape')).toMatchObject({ id: 'clearSelection', keepDefault: true });
  });

  it('leaves other combinations alone', () => {
    expect(key('n', { ctrlKey: true })).toBeNull(); // the browser's new window
    expect(key('a', { altKey: true })).toBeNull();
    expect(key('q')).toBeNull();
  });

  it('tries a note’s own keys first when a note has the keyboard', () => {
    const press = (k: string, more: Partial<KeyboardEvent> = {}) =>
      commandsForKey(event(k, more), true).map((m) => m.id);
    expect(press('Delete')).toEqual(['deleteAsked', 'deleteSelection']);
    expect(press('Enter')).toEqual(['editFocused']);
    expect(press('M', { shiftKey: true })).toEqual(['openMoveTo']);
    expect(press('m')).toEqual(['moveMode']);
    expect(press('n')).toEqual(['addNote']);
    // Anywhere else, only the board's shortcuts: Enter and M are not the board's there.
    expect(key('Enter')).toBeNull();
    expect(key('?', { shiftKey: true })?.id).toBe('keyHelp');
  });

  it.each(['shortcuts', 'focusKeys'] as const)('gives no two commands the same %s', (list) => {
    const seen = new Map<string, string>();
    for (const [id, command] of Object.entries(COMMANDS)) {
      const keys: readonly Shortcut[] =
        list in command ? ((command as Partial<Record<typeof list, Shortcut[]>>)[list] ?? []) : [];
      for (const s of keys) {
        const name = JSON.stringify([s.key?.toLowerCase(), s.code, s.mod ?? false, s.shift]);
        expect(seen.get(name), `${id} and ${seen.get(name)} share ${name}`).toBeUndefined();
        seen.set(name, id);
      }
    }
  });
});

describe('running commands on the document', () => {
  it('adds a note at the view centre, selects it and opens its editor, as one undo step', () => {
    const { session, controller, notes } = board('participant');
    expect(controller.run('addNote')).toBe(true);
    const [made] = notes();
    expect(made).toMatchObject({ authorId: 'p-me', authorName: 'Aino' });
    expect(made && made.x + made.w / 2).toBe(500);
    const state = controller.state.get();
    expect([...state.selection]).toEqual([made?.id]);
    expect(state.editingId).toBe(made?.id);
    session.undo();
    expect(notes()).toHaveLength(0);
  });

  it('says an undo and a redo, which move no focus', () => {
    const { controller, notes } = board('participant');
    controller.run('addNote');
    controller.edit(null);
    expect(controller.run('undo')).toBe(true);
    expect(notes()).toHaveLength(0);
    expect(controller.state.get().announcement?.text).toBe('undo.done');
    expect(controller.run('redo')).toBe(true);
    expect(notes()).toHaveLength(1);
    expect(controller.state.get().announcement?.text).toBe('redo.done');
  });

  it('refuses a viewer’s edit without writing anything', () => {
    const { session, controller } = board('viewer');
    let updates = 0;
    session.doc.on('update', () => updates++);
    expect(controller.run('addNote')).toBe(false);
    expect(updates).toBe(0);
  });

  it('writes a drag of k notes as exactly one document update, brought to the front', () => {
    const { session, controller, render, notes } = board('participant', (doc) => {
      for (const id of ['a', 'b', 'c', 'd']) add(doc, id, 0, 0);
    });
    render();
    controller.select(['a', 'b', 'c']);
    let updates = 0;
    session.doc.on('update', () => updates++);
    expect(controller.moves.start(controller.state.get().selection, null, null)).toBe(true);
    controller.moves.update(100, 40);
    controller.moves.update(300, 240);
    controller.moves.end(300, 240, false);
    expect(updates).toBe(1);
    const after = notes();
    expect(after.map((n) => n.id)).toEqual(['d', 'a', 'b', 'c']); // stacking order
    expect(after.find((n) => n.id === 'a')).toMatchObject({ x: 300, y: 240 });
    expect(after.find((n) => n.id === 'd')).toMatchObject({ x: 0, y: 0 });
    session.undo();
    expect(notes().find((n) => n.id === 'a')).toMatchObject({ x: 0, y: 0 });
  });

  it('leaves the notes a participant may not move where they are, and writes the rest', () => {
    const { session, controller, render, notes } = board('participant', (doc) => {
      add(doc, 'theirs', 0, 0, 'p-other');
      createNote(doc, { id: 'mine', x: 0, y: 0, authorId: 'p-me', authorName: 'Aino' });
    });
    setPhase(session.doc, { moveOthers: false });
    render();
    controller.select(['theirs', 'mine']);
    controller.moves.start(controller.state.get().selection, null, null);
    controller.moves.end(70, 0, false);
    expect(Object.fromEntries(notes().map((n) => [n.id, n.x]))).toEqual({ theirs: 0, mine: 70 });
    controller.select(['theirs']);
    expect(controller.run('deleteSelection')).toBe(false);
    expect(notes()).toHaveLength(2);
  });

  it('keeps locked notes where they are when a group is moved', () => {
    const { controller, render, notes } = board('participant', (doc) => {
      add(doc, 'a');
      add(doc, 'b');
      setNotesLocked(doc, ['b'], true);
    });
    render();
    controller.select(['a', 'b']);
    controller.moves.start(controller.state.get().selection, null, null);
    controller.moves.end(50, 0, false);
    expect(Object.fromEntries(notes().map((n) => [n.id, n.x]))).toEqual({ a: 50, b: 0 });
  });

  it('recolours, duplicates, clusters and deletes the selection', () => {
    const { controller, render, notes, session } = board('facilitator', (doc) => {
      add(doc, 'a', 0, 0);
      add(doc, 'b', 300, 0);
      setPhase(doc, { structure: true });
    });
    controller.select(['a', 'b']);
    controller.run('recolor', 'blue');
    expect(notes().map((n) => n.color)).toEqual(['blue', 'blue']);
    controller.run('duplicate');
    expect(notes()).toHaveLength(4);
    render();
    const copies = [...controller.state.get().selection];
    expect(copies).toHaveLength(2);
    controller.run('makeCluster');
    const { clusters } = readBoard(session.doc);
    expect(clusters).toHaveLength(1);
    expect(controller.state.get().titleEditing).toEqual({ kind: 'cluster', id: clusters[0]?.id });
    render();
    controller.select(copies);
    controller.run('deleteSelection');
    expect(notes().map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('works on the selected cluster', () => {
    const { controller, render, session } = board('facilitator', (doc) => {
      add(doc, 'a');
      createCluster(doc, { id: 'C', noteIds: ['a'], title: 'Aihe' });
      setPhase(doc, { structure: true });
    });
    render();
    controller.selectCluster('C');
    expect(controller.enabled('renameCluster')).toBe(true);
    controller.run('toggleCollapseCluster');
    expect(readBoard(session.doc).clusters[0]?.collapsed).toBe(true);
    controller.run('deleteCluster');
    // Ungrouping asks first.
    expect(controller.state.get().confirm?.message).toBe('confirm.ungroup');
    expect(readBoard(session.doc).clusters).toHaveLength(1);
    controller.answer(true);
    expect(readBoard(session.doc).clusters).toHaveLength(0);
  });

  it('pastes lines as notes, and refuses a paste too big with a message', () => {
    const { controller, notes } = board('participant');
    controller.pointer = { x: 0, y: 0 };
    controller.run('paste', { plain: '- yksi\n- två\n' });
    expect(notes().map((n) => n.text)).toEqual(['yksi', 'två']);
    controller.run('paste', { plain: Array.from({ length: 1001 }, (_, i) => `${i}`).join('\n') });
    expect(notes()).toHaveLength(2);
    expect(controller.state.get().notice?.tone).toBe('error');
  });

  it('moves the keyboard to what a paste made, so Move to… takes the pasted notes', () => {
    const { controller, render, notes } = board('facilitator', (doc) => {
      add(doc, 'edited', 0, 0);
      createCluster(doc, { id: 'T', noteIds: [], x: 1000, y: 0, w: 760, h: 500, title: 'Topic' });
    });
    controller.focusNote('edited');
    controller.pointer = { x: -500, y: 0 };
    controller.run('paste', { plain: 'yksi\ntvå\nthree' });
    render();
    const pasted = notes().filter((n) => n.id !== 'edited');
    expect(controller.selection().focused?.id).toBe(pasted[0]?.id);
    const topic = 'T';
    controller.run('moveTo', { kind: 'cluster', id: topic });
    expect(
      notes()
        .filter((n) => n.cluster === topic)
        .map((n) => n.text),
    ).toEqual(['yksi', 'två', 'three']);
    expect(notes().find((n) => n.id === 'edited')?.cluster).toBeNull();
  });
});

describe('attention commands', () => {
  it('lets only facilitators bring everyone here and lead; anyone may follow', () => {
    const facilitator = board('facilitator').controller;
    const participant = board('participant').controller;
    for (const id of ['summonEveryone', 'toggleLead'] as const) {
      expect(facilitator.enabled(id)).toBe(true);
      expect(participant.enabled(id)).toBe(false);
      expect(board('viewer').controller.enabled(id)).toBe(false);
      expect(board(null).controller.enabled(id)).toBe(false); // no welcome: no authority
    }
    expect(participant.enabled('followPerson')).toBe(true);
    expect(participant.enabled('followLeader')).toBe(false); // nobody leads
  });

  it('following someone lasts until this person moves the view herself', () => {
    const { controller } = board('participant');
    controller.run('followPerson', 'p-anna');
    expect(controller.follow.get().following).toBe('p-anna');
    // Showing the followed view is not a move of her own.
    controller.showView({ x: 100, y: 100, width: 500, height: 400 });
    expect(controller.follow.get().following).toBe('p-anna');
    expect(controller.viewRect()).toEqual({ x: 100, y: 100, width: 500, height: 400 });
    controller.zoomStep(1);
    expect(controller.follow.get().following).toBeNull();
    // Following oneself means nothing.
    controller.run('followPerson', 'p-me');
    expect(controller.follow.get().following).toBeNull();
  });
});

describe('what the board does not allow now: explained, never sent', () => {
  /** Counts the updates the document would send to the server. */
  function sent(session: BoardSession) {
    let count = 0;
    session.doc.on('update', () => count++);
    return () => count;
  }

  it("refuses to recolour or delete others' notes by default, saying why", () => {
    const { controller, session, notes } = board('participant', (doc) => {
      add(doc, 'theirs', 0, 0, 'p-other');
    });
    controller.select(['theirs']);
    const updates = sent(session);
    expect(controller.refusal('recolor')).toBe('closed.editOthers');
    expect(controller.run('recolor', 'blue')).toBe(false);
    expect(controller.run('deleteSelection')).toBe(false);
    expect(controller.state.get().notice?.text).toBe('refusal.closed.deleteOthers');
    expect(controller.run('editNote', 'theirs')).toBe(false);
    expect(updates()).toBe(0);
    expect(notes()[0]?.color).toBe('yellow');
    expect(controller.state.get().notice?.text).toBe('refusal.closed.editOthers');
  });

  it('lets a facilitator do it, and a participant once the phase allows it', () => {
    const f = board('facilitator', (doc) => add(doc, 'theirs', 0, 0, 'p-other'));
    f.controller.select(['theirs']);
    expect(f.controller.run('recolor', 'blue')).toBe(true);
    const p = board('participant', (doc) => {
      add(doc, 'theirs', 0, 0, 'p-other');
      setPhase(doc, { editOthers: true });
    });
    p.controller.select(['theirs']);
    expect(p.controller.run('recolor', 'blue')).toBe(true);
  });

  it('keeps a locked note where it is and says why when it is dragged', () => {
    const { controller } = board('participant', (doc) => {
      add(doc, 'a');
      setNotesLocked(doc, ['a'], true);
    });
    expect(controller.movable(['a'], null)).toEqual({ ids: [], refusal: 'locked' });
  });

  it('does not file notes into a locked area: nothing is written, the reason is shown', () => {
    const { controller, session, render, notes } = board('participant', (doc) => {
      add(doc, 'a', -500, -500);
      createCluster(doc, { id: 'C', noteIds: [], title: 'Aihe', x: 0, y: 0, w: 400, h: 300 });
      setAreaLocked(doc, 'clusters', true);
    });
    render();
    const updates = sent(session);
    controller.moves.start(['a'], null, { x: -450, y: -450 });
    controller.moves.end(650, 650, false); // released at (200, 200): inside the cluster
    expect(updates()).toBe(0);
    expect(notes()[0]).toMatchObject({ x: -500, cluster: null });
    expect(controller.state.get().notice?.text).toBe('refusal.areaLocked');
  });

  it('files a dropped group where the pointer is, and says where it went', () => {
    const { controller, render, notes } = board('participant', (doc) => {
      add(doc, 'a', -500, -500);
      add(doc, 'b', -300, -500);
      createCluster(doc, { id: 'C', noteIds: [], title: 'Aihe', x: 0, y: 0, w: 400, h: 300 });
    });
    render();
    controller.moves.start(['a', 'b'], null, { x: -450, y: -450 });
    controller.moves.end(650, 650, false);
    expect(notes().map((n) => n.cluster)).toEqual(['C', 'C']);
    expect(controller.state.get().notice?.text).toBe('drop.toCluster');
  });

  it('needs the structure setting to change clusters and asks before ungrouping', () => {
    const { controller, render } = board('participant', (doc) => {
      add(doc, 'a');
      createCluster(doc, { id: 'C', noteIds: ['a'], title: 'Aihe' });
    });
    render();
    controller.selectCluster('C');
    expect(controller.refusal('deleteCluster')).toBe('closed.structure');
    expect(controller.run('deleteCluster')).toBe(false);
    expect(controller.state.get().confirm).toBeNull();
  });
});
