import {
  type Axis,
  arrangeCluster,
  authorFields,
  can,
  createCluster,
  createNote,
  DEFAULT_PHASE,
  deleteCluster,
  deleteNotes,
  duplicateNotes,
  type LockArea,
  mayPerson,
  type NoteColor,
  type NoteView,
  type ParticipantAction,
  type PhaseSettings,
  type Role,
  recolorNotes,
  renameAxisItem,
  renameCluster,
  resizeNote,
  setAreaLocked,
  setAxisLocked,
  setClusterCollapsed,
  setClustersLocked,
  setNotesLocked,
  setPhase,
} from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import { type AnchorScene, anchorAt } from '../canvas/commentAnchors';
import type { Point } from '../canvas/viewport';
import type { BoardSession } from '../session/BoardSession';
import type { TitleTarget } from '../stage/TitleEditor';
import {
  authorityOf,
  decide,
  decideCluster,
  decideFile,
  decideNote,
  decideRoadmap,
  firstRefusal,
  refusalForNotes,
} from './authority';
import type { ClipboardInput } from './clipboard';
import type { Command, CommandContext, SelectionView } from './commandTypes';
import { type LocalMove, writeMove } from './moves';
import { pasteInto } from './paste';
import { placeNewNote } from './placement';
import { changeRoadmapAxis, type RoadmapChange } from './roadmapChanges';

/**
 * Every action a person takes on the board, in one table: the toolbar's buttons, the keyboard's
 * shortcuts and the canvas's gestures all run commands from here, so each action has one rule
 * for who may use it (`enabled`) and one implementation (`run`). The client only hides: the
 * server refuses what a role may not write whatever the client does.
 *
 * To add an action: add an entry below (an id, a label in i18n's fi, sv and en, shortcuts if
 * any, who may use it, what it does), then call it where it is offered: `run('id')` from a
 * toolbar or panel button, a shortcut here for the keyboard, or from a gesture handler.
 */

/** Bringing others to one's view and leading follow-me: facilitators (the server checks). */
const mayLead = (_: BoardSession, __: SelectionView, role: Role | null) =>
  role !== null && can(role, 'lead');
/** Who leads follow-me now, unless it is this person. */
const leaderFor = (ctx: CommandContext) => {
  const leader = ctx.session.attention.leader.get();
  return leader === ctx.author.id ? null : leader;
};
const notConnected = (ctx: CommandContext) =>
  ctx.notify({ text: ctx.t('attention.notConnected'), tone: 'error' });

/** Arrow keys move the selection this far (board units); with Shift, NUDGE_BIG. */
export const NUDGE = 10;
export const NUDGE_BIG = 50;

export type { Command, CommandContext, Panel, SelectionView, Shortcut, Tool } from './commandTypes';

export function mayEdit(role: Role | null): boolean {
  return role === null || can(role, 'edit');
}

/**
 * Asks shared's permission table (mayPerson) with this board's phase settings and, for an
 * action on notes, each note's ownership and lock, as the server's edit guard will. Locked
 * notes are left out: every operation skips them, for everyone. An unknown role (a server
 * without `welcome`) is treated as an editor: the server decides.
 */
export function may(
  session: BoardSession,
  role: Role | null,
  action: ParticipantAction,
  notes?: readonly NoteView[],
): boolean {
  if (role === null) return action !== 'lock';
  const phase = session.board.get().meta?.phase ?? DEFAULT_PHASE;
  const me = session.status.get().welcome?.participantId;
  if (!notes) return mayPerson(role, action, { phase }).allowed;
  return notes
    .filter((n) => !n.locked)
    .every((n) => mayPerson(role, action, { phase, own: n.authorId === me }).allowed);
}

/*
 * `enabled` is the role (hidden when a role may never do it); `refusal` is the board's rules
 * now (phase settings, locks, ownership: explained, never sent). See commandTypes.ts.
 */
