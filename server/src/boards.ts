import { initBoard, isLocale, type Locale, newId, TITLE_MAX } from '@paja/shared';
import * as Y from 'yjs';
import type { Storage } from './storage/Storage';

export interface CreateBoardInput {
  title?: unknown;
  locale?: unknown;
}

export class InvalidBoardInput extends Error {
  override name = 'InvalidBoardInput';
}

/**
 * Creates a board in storage with its meta written once, by the server, so that two first
 * visitors never both initialise it. Returns the new board's id.
 */
export async function createBoard(storage: Storage, input: CreateBoardInput): Promise<string> {
  const title = input.title ?? '';
  if (typeof title !== 'string') throw new InvalidBoardInput('title must be a string');
  if (title.length > TITLE_MAX) {
    throw new InvalidBoardInput(`title must be at most ${TITLE_MAX} characters`);
  }
  const locale: Locale = input.locale === undefined ? 'fi' : (input.locale as Locale);
  if (!isLocale(locale)) throw new InvalidBoardInput('locale must be one of fi, sv, en');
  const doc = new Y.Doc();
  initBoard(doc, { title, locale });
  const id = newId();
  await storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return id;
}
