import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { ModerationWaiting, useModerationWaiting } from '../../moderation/ModerationTools';
import { PrivateBrainstormStartDialog } from '../../workshop/PrivateBrainstormUi';
import type { BoardController } from '../input/BoardController';
import type { CommandId, Panel, SelectionView } from '../input/commands';
import { useStore } from '../session/store';
import { ToolMenu, type ToolMenuItem } from './ToolMenu';

/**
 * The toolbar's "More" menu: the workshop's less-used dialogs and panels (private brainstorm,
 * moderation, phase, export, history, import, files), each listed only for whom the command
 * table lets use it. They sat in the toolbar as buttons until the toolbar took three rows of a
 * tablet's screen in Finnish. The moderation queue's count stays in sight on the menu's button.
 */
export function MoreTools({
  controller,
  selection,
  panel,
}: {
  controller: BoardController;
  selection: SelectionView;
  panel: Panel | null;
}) {
  const { t } = useI18n();
  const { session } = controller;
  const brainstorm = useStore(session.brainstorm.state);
  const queued = useModerationWaiting(session.moderation);
  const [starting, setStarting] = useState(false);
  const on = (id: CommandId) => controller.enabled(id, selection);
  const waiting = on('toggleModeration') ? queued : 0;
  const items: ToolMenuItem[] = [];
  if (session.role === 'facilitator' && !brainstorm.mode) {
    items.push({
      testId: 'private-start-open',
      label: t('private.tool'),
      onSelect: () => setStarting(true),
    });
  }
  const panels: ReadonlyArray<readonly [CommandId, Panel, string, MessageKey]> = [
    ['toggleModeration', 'moderation', 'moderation-button', 'mod.button'],
    ['togglePhase', 'phase', 'phase-toggle', 'phase.button'],
    ['toggleExport', 'export', 'export-button', 'export.button'],
    ['toggleHistory', 'history', 'history-button', 'history.button'],
    ['toggleImport', 'import', 'import-button', 'import.button'],
    ['toggleFiles', 'files', 'files-button', 'toolbar.files'],
  ];
  for (const [id, opens, testId, label] of panels) {
    if (!on(id)) continue;
    items.push({
      testId,
      label: (
        <>
          {t(label)}
          {opens === 'moderation' && <ModerationWaiting count={waiting} />}
        </>
      ),
      checked: panel === opens,
      onSelect: () => controller.runWith(id, undefined),
    });
  }
  if (items.length === 0) return null;
  return (
    <>
      <ToolMenu
        label={t('toolbar.moreLabel')}
        testId="toolbar-more"
        buttonContent={
          <>
            {t('toolbar.more')}
            <ModerationWaiting count={waiting} testId="moderation-waiting" />
          </>
        }
        items={items}
      />
      {starting && (
        <PrivateBrainstormStartDialog
          brainstorm={session.brainstorm}
          onClose={() => setStarting(false)}
        />
      )}
    </>
  );
}
