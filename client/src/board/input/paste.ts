import {
  copiedSize,
  createNotesFromLines,
  importNotes,
  linesGridSize,
  type PlannedNote,
  pasteNotes,
} from '@paja/shared';
import { authorityOf, decide } from './authority';
import type { ClipboardInput } from './clipboard';
import { planPaste } from './clipboard';
import type { CommandContext } from './commandTypes';
import { blockCenter, importSpot } from './placement';

/**
 * The `paste` command. A paste is planned whole before anything is written (clipboard.ts):
 * refused with a message when it is too big, confirmed first above 50 lines, and otherwise
 * created in one transaction (shared's boardOps), so it is never half-applied and one undo
 * takes it back. The pasted block goes to free space nearest the pointer (placement.ts): 500
 * pasted lines never bury the roadmap, a cluster or anyone's notes. Rows from a spreadsheet
 * become one note each, filed into topics when a header row names a topic column.
 */
export function pasteInto(ctx: CommandContext, input: ClipboardInput): void {
  const { session, author, t } = ctx;
  const at = ctx.target();
  const plan = planPaste(input);
  switch (plan.kind) {
    case 'empty':
      return;
    case 'tooMany':
      ctx.notify({
        tone: 'error',
        text: t('paste.tooMany', { count: plan.count, limit: plan.limit }),
      });
      return;
    case 'tooLong':
      ctx.notify({
        tone: 'error',
        text: t('paste.tooLong', { line: plan.line, limit: plan.limit }),
      });
      return;
    case 'notes': {
      let ids: string[] = [];
      const center = blockCenter(ctx.scene(), copiedSize(plan.notes), at);
      session.act(() => {
        ids = pasteNotes(session.doc, plan.notes, center, author);
      });
      ctx.selectMade(ids);
      return;
    }
    case 'lines': {
      const run = () => {
        let ids: string[] = [];
        const center = blockCenter(ctx.scene(), linesGridSize(plan.lines.length), at);
        session.act(() => {
          ids = createNotesFromLines(session.doc, plan.lines, center, author);
        });
        ctx.selectMade(ids);
        if (plan.lines.length > 1) {
          ctx.notify({ tone: 'info', text: t('paste.created', { count: plan.lines.length }) });
        }
      };
      if (plan.confirm) ctx.confirm(t('paste.confirm', { count: plan.lines.length }), run);
      else run();
      return;
    }
    case 'rows': {
      const notes = rowsThisPersonMayWrite(ctx, plan.notes);
      const run = () => {
        let ids: string[] = [];
        // Its topics side by side, in free space: measured as they will be written.
        const spot = importSpot(ctx.scene(), notes, at);
        session.act(() => {
          ids = importNotes(session.doc, notes, spot, author);
        });
        ctx.selectMade(ids);
        ctx.notify({ tone: 'info', text: t('paste.rowsCreated', { count: notes.length }) });
      };
      if (plan.confirm) ctx.confirm(t('paste.confirmRows', { count: notes.length }), run);
      else run();
      return;
    }
  }
}

/**
 * A sheet's topic column makes topics only for those who may create them now (the edit guard
 * would refuse the whole paste otherwise); its author and organisation columns are kept only
 * for facilitators: a participant's notes carry their own name.
 */
function rowsThisPersonMayWrite(ctx: CommandContext, notes: PlannedNote[]): PlannedNote[] {
  const authority = authorityOf(ctx.session);
  const mayGroup = decide(authority, 'changeCluster').allowed;
  const facilitating = authority.role === null || authority.role === 'facilitator';
  return notes.map((note) => ({
    ...note,
    topic: mayGroup ? note.topic : '',
    author: facilitating ? note.author : '',
    organisation: facilitating ? note.organisation : '',
  }));
}
