import {
  createNote,
  createVoteSession,
  deleteNotes,
  initBoard,
  type VoteStatus,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardSession } from '../session/BoardSession';
import { FakeServer } from '../session/fakeServer';
import { BoardController } from './BoardController';
import { votingOn } from './commandRules';
import { sceneOf } from './testScene';

/*
 * The keyboard's side of the controller: which note the keys act on during a vote, what is
 * said when a dot is counted, and where the view goes when the keyboard's note is deleted.
 */

const open: BoardSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});

/** A participant's controller over notes a (on screen), b and far (far off to the right). */
function board() {
  const session = new BoardSession({
    boardId: 'b1',
    access: { token: null, participantKey: 'k' },
    url: 'ws://fake/sync',
    WebSocketPolyfill: new FakeServer().WebSocket,
    openLocal: () => null,
  });
  open.push(session);
  session.status.patch({ welcome: { participantId: 'p-me', role: 'participant' } });
  initBoard(session.doc, { title: 'T', locale: 'en', now: 1 });
  const add = (id: string, x: number, y: number) =>
    createNote(session.doc, { id, x, y, text: `Note ${id}`, authorId: 'p-me', authorName: 'A' });
  add('a', 0, 0);
  add('b', 0, 300);
  add('far', 6000, 0);
  const controller = new BoardController(session, { id: 'p-me', name: 'Aino' });
  controller.t = (key, params) => `${key} ${JSON.stringify(params ?? {})}`;
  controller.setSize({ width: 1000, height: 800 });
  const render = () => controller.showScene(sceneOf(session));
  render();
  return { session, controller, render };
}

/** A running vote on every note, and the server's word on my dots. */
function vote(session: BoardSession) {
  createVoteSession(session.doc, {
    id: 's1',
    title: 'V',
    dotsPerPerson: 3,
    maxPerItem: 2,
    candidates: ['a', 'b', 'far'],
  });
  const status = (mine: Record<string, number>, left: number): VoteStatus => ({
    session: 's1',
    open: true,
    remainingMs: null,
    voter: true,
    mine,
    left,
  });
  const cast: string[] = [];
  session.votes.cast = (note) => void cast.push(note);
  session.votes.state.patch({ status: status({}, 3) });
  return {
    cast,
    status: (mine: Record<string, number>, left: number) =>
      session.votes.state.patch({ status: status(mine, left) }),
  };
}

describe('a vote by keys', () => {
  it('P gives the dot to the note the keys are on, not to another selected note', () => {
    const { session, controller } = board();
    const { cast } = vote(session);
    controller.select(['a']);
    controller.keyFocusChanged('b');
    expect(votingOn(session, controller.selection())).toBe('b');
    expect(controller.run('castVote')).toBe(true);
    expect(cast).toEqual(['b']);
    // With the keys on a note of the selection, the selection (one note) is the target.
    controller.keyFocusChanged('a');
    expect(votingOn(session, controller.selection())).toBe('a');
  });

  it('says each dot the server counted, with my dots on the note and those left', () => {
    const { session, controller } = board();
    const { status } = vote(session);
    controller.keyFocusChanged('a');
    status({ a: 1 }, 2);
    expect(controller.state.get().announcement?.text).toBe(
      'vote.given {"note":"Note a","mine":1,"left":2}',
    );
    status({}, 3);
    expect(controller.state.get().announcement?.text).toBe(
      'vote.takenBack {"note":"Note a","mine":0,"left":3}',
    );
    // Nothing changed in my ballot (a status for the facilitator's progress): nothing said.
    const seq = controller.state.get().announcement?.seq;
    status({}, 3);
    expect(controller.state.get().announcement?.seq).toBe(seq);
  });

  it('stays quiet while the keys are elsewhere (the vote panel says its own)', () => {
    const { session, controller } = board();
    const { status } = vote(session);
    status({ a: 1 }, 2);
    expect(controller.state.get().announcement).toBeNull();
  });
});

describe('the keyboard note deleted', () => {
  it('the view follows the keys to the next note when it is off screen', () => {
    const { session, controller, render } = board();
    controller.focusNote('b');
    controller.keyFocusChanged('b');
    const inView = (id: string) => {
      const note = controller.scene().byId.get(id);
      const view = controller.viewRect();
      if (!note) return false;
      return note.x >= view.x && note.x + note.w <= view.x + view.width;
    };
    expect(inView('far')).toBe(false);
    // Deleted by someone else: the keys go on to the next note in reading order, "far".
    session.act(() => deleteNotes(session.doc, ['b']));
    render();
    expect(controller.state.get().focusedId).toBe('far');
    expect(inView('far')).toBe(true);
  });
});

describe('zooming by keys', () => {
  it('zooms about the keyboard’s note and keeps it in sight; without one, about the middle', () => {
    const { controller } = board();
    controller.focusNote('b');
    controller.keyFocusChanged('b');
    const onScreen = () => {
      const note = controller.scene().byId.get('b');
      const view = controller.viewRect();
      if (!note) return false;
      const inside = (from: number, size: number, start: number, span: number) =>
        from >= start && from + size <= start + span;
      return (
        inside(note.x, note.w, view.x, view.width) && inside(note.y, note.h, view.y, view.height)
      );
    };
    expect(onScreen()).toBe(true);
    const before = controller.viewport().scale;
    for (let i = 0; i < 4; i++) controller.run('zoomIn');
    expect(controller.viewport().scale).toBeGreaterThan(before * 1.5);
    expect(onScreen()).toBe(true);
    // The keys elsewhere (a toolbar button): the middle stays where it was.
    controller.keyFocusChanged(null);
    const middle = controller.viewCenter();
    controller.run('zoomOut');
    expect(controller.viewCenter().x).toBeCloseTo(middle.x);
    expect(controller.viewCenter().y).toBeCloseTo(middle.y);
  });
});
