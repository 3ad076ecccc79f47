import { can } from '@paja/shared';
import { always, mayEdit } from './commandRules';
import type { Command } from './commandTypes';

/** Commands of the view: search, zoom, tools and panels (part of the table in commands.ts). */

export const VIEW_COMMANDS = {
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
  /** The roadmap's lanes and periods: for those who may change them (readers see the table). */
  toggleRoadmap: {
    label: 'roadmap.heading',
    enabled: (_session, _selection, role) => mayEdit(role),
    run: (ctx) => ctx.togglePanel('roadmap'),
  } satisfies Command,
  /** Running and casting votes: readers cannot vote; revealed results show on the notes. */
  toggleVotes: {
    label: 'vote.toolbar',
    enabled: (_session, _selection, role) => mayEdit(role),
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
  /** People and personal data: facilitators only (the server refuses the others). */
  togglePeople: {
    label: 'people.button',
    enabled: (session, _selection, role) => session.token !== null && role === 'facilitator',
    run: (ctx) => ctx.togglePanel('people'),
  } satisfies Command,
} as const;
