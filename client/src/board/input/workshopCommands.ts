import { can, type Role } from '@paja/shared';
import { type AnchorScene, anchorAt } from '../canvas/commentAnchors';
import type { Point } from '../canvas/viewport';
import type { BoardSession } from '../session/BoardSession';
import { always, votingOn } from './commandRules';
import type { Command, CommandContext, SelectionView } from './commandTypes';

/** Commands of working together: votes, follow-me and summons, comments (part of the table in commands.ts). */

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

/** What the comment tool and the comment key see of the canvas. */
const anchorScene = (ctx: CommandContext): AnchorScene => {
  const scene = ctx.scene();
  return { notes: scene.shown, clusters: scene.clusters, roadmap: scene.roadmapLayout.geometry };
};

export const WORKSHOP_COMMANDS = {
  /**
   * One dot on the one note the keys act on: the keyboard's note, or the selected note when the
   * keyboard is on none (votingOn, keyTargets). The server judges it; a refusal is shown.
   */
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
  /** Comments: open or close the list of all comments (everyone may read them). */
  comments: {
    label: 'comments.button',
    enabled: always,
    run: (ctx) => ctx.togglePanel('comments'),
  } satisfies Command,
  /** The comment tool: the next press on the canvas picks what to comment on (commentAt). */
  commentTool: {
    label: 'comments.tool',
    // Viewers read the comments (the panel) but cannot write one.
    enabled: (_session, _selection, role) => role === null || can(role, 'comment'),
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
