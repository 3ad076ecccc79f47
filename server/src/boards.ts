import {
  applyTemplate,
  type BoardTemplate,
  initBoard,
  isLocale,
  type Locale,
  localize,
  newId,
  TITLE_MAX,
} from '@paja/shared';
import * as Y from 'yjs';
import type { Storage } from './storage/Storage';
import { templates } from './templates';

export interface CreateBoardInput {
  title?: unknown;
  locale?: unknown;
  /** Id of a template (shared/templates); none makes a blank board. */
  template?: unknown;
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
  const template = findTemplate(input.template);
  const doc = new Y.Doc();
  const now = Date.now();
  initBoard(doc, {
    title: title.trim() === '' && template?.title ? localize(template.title, locale) : title,
    locale,
    now,
    ...(template ? { template: template.id } : {}),
  });
  if (template) applyTemplate(doc, template, locale, now);
  const id = newId();
  await storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return id;
}

function findTemplate(id: unknown): BoardTemplate | null {
  if (id === undefined || id === null) return null;
  const all = templates();
  const template = typeof id === 'string' ? all.get(id) : undefined;
  if (!template) {
    throw new InvalidBoardInput(
      `unknown template ${JSON.stringify(id)}; this server has: ${[...all.keys()].join(', ')}`,
    );
  }
  return template;
}
