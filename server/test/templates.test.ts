import fs from 'node:fs';
import path from 'node:path';
import {
  checkInvariants,
  LOCALES,
  localize,
  migrate,
  parseTemplate,
  readBoard,
} from '@paja/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard, InvalidBoardInput } from '../src/boards';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { loadTemplates, TemplateError } from '../src/templates';
import { type RunningServer, startServer, tempDir } from './harness';

const all = [...loadTemplates().values()];

async function boardFrom(storage: MemoryStorage, id: string) {
  const stored = await storage.loadBoard(id);
  if (!stored?.snapshot && !stored?.updates.length) throw new Error('not stored');
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('board templates', () => {
  it('the repository has the blank, affinity map and 2030 roadmap templates', () => {
    expect(all.map((t) => t.id)).toEqual(['blank', 'affinity-map', 'roadmap-2030']);
  });

  for (const template of all) {
    for (const locale of LOCALES) {
      it(`${template.id} in ${locale} makes a board with nothing invalid`, async () => {
        const storage = new MemoryStorage();
        const id = await createBoard(storage, { template: template.id, locale });
        const doc = await boardFrom(storage, id);
        // As the server loads it: migrated first (a no-op for a new board).
        migrate(doc);
        const board = readBoard(doc);
        expect(board.invalid).toEqual([]);
        expect(board.dangling).toEqual([]);
        expect(checkInvariants(board)).toEqual([]);
        expect(board.meta.locale).toBe(locale);
        expect(board.meta.template).toBe(template.id);
        expect(board.notes).toHaveLength(template.notes.length);
        expect(board.clusters).toHaveLength(template.clusters.length);
        expect(board.roadmap.lanes.map((l) => l.title)).toEqual(
          template.lanes.map((l) => localize(l, locale)),
        );
        expect(board.roadmap.periods.map((p) => p.title)).toEqual(
          template.periods.map((p) => localize(p, locale)),
        );
        for (const note of board.notes) expect(note.text.trim()).not.toBe('');
        for (const cluster of board.clusters) expect(cluster.title.trim()).not.toBe('');
        if (template.title) expect(board.meta.title).toBe(localize(template.title, locale));
        doc.destroy();
      });
    }
  }

  it('the 2030 roadmap has its four parts: introduction, topics, roadmap to 2030, links', async () => {
    const storage = new MemoryStorage();
    const id = await createBoard(storage, { template: 'roadmap-2030', locale: 'fi' });
    const board = readBoard(await boardFrom(storage, id));
    const titles = board.clusters.map((c) => c.title);
    expect(titles).toContain('1. Johdanto');
    expect(titles).toContain('4. Liitteet ja linkit');
    expect(board.notes.some((n) => n.text.startsWith('2. Kokonaiskuva'))).toBe(true);
    expect(board.roadmap.periods.map((p) => p.title)).toEqual([
      '2026',
      '2027',
      '2028',
      '2029',
      '2030',
    ]);
    const intro = board.clusters.find((c) => c.title === '1. Johdanto');
    expect(intro?.members).toHaveLength(4);
  });

  it('a title given by the creator wins over the template title', async () => {
    const storage = new MemoryStorage();
    const id = await createBoard(storage, { template: 'roadmap-2030', title: 'Oma', locale: 'sv' });
    expect(readBoard(await boardFrom(storage, id)).meta.title).toBe('Oma');
  });

  it('an unknown template is refused, naming the ones there are', async () => {
    const storage = new MemoryStorage();
    await expect(createBoard(storage, { template: 'nope' })).rejects.toThrow(InvalidBoardInput);
    await expect(createBoard(storage, { template: 3 })).rejects.toThrow(/blank, affinity-map/);
  });

  it('names every problem of a bad template file, with where it is', () => {
    const check = parseTemplate({
      id: 'Bad Id',
      name: { fi: 'x', sv: 'y' },
      clusters: [{ key: 'a', title: 'A', x: 0, y: 0, w: 10, h: 100 }],
      notes: [{ text: { fi: 'a', sv: 'b', en: 'c', de: 'd' }, x: 'left', y: 0, cluster: 'b' }],
      lanes: 'Theme',
      periods: [{ fi: '' }],
    });
    expect(check.ok).toBe(false);
    const errors = check.ok ? [] : check.errors;
    for (const expected of [
      /^id: /,
      /^name.en: is missing/,
      /^clusters\[0\].w: must be a number from 60/,
      /^notes\[0\].x: must be a number/,
      /^notes\[0\].cluster: names no cluster/,
      /^notes\[0\].text.de: is not a language/,
      /^lanes: must be a list/,
      /^periods\[0\].fi: is missing/,
    ]) {
      expect(
        errors.some((e) => expected.test(e)),
        String(expected),
      ).toBe(true);
    }
  });

  it('an operator adds a template by dropping a JSON file; a broken one stops the start', () => {
    const dir = tempDir('paja-templates-');
    const mine = {
      id: 'retro',
      name: { fi: 'Retro', sv: 'Retro', en: 'Retro' },
      notes: [
        { text: { fi: 'Mikä toimi?', sv: 'Vad fungerade?', en: 'What worked?' }, x: 0, y: 0 },
      ],
    };
    fs.writeFileSync(path.join(dir, 'retro.json'), JSON.stringify(mine));
    expect([...loadTemplates(dir).keys()]).toEqual(['retro']);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"id": "broken",');
    expect(() => loadTemplates(dir)).toThrow(TemplateError);
    expect(() => loadTemplates(dir)).toThrow(/broken.json/);
  });
});

describe('templates over HTTP', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer(tempDir());
  });
  afterAll(async () => {
    await running.server.close();
  });

  it('lists the templates with their names in every language', async () => {
    const response = await fetch(`${running.url}/api/templates`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { templates: Array<{ id: string; name: object }> };
    expect(body.templates.map((t) => t.id)).toEqual(['blank', 'affinity-map', 'roadmap-2030']);
    expect(body.templates[2]?.name).toEqual({
      fi: 'Yhteiskehittämisen tiekartta 2030',
      sv: 'Samskapande färdplan 2030',
      en: 'Co-creation roadmap 2030',
    });
  });

  it('POST /api/boards takes a template, and refuses an unknown one with 400', async () => {
    const post = (body: unknown) =>
      fetch(`${running.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ template: 'affinity-map', locale: 'en' })).status).toBe(201);
    const refused = await post({ template: 'no-such-template' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /unknown template "no-such-template"/,
    );
  });
});
