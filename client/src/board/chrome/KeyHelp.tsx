import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { COMMANDS, type Command, type CommandId, type Shortcut } from '../input/commands';
import './keys.css';
import { useReturnFocus } from './useReturnFocus';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const NAMED: Readonly<Record<string, MessageKey>> = {
  ' ': 'keys.name.space',
  Enter: 'keys.name.enter',
  Escape: 'keys.name.escape',
  Delete: 'keys.name.delete',
  Backspace: 'keys.name.backspace',
  ContextMenu: 'keys.name.menu',
  Tab: 'keys.name.tab',
  Home: 'keys.name.home',
  End: 'keys.name.end',
};

/** A key as a person reads it: "Ctrl or ⌘+Shift+Z", "Arrow keys", "Space". */
function keyName(shortcut: Shortcut, t: Translate): string {
  const key = shortcut.key ?? shortcut.code?.replace(/^Digit/, '') ?? '';
  const named = NAMED[key];
  const base = key.startsWith('Arrow')
    ? t('keys.name.arrows')
    : named
      ? t(named)
      : key.length === 1
        ? key.toUpperCase()
        : key;
  const parts = [
    shortcut.mod ? t('keys.name.ctrl') : '',
    shortcut.shift ? t('keys.name.shift') : '',
  ];
  return [...parts.filter(Boolean), base].join(' + ');
}

/** A command's keys, each said once ("Arrow keys or Shift+Arrow keys"). */
function keysOf(shortcuts: readonly Shortcut[], t: Translate): string[] {
  return [...new Set(shortcuts.map((s) => keyName(s, t)))];
}

/** The label without a trailing "(Ctrl+Z)" or "({count})": the keys have their own column. */
function actionOf(command: Command<unknown>, t: Translate): string {
  return t(command.label, { count: '', percent: '' }).replace(/\s*\([^)]*\)\s*$/, '');
}

interface Row {
  keys: string[];
  action: string;
}

function KeyTable({ caption, rows, t }: { caption: string; rows: readonly Row[]; t: Translate }) {
  return (
    <table className="keys-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('keys.helpKey')}</th>
          <th scope="col">{t('keys.helpAction')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.keys.join()}:${row.action}`}>
            <td>
              {row.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ` ${t('keys.or')} `}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </td>
            <td>{row.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The keyboard help (`?`, and the header's menu): every key of the canvas, in the person's
 * language. The rows for commands come from the command table itself (commands.ts), so a new
 * shortcut is listed here without anyone remembering to; moving the focus between notes and the
 * move mode are the keys' own (input/noteKeys.ts) and are written out.
 */
export function KeyHelp({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const heading = useId();
  useReturnFocus();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const table = Object.entries(COMMANDS) as [CommandId, Command<unknown>][];
  const rowsOf = (list: 'focusKeys' | 'shortcuts') =>
    table
      .filter(([, command]) => (command[list]?.length ?? 0) > 0)
      .map(([, command]) => ({
        keys: keysOf(command[list] ?? [], t),
        action: actionOf(command, t),
      }));
  const arrows = t('keys.name.arrows');
  const shift = t('keys.name.shift');
  const onNote: Row[] = [
    { keys: [arrows], action: t('keys.rowArrows') },
    { keys: [`${shift} + ${arrows}`], action: t('keys.rowShiftArrows') },
    { keys: [t('keys.name.tab'), `${shift} + ${t('keys.name.tab')}`], action: t('keys.rowTab') },
    { keys: [t('keys.name.home'), t('keys.name.end')], action: t('keys.rowHomeEnd') },
    { keys: [t('keys.name.escape')], action: t('keys.rowEscape') },
    ...rowsOf('focusKeys'),
  ];
  const moving: Row[] = [
    { keys: [arrows, `${shift} + ${arrows}`], action: t('keys.rowMoveArrows') },
    { keys: [t('keys.name.enter'), 'M'], action: t('keys.rowMoveEnter') },
    { keys: [t('keys.name.escape')], action: t('keys.rowMoveEscape') },
  ];
  const anywhere: Row[] = [
    ...rowsOf('shortcuts'),
    { keys: [`${t('keys.name.space')} + …`], action: t('keys.rowSpaceDrag') },
  ];
  return (
    <dialog
      ref={ref}
      className="keys-dialog keys-help"
      data-testid="key-help"
      aria-labelledby={heading}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="keys-head">
        <h2 id={heading}>{t('keys.help')}</h2>
        <button type="button" onClick={onClose} data-testid="key-help-close">
          {t('panel.close')}
        </button>
      </div>
      <p>{t('keys.helpIntro')}</p>
      <KeyTable caption={t('keys.helpOnNote')} rows={onNote} t={t} />
      <KeyTable caption={t('keys.helpMoving')} rows={moving} t={t} />
      <KeyTable caption={t('keys.helpAnywhere')} rows={anywhere} t={t} />
    </dialog>
  );
}
