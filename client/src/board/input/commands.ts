import { BOARD_COMMANDS } from './boardCommands';
import type { Command, Shortcut } from './commandTypes';
import { KEY_COMMANDS } from './keyCommands';
import { MEDIA_COMMANDS } from './mediaCommands';
import { NOTE_COMMANDS } from './noteCommands';
import { VIEW_COMMANDS } from './viewCommands';
import { WORKSHOP_COMMANDS } from './workshopCommands';

/**
 * Every action a person takes on the board, in one table: the toolbar's buttons, the keyboard's
 * shortcuts and the canvas's gestures all run commands from here, so each action has one rule
 * for who may use it (`enabled`) and one implementation (`run`). The client only hides: the
 * server refuses what a role may not write whatever the client does.
 *
 * The entries live in a file per kind: notes (noteCommands.ts), the board's structure
 * (boardCommands.ts), the view (viewCommands.ts), working together (workshopCommands.ts), the
 * canvas's keys (keyCommands.ts); who may use them in commandRules.ts. To add an action: add an
 * entry to its file (an id, a label in i18n's fi, sv and en, shortcuts if any, who may use it,
 * what it does), then call it where it is offered: `run('id')` from a toolbar or panel button,
 * a shortcut for the keyboard, or from a gesture handler. The keyboard help (chrome/KeyHelp.tsx)
 * lists every shortcut from this table.
 */
export const COMMANDS = {
  ...NOTE_COMMANDS,
  ...BOARD_COMMANDS,
  ...VIEW_COMMANDS,
  ...WORKSHOP_COMMANDS,
  ...KEY_COMMANDS,
  ...MEDIA_COMMANDS,
} as const;

export { may, mayEdit } from './commandRules';
export type { Command, CommandContext, Panel, SelectionView, Shortcut, Tool } from './commandTypes';
export { NUDGE, NUDGE_BIG } from './noteCommands';

export type Commands = typeof COMMANDS;
export type CommandId = keyof Commands;
/** The argument a command takes (undefined for most). */
export type CommandArg<K extends CommandId> = Parameters<Commands[K]['run']>[1];

type KeyEvent = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;
export type KeyMatch = { id: CommandId; arg: unknown; keepDefault: boolean };

const matches = (shortcut: Shortcut, event: KeyEvent, mod: boolean) =>
  (shortcut.mod ?? false) === mod &&
  (shortcut.shift === undefined || shortcut.shift === event.shiftKey) &&
  (shortcut.code === undefined || shortcut.code === event.code) &&
  (shortcut.key === undefined || shortcut.key.toLowerCase() === event.key.toLowerCase());

/**
 * The commands a key press may mean, in the order to try them: with `onNote` (a note has the
 * keyboard's focus) the commands' `focusKeys` first, then their `shortcuts`. Keys typed into a
 * field are not the board's (the caller checks); Alt combinations are the browser's and the
 * system's.
 */
export function commandsForKey(event: KeyEvent, onNote = false): KeyMatch[] {
  if (event.altKey) return [];
  const mod = event.ctrlKey || event.metaKey;
  const found: KeyMatch[] = [];
  const table = Object.entries(COMMANDS) as [CommandId, Command<unknown>][];
  const lists = onNote ? (['focusKeys', 'shortcuts'] as const) : (['shortcuts'] as const);
  for (const list of lists) {
    for (const [id, command] of table) {
      for (const shortcut of command[list] ?? []) {
        if (!matches(shortcut, event, mod)) continue;
        found.push({ id, arg: shortcut.arg, keepDefault: shortcut.keepDefault ?? false });
      }
    }
  }
  return found;
}

/** The command a key press means anywhere on the board (the first that matches), or null. */
export function commandForKey(event: KeyEvent): KeyMatch | null {
  return commandsForKey(event)[0] ?? null;
}
