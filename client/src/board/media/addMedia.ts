import { authorFields, createNote, imageItemSize, type NoteMedia } from '@paja/shared';
import type { Point } from '../canvas/viewport';
import type { CommandContext } from '../input/commandTypes';
import { placeBlock } from '../input/placement';
import { type MediaProblem, uploadImage } from './mediaApi';

/** Images one paste, drop or choice may add at once; more are left out with a message. */
export const MAX_IMAGES_AT_ONCE = 10;

/**
 * Adds images to the board: each file is uploaded over HTTP (the server checks and re-encodes
 * it), and only when the server has stored it is the image item written into the document, so
 * nobody ever sees an item whose file is missing. A refusal names the file and says why, in the
 * person's language; the file stays on the person's device, nothing else is touched.
 */
export async function addImages(ctx: CommandContext, files: readonly File[], at?: Point) {
  const { session } = ctx;
  if (!session.token) return;
  // A private brainstorm's notes are not in the document; an image there would be public.
  if (session.brainstorm.writesPrivately(session.role)) {
    ctx.notify({ tone: 'error', text: ctx.t('media.problem.private') });
    return;
  }
  const added: string[] = [];
  let near = at ?? ctx.viewCenter();
  for (const file of files.slice(0, MAX_IMAGES_AT_ONCE)) {
    const name = file.name || 'image';
    ctx.notify({ tone: 'info', text: ctx.t('media.uploading', { name }) });
    const result = await uploadImage(session.boardId, session.token, file, name);
    if (!result.ok) {
      ctx.notify({ tone: 'error', text: problemText(ctx, result, name) });
      continue;
    }
    const placed = place(ctx, result.value, near);
    added.push(placed.id);
    // The scene does not show the new item before the next render: step past it here.
    near = { x: placed.x + placed.w + 200, y: placed.y + placed.h / 2 };
  }
  if (added.length > 0) {
    ctx.selectMade(added);
    ctx.notify({ tone: 'info', text: ctx.t('media.added') });
  }
}

/** A link item: the address (checked by shared's safeHttpUrl), its title to be written later. */
export function addLink(ctx: CommandContext, url: string, at?: Point): void {
  const { id } = place(ctx, { kind: 'link', url }, at ?? ctx.target());
  ctx.selectMade([id]);
  ctx.notify({ tone: 'info', text: ctx.t('media.linkAdded') });
}

/** Writes the item in free space near `near`, with no words yet (described or titled later). */
function place(ctx: CommandContext, media: NoteMedia, near: Point) {
  const size = media.kind === 'image' ? imageItemSize(media) : { w: 280, h: 140 };
  const spot = placeBlock(ctx.scene(), size, near);
  let id = '';
  ctx.session.act(() => {
    id = createNote(ctx.session.doc, { ...spot, ...size, media, ...authorFields(ctx.author) });
  });
  return { id, ...spot, ...size };
}

/** Why a file was not added, in the person's language; with the size limit when the server said it. */
export function problemText(
  ctx: Pick<CommandContext, 't'>,
  refusal: { problem: MediaProblem; max?: number },
  name: string,
): string {
  if (refusal.problem === 'tooBig' && refusal.max !== undefined) {
    // In megabytes as a file manager shows them, to one decimal: "10 MB", "2,5 MB".
    const megabytes = Math.round((refusal.max / 1024 / 1024) * 10) / 10;
    return ctx.t('media.problem.tooBigMax', { name, megabytes });
  }
  return ctx.t(`media.problem.${refusal.problem}`, { name });
}
