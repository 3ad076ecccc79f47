import { importNotes } from '@paja/shared';
import type { BoardController } from '../board/input/BoardController';
import { importSpot } from '../board/input/placement';
import type { BoardSession } from '../board/session/BoardSession';
import { type BoardParts, ExportDialog } from './ExportDialog';
import { HistoryTools } from './HistoryTools';
import { ImportDialog } from './ImportDialog';
import { PeopleDialog } from './PeopleDialog';

/**
 * The workshop's dialogs that work through the board's HTTP API (export, history, import,
 * people), each shown while its panel is open. Who may open which is the command table's
 * business (input/commands.ts); the server refuses the rest.
 */
export function WorkshopDialogs({
  session,
  controller,
  panel,
  empty,
  parts,
}: {
  session: BoardSession;
  controller: BoardController;
  panel: string | null;
  /** Nothing on the board yet (a backup may be imported onto it). */
  empty: boolean;
  /** The selection, topics and roadmap on screen: what a picture export may show alone. */
  parts: BoardParts;
}) {
  const { token, boardId } = session;
  const author = controller.author;
  const close = (name: 'export' | 'history' | 'import' | 'people') => () =>
    controller.togglePanel(name);
  const api = token ? { boardId, token, userName: author.name } : null;
  return (
    <>
      {panel === 'import' && (
        <ImportDialog
          onImport={(notes) =>
            // In free space near the view's centre, never over the board's topics and notes.
            session.act(() =>
              importNotes(
                session.doc,
                notes,
                importSpot(controller.scene(), notes, controller.viewCenter()),
                author,
              ),
            )
          }
          backup={api && { ...api, empty }}
          onClose={close('import')}
        />
      )}
      {panel === 'history' && api && <HistoryTools {...api} onClose={close('history')} />}
      {panel === 'export' && api && (
        <ExportDialog {...api} parts={parts} onClose={close('export')} />
      )}
      {panel === 'people' && api && <PeopleDialog {...api} onClose={close('people')} />}
    </>
  );
}
