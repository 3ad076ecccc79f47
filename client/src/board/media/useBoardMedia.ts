import type { RefObject } from 'react';
import type { BoardController } from '../input/BoardController';
import type { BoardSession } from '../session/BoardSession';
import { setImageSource } from './imageCache';
import { useFileDrop } from './useFileDrop';

/** What the board view needs of images: where they are read from, and files dropped on it. */
export function useBoardMedia(
  session: BoardSession,
  containerRef: RefObject<HTMLElement | null>,
  controller: BoardController,
): void {
  // During render, not in an effect: the canvas asks for images in this same render.
  setImageSource(session.boardId, session.token);
  useFileDrop(containerRef, controller);
}