/** Changing notes: an editor, with a selection that is not all locked. */
const editable = (_: BoardSession, s: SelectionView, role: Role | null) =>
  mayEdit(role) && s.notes.length > 0 && !s.notes.every((n) => n.locked);
const clusterTool = (_: BoardSession, s: SelectionView, role: Role | null) =>
  mayEdit(role) && s.cluster !== null;
const always = () => true;

/** The selected note, when exactly one is selected, it is a candidate and voting is open. */
function votingOn(session: BoardSession, s: SelectionView): string | null {
  const { current } = session.votes.state.get();
  const note = s.notes.length === 1 ? s.notes[0] : undefined;
  if (!current?.open || !note || !current.candidates.includes(note.id)) return null;
  return note.id;
}

const facilitator = (_: BoardSession, _s: SelectionView, role: Role | null) =>
  role === 'facilitator';
const ids = (s: SelectionView) => s.notes.map((n) => n.id);

/**
 * Ids on the board and ids of private notes (the private brainstorm's overlay, which is not
 * the board's document): each kind goes to its own document.
 */
function split(ctx: CommandContext, chosen: readonly string[]) {
  const { brainstorm } = ctx.session;
  return {
    board: chosen.filter((id) => !brainstorm.isPrivate(id)),
    private: chosen.filter((id) => brainstorm.isPrivate(id)),
  };
}
/** Notes of the selection that are on the board (private notes cannot be grouped, locked...). */
const boardNotes = (ctx: CommandContext) =>
  ctx.selection().notes.filter((n) => !ctx.session.brainstorm.isPrivate(n.id));

// Why the board's rules stop an action now (authority.ts asks shared's permission table).
const mayAdd = (session: BoardSession) => firstRefusal([decide(authorityOf(session), 'addNote')]);
const notesMay =
  (action: 'moveNote' | 'editNote' | 'deleteNote') => (session: BoardSession, s: SelectionView) =>
    refusalForNotes(authorityOf(session), action, s.notes);
const clusterMay = (session: BoardSession, s: SelectionView) =>
  s.cluster ? firstRefusal([decideCluster(authorityOf(session), s.cluster)]) : null;
const noteMay = (session: BoardSession, action: 'editNote', id: string | undefined) => {
  const note = id === undefined ? undefined : session.board.get().notes.find((n) => n.id === id);
  return note ? firstRefusal([decideNote(authorityOf(session), action, note)]) : null;
};
/** Renaming a cluster, a lane or a period: the structure setting and the item's locks. */
function titleMay(session: BoardSession, target: TitleTarget | undefined) {
  if (!target) return null;
  const authority = authorityOf(session);
  const { clusters, roadmap } = session.board.get();
  if (target.kind === 'cluster') {
    return firstRefusal([
      decideCluster(authority, clusters.find((c) => c.id === target.id) ?? null),
    ]);
  }
  const items = target.kind === 'lane' ? roadmap.lanes : roadmap.periods;
  return firstRefusal([decideRoadmap(authority, items.find((i) => i.id === target.id) ?? null)]);
}

function deleteSelected(ctx: CommandContext): void {
  const chosen = split(ctx, ids(ctx.selection()));
  if (chosen.board.length > 0) ctx.session.act(() => deleteNotes(ctx.session.doc, chosen.board));
  if (chosen.private.length > 0) ctx.session.brainstorm.ops.remove(chosen.private);
  ctx.edit(null);
}

const arrows = (step: number, shift: boolean) => [
  { key: 'ArrowLeft', shift, arg: { dx: -step, dy: 0 } },
  { key: 'ArrowRight', shift, arg: { dx: step, dy: 0 } },
  { key: 'ArrowUp', shift, arg: { dx: 0, dy: -step } },
  { key: 'ArrowDown', shift, arg: { dx: 0, dy: step } },
];

/** What the comment tool and the comment key see of the canvas. */
const anchorScene = (ctx: CommandContext): AnchorScene => {
  const scene = ctx.scene();
  return { notes: scene.shown, clusters: scene.clusters, roadmap: scene.roadmapLayout.geometry };
};

