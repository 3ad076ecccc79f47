import { guessMapping, importNotes, newId, parseCsv, planImport } from '@paja/shared';
import * as Y from 'yjs';
import { createBoard } from '../boards';
import type { Storage } from '../storage/Storage';
import { loadBoardDoc } from './loadDoc';

export class CsvImportError extends Error {
  override name = 'CsvImportError';
}

/**
 * `pnpm paja import --format csv`: a CSV file of notes as a new board, with the same parsing,
 * column guess and limits as the page's import (shared/src/csvImport.ts). The header row names
 * the columns; what was left out is reported, as the page's preview says it.
 */
export async function importCsvBoard(
  storage: Storage,
  bytes: Uint8Array,
  options: { title?: string; locale?: string },
) {
  const rows = parseCsv(Buffer.from(bytes).toString('utf8'));
  const header = rows[0];
  if (!header) throw new CsvImportError('the file has no rows');
  const mapping = guessMapping(header);
  if (mapping.text === null) {
    throw new CsvImportError(`no text column among: ${header.join(', ')}`);
  }
  const plan = planImport(rows, mapping, true);
  if (plan.notes.length === 0) throw new CsvImportError('no row has a text');
  const id = await createBoard(storage, { title: options.title, locale: options.locale });
  const doc = await loadBoardDoc(storage, id);
  if (!doc) throw new Error(`board ${id} vanished`);
  const before = Y.encodeStateVector(doc);
  importNotes(doc, plan.notes, { x: 0, y: 0 }, { id: `import-${newId()}`, name: '' });
  await storage.appendUpdates(id, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
  const columns = Object.fromEntries(
    Object.entries(mapping).map(([field, i]) => [field, i === null ? null : header[i]]),
  );
  const { notes, ...left } = plan;
  return { id, report: { notes: notes.length, columns, ...left } };
}
