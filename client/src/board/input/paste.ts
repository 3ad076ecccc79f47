import { copiedSize, createNotesFromLines, linesGridSize, pasteNotes } from '@paja/shared';
import type { ClipboardInput } from './clipboard';
import { planPaste } from './clipboard';
import type { CommandContext } from './commandTypes';
import { blockCenter } from './placement';

/**
 * The `paste` command. A paste is planned whole before anything is written (clipboard.ts):
 * refused with a message when it is too big, confirmed first above 50 lines, and otherwise
 * created in one transaction (shared's boardOps), so it is never half-applied and one undo
 * takes it back. The pasted block goes to free space nearest the pointer (placement.ts): 500
 * pasted lines never bury the roadmap, a cluster or anyone's notes.
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
      ctx.select(ids);
      return;
    }
    case 'lines': {
      const run = () => {
        let ids: string[] = [];
        const center = blockCenter(ctx.scene(), linesGridSize(plan.lines.length), at);
        session.act(() => {
          ids = createNotesFromLines(session.doc, plan.lines, center, author);
        });
        ctx.select(ids);
        if (plan.lines.length > 1) {
          ctx.notify({ tone: 'info', text: t('paste.created', { count: plan.lines.length }) });
        }
      };
      if (plan.confirm) ctx.confirm(t('paste.confirm', { count: plan.lines.length }), run);
      else run();
      return;
    }
  }
}