export const COMMANDS = {
  addNote: {
    label: 'toolbar.addNote',
    shortcuts: [{ key: 'n' }],
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: mayAdd,
    /** At `at` (a double-click), else at the view's centre; then opens its editor. */
    run(ctx, at?: Point) {
      // In free space near the spot: never on top of notes, clusters or the roadmap.
      const spot = placeNewNote(ctx.scene(), at ?? ctx.viewCenter());
      const input = { ...spot, ...authorFields(ctx.author) };
      const { brainstorm } = ctx.session;
      let id = '';
      // While a private brainstorm runs a participant's new note is private (never in the doc).
      if (brainstorm.writesPrivately(ctx.session.role)) id = brainstorm.ops.create(input);
      else ctx.session.act(() => (id = createNote(ctx.session.doc, input)));
      ctx.select([id]);
      ctx.edit(id);
    },
  } satisfies Command<Point | undefined>,
  editNote: {
    label: 'command.editNote',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, id) => noteMay(session, 'editNote', id),
    run(ctx, id: string) {
      const note = ctx.scene().byId.get(id);
      if (!note || note.locked) return;
      // Others' private notes (shown to facilitators) are theirs alone to write.
      const { brainstorm } = ctx.session;
      if (brainstorm.isPrivate(id) && !brainstorm.isOwn(id)) return;
      ctx.select([id]);
      ctx.edit(id);
    },
  } satisfies Command<string>,
  editTitle: {
    label: 'command.rename',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, target) => titleMay(session, target),
    run: (ctx, target: TitleTarget) => ctx.editTitle(target),
  } satisfies Command<TitleTarget>,
  rename: {
    label: 'command.rename',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, arg) => titleMay(session, arg?.target),
    run(ctx, { target, title }: { target: TitleTarget; title: string }) {
      const { doc } = ctx.session;
      ctx.session.act(() => {
        if (target.kind === 'cluster') renameCluster(doc, target.id, title);
        else renameAxisItem(doc, target.kind, target.id, title);
      });
    },
  } satisfies Command<{ target: TitleTarget; title: string }>,
  deleteSelection: {
    label: 'toolbar.deleteNote',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    enabled: editable,
    refusal: notesMay('deleteNote'),
    run: deleteSelected,
  } satisfies Command,
  recolor: {
    label: 'toolbar.colors',
    enabled: editable,
    refusal: notesMay('editNote'),
    run(ctx, color: NoteColor) {
      const chosen = split(ctx, ids(ctx.selection()));
      if (chosen.board.length > 0) {
        ctx.session.act(() => recolorNotes(ctx.session.doc, chosen.board, color));
      }
      if (chosen.private.length > 0) ctx.session.brainstorm.ops.recolor(chosen.private, color);
    },
  } satisfies Command<NoteColor>,
  duplicate: {
    label: 'toolbar.duplicate',
    shortcuts: [{ key: 'd', mod: true }],
    enabled: (_session, s, role) => mayEdit(role) && s.notes.length > 0,
    refusal: mayAdd,
    run(ctx) {
      let made: string[] = [];
      ctx.session.act(() => {
        made = duplicateNotes(ctx.session.doc, boardNotes(ctx), ctx.author);
      });
      ctx.select(made);
    },
  } satisfies Command,
  makeCluster: {
    label: 'toolbar.makeCluster',
    enabled: editable,
    refusal(session, s) {
      const authority = authorityOf(session);
      const into = { kind: 'cluster', id: '' } as const;
      return firstRefusal([
        decideCluster(authority, null),
        ...s.notes.filter((n) => !n.locked).map((n) => decideFile(authority, n, n, into)),
      ]);
    },
    run(ctx) {
      const noteIds = boardNotes(ctx)
        .filter((n) => !n.locked)
        .map((n) => n.id);
      if (noteIds.length === 0) return;
      let id = '';
      ctx.session.act(() => {
        id = createCluster(ctx.session.doc, { noteIds, authorId: ctx.author.id, title: '' });
      });
      ctx.selectCluster(id);
      ctx.editTitle({ kind: 'cluster', id });
    },
  } satisfies Command,
  toggleLock: {
    label: 'toolbar.lock',
    enabled: (_session, s, role) => role === 'facilitator' && s.notes.length > 0,
    run(ctx) {
      const notes = boardNotes(ctx);
      const locked = !notes.every((n) => n.locked);
      ctx.session.act(() =>
        setNotesLocked(
          ctx.session.doc,
          notes.map((n) => n.id),
          locked,
        ),
      );
    },
  } satisfies Command,
  renameCluster: {
    label: 'cluster.rename',
    enabled: clusterTool,
    refusal: clusterMay,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (cluster) ctx.editTitle({ kind: 'cluster', id: cluster.id });
    },
  } satisfies Command,
  arrangeCluster: {
    label: 'cluster.arrange',
    enabled: clusterTool,
    /** Tidying moves the members: also others' notes. */
    refusal(session, s) {
      const members = new Set(s.cluster?.members ?? []);
      const notes = session.board.get().notes.filter((n) => members.has(n.id));
      return clusterMay(session, s) ?? refusalForNotes(authorityOf(session), 'moveNote', notes);
    },
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (cluster) ctx.session.act(() => arrangeCluster(ctx.session.doc, cluster.id));
    },
  } satisfies Command,
  toggleCollapseCluster: {
    label: 'cluster.collapse',
    enabled: clusterTool,
    refusal: clusterMay,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      ctx.session.act(() => setClusterCollapsed(ctx.session.doc, cluster.id, !cluster.collapsed));
    },
  } satisfies Command,
  deleteCluster: {
    label: 'cluster.delete',
    enabled: clusterTool,
    refusal: clusterMay,
    /** Ungrouping undoes someone's sorting for everyone: asked first. */
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      const title = cluster.title || ctx.t('cluster.untitled');
      ctx.confirm(
        ctx.t('confirm.ungroup', { title }),
        () => ctx.session.act(() => deleteCluster(ctx.session.doc, cluster.id)),
        'cluster.delete',
      );
    },
  } satisfies Command,
  undo: {
    label: 'toolbar.undo',
    shortcuts: [{ key: 'z', mod: true, shift: false }],
    enabled: (session, _selection, role) => mayEdit(role) && session.history.get().canUndo,
    run(ctx) {
      const refusal = ctx.session.undo();
      if (refusal)
        ctx.notify({
          tone: 'info',
          text: ctx.t('undo.dropped', { reason: ctx.t(refusalKey(refusal)) }),
        });
    },
  } satisfies Command,
  redo: {
    label: 'toolbar.redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    enabled: (session, _selection, role) => mayEdit(role) && session.history.get().canRedo,
    run(ctx) {
      const refusal = ctx.session.redo();
      if (refusal)
        ctx.notify({
          tone: 'info',
          text: ctx.t('redo.dropped', { reason: ctx.t(refusalKey(refusal)) }),
        });
    },
  } satisfies Command,
  selectAll: {
    label: 'command.selectAll',
    shortcuts: [{ key: 'a', mod: true }],
    enabled: always,
    run: (ctx) => ctx.select(ctx.scene().shown.map((n) => n.id)),
  } satisfies Command,
  clearSelection: {
    label: 'command.clearSelection',
    shortcuts: [{ key: 'Escape', keepDefault: true }],
    enabled: always,
    run: (ctx) => ctx.clearSelection(),
  } satisfies Command,
  search: {
    label: 'command.search',
    shortcuts: [{ key: 'f', mod: true }],
    enabled: always,
    run: (ctx) => ctx.focusSearch(),
  } satisfies Command,
  zoomIn: {
    label: 'toolbar.zoomIn',
    shortcuts: [{ key: '+' }, { key: '=' }],
    enabled: always,
    run: (ctx) => ctx.zoomStep(1),
  } satisfies Command,
  zoomOut: {
    label: 'toolbar.zoomOut',
    shortcuts: [{ key: '-' }],
    enabled: always,
    run: (ctx) => ctx.zoomStep(-1),
  } satisfies Command,
  zoomReset: {
    label: 'toolbar.zoomReset',
    shortcuts: [{ key: '0' }],
    enabled: always,
    run: (ctx) => ctx.resetZoom(),
  } satisfies Command,
  zoomFit: {
    label: 'toolbar.zoomFit',
    shortcuts: [{ code: 'Digit1', shift: true }],
    enabled: always,
    run: (ctx) => ctx.zoomToFit(),
  } satisfies Command,
  zoomSelection: {
    label: 'toolbar.zoomSelection',
    shortcuts: [{ code: 'Digit2', shift: true }],
    enabled: (_session, s) => s.notes.length > 0 || s.cluster !== null,
    run: (ctx) => ctx.zoomToSelection(),
  } satisfies Command,
  toolSelect: {
    label: 'toolbar.selectTool',
    shortcuts: [{ key: 'v' }],
    enabled: always,
    run: (ctx) => ctx.setTool('select'),
  } satisfies Command,
  toolPan: {
    label: 'toolbar.panTool',
    shortcuts: [{ key: 'h' }],
    enabled: always,
    run: (ctx) => ctx.setTool('pan'),
  } satisfies Command,
  toggleRoadmap: {
    label: 'roadmap.heading',
    enabled: always,
    run: (ctx) => ctx.togglePanel('roadmap'),
  } satisfies Command,
  toggleVotes: {
    label: 'vote.toolbar',
    enabled: always,
    run: (ctx) => ctx.togglePanel('votes'),
  } satisfies Command,
  /** The export menu: facilitators and viewers (the server refuses the other roles). */
  toggleExport: {
    label: 'export.button',
    enabled: (session, _selection, role) =>
      session.token !== null && (role === 'facilitator' || role === 'viewer'),
    run: (ctx) => ctx.togglePanel('export'),
  } satisfies Command,
  /** Snapshots, compare and restore: facilitators only (the server refuses the others). */
  toggleHistory: {
    label: 'history.button',
    enabled: (session, _selection, role) => session.token !== null && role === 'facilitator',
    run: (ctx) => ctx.togglePanel('history'),
  } satisfies Command,
  /** The moderation panel: moderators and facilitators (the server refuses the others). */
  toggleModeration: {
    label: 'mod.button',
    enabled: (_session, _selection, role) => role !== null && can(role, 'moderate'),
    run: (ctx) => ctx.togglePanel('moderation'),
  } satisfies Command,
  /** CSV import: facilitators (a participant's many notes at once would bypass the phase). */
  toggleImport: {
    label: 'import.button',
    enabled: (_session, _selection, role) => role === 'facilitator',
    run: (ctx) => ctx.togglePanel('import'),
  } satisfies Command,
  /** One dot on the selected note (the server judges it; a refusal is shown). */
  castVote: {
    label: 'command.castVote',
    shortcuts: [{ key: 'p', shift: false }],
    enabled: (session, s) => votingOn(session, s) !== null,
    run(ctx) {
      const note = votingOn(ctx.session, ctx.selection());
      if (note) ctx.session.votes.cast(note, ctx.author.name);
    },
  } satisfies Command,
  retractVote: {
    label: 'command.retractVote',
    shortcuts: [{ key: 'p', shift: true }],
    enabled: (session, s) => votingOn(session, s) !== null,
    run(ctx) {
      const note = votingOn(ctx.session, ctx.selection());
      if (note) ctx.session.votes.retract(note);
    },
  } satisfies Command,

  togglePhase: {
    label: 'phase.button',
    enabled: (_session, _selection, role) => mayEdit(role),
    run: (ctx) => ctx.togglePanel('phase'),
  } satisfies Command,
  /** A phase setting: one meta key each, so two facilitators' changes both take effect. */
  setPhase: {
    label: 'phase.heading',
    enabled: facilitator,
    run: (ctx, settings: Partial<PhaseSettings>) =>
      ctx.session.act(() => setPhase(ctx.session.doc, settings)),
  } satisfies Command<Partial<PhaseSettings>>,
  setAreaLock: {
    label: 'phase.locks',
    enabled: facilitator,
    run: (ctx, { area, locked }: { area: LockArea; locked: boolean }) =>
      ctx.session.act(() => setAreaLocked(ctx.session.doc, area, locked)),
  } satisfies Command<{ area: LockArea; locked: boolean }>,
  toggleClusterLock: {
    label: 'lock.lockCluster',
    enabled: (_session, s, role) => role === 'facilitator' && s.cluster !== null,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      ctx.session.act(() => setClustersLocked(ctx.session.doc, [cluster.id], !cluster.locked));
    },
  } satisfies Command,
  setAxisLock: {
    label: 'lock.lock',
    enabled: facilitator,
    run: (ctx, { axis, id, locked }: { axis: Axis; id: string; locked: boolean }) =>
      ctx.session.act(() => setAxisLocked(ctx.session.doc, axis, [id], locked)),
  } satisfies Command<{ axis: Axis; id: string; locked: boolean }>,
  /** Lanes and periods: add, rename, reorder, delete (asked first), from the Roadmap panel. */
  changeRoadmap: {
    label: 'roadmap.heading',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal(session, _selection, arg) {
      const authority = authorityOf(session);
      if (!arg || arg.kind === 'create' || arg.kind === 'add') {
        return firstRefusal([decideRoadmap(authority, null)]);
      }
      const { roadmap } = session.board.get();
      const items = arg.axis === 'lane' ? roadmap.lanes : roadmap.periods;
      return firstRefusal([decideRoadmap(authority, items.find((i) => i.id === arg.id) ?? null)]);
    },
    run: (ctx, change: RoadmapChange) => changeRoadmapAxis(ctx, change),
  } satisfies Command<RoadmapChange>,
  nudge: {
    label: 'command.nudge',
    shortcuts: [...arrows(NUDGE, false), ...arrows(NUDGE_BIG, true)],
    enabled: (_session, s, role) => mayEdit(role) && s.notes.length > 0,
    refusal: notesMay('moveNote'),
    run: (ctx, { dx, dy }: { dx: number; dy: number }) => ctx.nudge(dx, dy),
  } satisfies Command<{ dx: number; dy: number }>,
  /** The end of a drag or a nudge: written once, as one transaction (moves.ts). */
  move: {
    label: 'command.move',
    enabled: (_session, _selection, role) => mayEdit(role),
    run: (ctx, { move, dx, dy }: { move: LocalMove; dx: number; dy: number }) =>
      writeMove(ctx, move, dx, dy),
  } satisfies Command<{ move: LocalMove; dx: number; dy: number }>,
  resize: {
    label: 'command.resize',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, arg) => noteMay(session, 'editNote', arg?.id),
    run(ctx, { id, w, h }: { id: string; w: number; h: number }) {
      if (ctx.session.brainstorm.isPrivate(id)) ctx.session.brainstorm.ops.resize(id, w, h);
      else ctx.session.act(() => resizeNote(ctx.session.doc, id, w, h));
    },
  } satisfies Command<{ id: string; w: number; h: number }>,
  paste: {
    label: 'command.paste',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: mayAdd,
    run: (ctx, input: ClipboardInput) => pasteInto(ctx, input),
  } satisfies Command<ClipboardInput>,
  /** A facilitator brings everyone else to her view, once. */
  summonEveryone: {
    label: 'attention.summon',
    enabled: mayLead,
    run(ctx) {
      if (!ctx.session.attention.summon(ctx.viewRect())) return notConnected(ctx);
      ctx.notify({ text: ctx.t('attention.summoned.sent'), tone: 'info' });
    },
  } satisfies Command,
  /** A facilitator starts or stops follow-me (any facilitator may stop another's). */
  toggleLead: {
    label: 'attention.lead',
    enabled: mayLead,
    run(ctx) {
      const leading = ctx.session.attention.leader.get() !== null;
      if (!ctx.session.attention.lead(!leading)) notConnected(ctx);
    },
  } satisfies Command,
  /** Follow someone's view (the participant list), or the leader's again. */
  followPerson: {
    label: 'attention.follow',
    enabled: always,
    run: (ctx, participantId: string) =>
      ctx.followEvent({ type: 'follow', participantId, me: ctx.author.id }),
  } satisfies Command<string>,
  followLeader: {
    label: 'attention.followAgain',
    enabled: (session) => session.attention.leader.get() !== null,
    run(ctx) {
      const leader = leaderFor(ctx);
      if (leader) ctx.followEvent({ type: 'follow', participantId: leader, me: ctx.author.id });
    },
  } satisfies Command,
  stopFollowing: {
    label: 'attention.stopFollowing',
    enabled: always,
    run: (ctx) => ctx.followEvent({ type: 'stop' }),
  } satisfies Command,
  /** The copy to the clipboard is the browser's event (useClipboard.ts); this removes. */
  cut: {
    label: 'command.cut',
    enabled: editable,
    refusal: notesMay('deleteNote'),
    run: deleteSelected,
  } satisfies Command,
  /** Comments: open or close the list of all comments (everyone may read them). */
  comments: {
    label: 'comments.button',
    enabled: always,
    run: (ctx) => ctx.togglePanel('comments'),
  } satisfies Command,
  /** The comment tool: the next press on the canvas picks what to comment on (commentAt). */
  commentTool: {
    label: 'comments.tool',
    enabled: always,
    run(ctx) {
      ctx.notify({ text: ctx.t('comments.toolHint'), tone: 'info' });
      ctx.setTool('comment');
    },
  } satisfies Command,
  /** Comments on whatever is at a board point: a note, a topic, a roadmap cell, or the spot. */
  commentAt: {
    label: 'comments.tool',
    enabled: always,
    run: (ctx, at: Point) => ctx.openComments(anchorAt(anchorScene(ctx), at), true),
  } satisfies Command<Point>,
  /**
   * From the keyboard: comments on the selected note or topic, or else on what is in the middle
   * of the view (pan or jump there first), so no pointer is needed.
   */
  commentHere: {
    label: 'comments.commentHere',
    shortcuts: [{ key: 'c' }],
    enabled: always,
    run(ctx) {
      const selection = ctx.selection();
      const note = selection.notes.length === 1 ? selection.notes[0] : undefined;
      if (note) ctx.openComments({ kind: 'note', note: note.id }, true);
      else if (selection.cluster) {
        ctx.openComments({ kind: 'cluster', cluster: selection.cluster.id }, true);
      } else ctx.openComments(anchorAt(anchorScene(ctx), ctx.viewCenter()), true);
    },
  } satisfies Command,
} as const;

export type Commands = typeof COMMANDS;
export type CommandId = keyof Commands;
/** The argument a command takes (undefined for most). */
export type CommandArg<K extends CommandId> = Parameters<Commands[K]['run']>[1];

/**
 * The command a key press means, with its argument, or null. Keys typed into a field are not
 * the board's (the caller checks); Alt combinations are the browser's and the system's.
 */
export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): { id: CommandId; arg: unknown; keepDefault: boolean } | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  for (const [id, command] of Object.entries(COMMANDS) as [CommandId, Command<unknown>][]) {
    for (const shortcut of command.shortcuts ?? []) {
      if ((shortcut.mod ?? false) !== mod) continue;
      if (shortcut.shift !== undefined && shortcut.shift !== event.shiftKey) continue;
      if (shortcut.code !== undefined && shortcut.code !== event.code) continue;
      if (shortcut.key !== undefined && shortcut.key.toLowerCase() !== event.key.toLowerCase()) {
        continue;
      }
      return { id, arg: shortcut.arg, keepDefault: shortcut.keepDefault ?? false };
    }
  }
  return null;
}
