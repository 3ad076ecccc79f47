import { can, type Role, safeHttpUrl } from '@paja/shared';
import type { Point } from '../canvas/viewport';
import { addImages, addLink } from '../media/addMedia';
import type { BoardSession } from '../session/BoardSession';
import { authorityOf, decide, firstRefusal } from './authority';
import type { Command } from './commandTypes';

/*
 * The commands of images and links, spread into the command table (commands.ts). Adding one
 * is adding an item to the board: the same rule as adding a note (the server checks it again
 * on the upload and on the document update).
 */
const mayAddItems = (_: BoardSession, __: unknown, role: Role | null) =>
  role === null || can(role, 'edit');
const addRefusal = (session: BoardSession) =>
  firstRefusal([decide(authorityOf(session), 'addNote')]);

export const MEDIA_COMMANDS = {
  /** Uploads image files (a paste, a drop, the toolbar's file picker) and places them. */
  addImages: {
    label: 'toolbar.addImage',
    enabled: mayAddItems,
    refusal: addRefusal,
    run(ctx, arg: { files: readonly File[]; at?: Point }) {
      void addImages(ctx, arg.files, arg.at);
    },
  } satisfies Command<{ files: readonly File[]; at?: Point }>,
  /** A link item for a lone pasted address. Anything but http(s) is not a link. */
  addLink: {
    label: 'command.paste',
    enabled: mayAddItems,
    refusal: addRefusal,
    run(ctx, arg: { url: string; at?: Point }) {
      const url = safeHttpUrl(arg.url);
      if (url) addLink(ctx, url, arg.at);
    },
  } satisfies Command<{ url: string; at?: Point }>,
  /** The board's attached files: everyone with a link reads them (the public has none). */
  toggleFiles: {
    label: 'toolbar.files',
    enabled: (session) => session.token !== null,
    run: (ctx) => ctx.togglePanel('files'),
  } satisfies Command,
};
