import { NOTE_COLOR_NAMES, NOTE_COLORS } from '@paja/shared';
import { useI18n } from '../../i18n/I18nContext';
import { colorKey } from '../../i18n/messages';
import type { BoardController } from '../input/BoardController';
import type { CommandId, SelectionView } from '../input/commands';
import { DuplicateIcon, LockIcon, TrashIcon, UnlockIcon } from './icons';
import { ToolMenu } from './ToolMenu';

/** A button's state from the command table: unavailable-and-why, as the toolbar shows it. */
export type Stopped = (id: CommandId, label: string) => { 'aria-disabled': boolean; title: string };

/**
 * The tools of the selection: colours, duplicate, make a topic, move to…, delete, lock (for
 * facilitators), and the selected topic's tools in one menu. Shown only while they apply; on a
 * wide screen they share the toolbar's second row with the zoom, so selecting never makes the
 * toolbar taller over the board.
 */
export function SelectionTools({
  controller,
  selection,
  stopped,
}: {
  controller: BoardController;
  selection: SelectionView;
  stopped: Stopped;
}) {
  const { t } = useI18n();
  const on = (id: CommandId) => controller.enabled(id, selection);
  const run = (id: CommandId) => () => controller.runWith(id, undefined);
  const count = selection.notes.length;
  const first = selection.notes[0]?.color ?? null;
  const sharedColor = selection.notes.every((n) => n.color === first) ? first : null;
  const allLocked = count > 0 && selection.notes.every((n) => n.locked);
  // mousedown must not move focus out of the note editor before the click lands, or the
  // editor would close and a recolour while typing would cost the caret.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();
  return (
    <>
      {on('recolor') && (
        <>
          <fieldset className="palette">
            <legend className="visually-hidden">{t('toolbar.colors')}</legend>
            {NOTE_COLOR_NAMES.map((color) => {
              const name = t(colorKey(color));
              return (
                <button
                  key={color}
                  type="button"
                  className="swatch"
                  data-testid={`color-${color}`}
                  aria-label={t('toolbar.color', { color: name })}
                  aria-pressed={color === sharedColor}
                  {...stopped('recolor', name)}
                  style={{ background: NOTE_COLORS[color] }}
                  onMouseDown={keepFocus}
                  onClick={() => controller.run('recolor', color)}
                />
              );
            })}
          </fieldset>
          <div className="tool-group">
            <button
              type="button"
              data-testid="duplicate"
              onMouseDown={keepFocus}
              onClick={run('duplicate')}
              aria-label={t('toolbar.duplicate')}
              {...stopped('duplicate', t('toolbar.duplicate'))}
            >
              <DuplicateIcon />
            </button>
            <button
              type="button"
              data-testid="make-cluster"
              onMouseDown={keepFocus}
              onClick={run('makeCluster')}
              {...stopped('makeCluster', t('toolbar.makeCluster'))}
            >
              {t('toolbar.makeClusterShort')}
            </button>
            <button
              type="button"
              data-testid="move-to"
              onMouseDown={keepFocus}
              onClick={run('openMoveTo')}
              {...stopped('openMoveTo', t('keys.moveTo'))}
            >
              {t('keys.moveTo')}
            </button>
            <button
              type="button"
              data-testid="delete-note"
              onMouseDown={keepFocus}
              onClick={run('deleteSelection')}
              aria-label={t('toolbar.deleteNote', { count: count })}
              {...stopped('deleteSelection', t('toolbar.deleteNote', { count: count }))}
            >
              <TrashIcon />
            </button>
          </div>
        </>
      )}
      {on('toggleLock') && (
        // An icon with a constant name whose pressed state says locked: the name that said
        // "Lock" or "Unlock" in words took a second row's worth of room in Finnish.
        <button
          type="button"
          data-testid="lock"
          aria-label={t('toolbar.lock')}
          aria-pressed={allLocked}
          onMouseDown={keepFocus}
          onClick={run('toggleLock')}
          title={allLocked ? t('toolbar.unlock') : t('toolbar.lock')}
        >
          {allLocked ? <LockIcon /> : <UnlockIcon />}
        </button>
      )}
      <ClusterMenu controller={controller} selection={selection} stopped={stopped} />
    </>
  );
}

/** The selected topic's tools (rename, arrange, collapse, delete, lock) in one menu. */
function ClusterMenu({
  controller,
  selection,
  stopped,
}: {
  controller: BoardController;
  selection: SelectionView;
  stopped: Stopped;
}) {
  const { t } = useI18n();
  const on = (id: CommandId) => controller.enabled(id, selection);
  const cluster = on('renameCluster') ? selection.cluster : null;
  if (!cluster) return null;
  const item = (id: CommandId, testId: string, label: string) => {
    const state = stopped(id, label);
    return {
      testId,
      label,
      refusal: state['aria-disabled'] ? state.title : null,
      onSelect: () => controller.runWith(id, undefined),
    };
  };
  const items = [
    item('renameCluster', 'cluster-rename', t('cluster.rename')),
    item('arrangeCluster', 'cluster-arrange', t('cluster.arrange')),
    item(
      'toggleCollapseCluster',
      'cluster-collapse',
      cluster.collapsed ? t('cluster.expand') : t('cluster.collapse'),
    ),
    item('deleteCluster', 'cluster-delete', t('cluster.delete')),
  ];
  if (on('toggleClusterLock')) {
    items.push(
      item(
        'toggleClusterLock',
        'cluster-lock',
        cluster.locked ? t('lock.unlockCluster') : t('lock.lockCluster'),
      ),
    );
  }
  return (
    <ToolMenu
      label={t('cluster.tools')}
      testId="cluster-tools"
      buttonContent={t('cluster.tools')}
      items={items}
    />
  );
}
