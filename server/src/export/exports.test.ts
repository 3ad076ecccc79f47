import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBoard, setTitle } from '@paja/shared';
import ExcelJS from 'exceljs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../cli';
import { loadConfig } from '../config';
import { MemoryStorage } from '../storage/MemoryStorage';
import { importBackup, readBackup } from './backup';
import { ExportJobs, MAX_JOBS_PER_BOARD, TooManyJobsError } from './ExportJobs';
import { exportBoard, exportFilename, renderExport } from './exportBoard';
import { loadBoardDoc } from './loadDoc';
import { PNG_MAX_PIXELS, pngScale } from './png';
import { neutraliseFormula } from './tabular';
import { LIMITS, SAMPLE, sampleBoard } from './testBoard';

// Each format is opened by a reader that is not ours: pdf-parse (pdf.js), fast-xml-parser,
// exceljs reading back, a CSV split by hand per RFC 4180, and the importer for JSON.

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('exports from the board model', () => {
  it('PDF: vector text with å, ä, ö and Sámi letters, Finnish headings, tagged', async () => {
    const file = await exportBoard(sampleBoard('fi'), 'pdf');
    expect(file.mime).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(file.bytes) });
    const { text } = await parser.getText();
    const info = await parser.getInfo();
    await parser.destroy();
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(SAMPLE.noteA);
    expect(flat).toContain(SAMPLE.noteSami);
    expect(flat).toContain('Työpajaraportti');
    expect(flat).toContain('Tiekartta');
    expect(flat).toContain(SAMPLE.commentVisible);
    expect(flat).not.toContain(SAMPLE.commentPending);
    expect(info.info?.Title).toBe(SAMPLE.title);
    const raw = file.bytes.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toMatch(/\/FontFile2/); // the font is embedded
  });

  it('SVG: well-formed XML holding every note, cluster and roadmap title', async () => {
    const file = await exportBoard(sampleBoard('fi'), 'svg');
    const xml = file.bytes.toString('utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { svg: unknown };
    expect(parsed.svg).toBeTruthy();
    const texts = [...xml.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>|<text[^>]*>([^<]*)<\/text>/g)]
      .map((m) => m[1] ?? m[2] ?? '')
      .join(' ');
    for (const word of ['Pyöräilyä', 'Sámegiella', 'đuoddariid:', 'Liikkuminen', 'Arki', '2030']) {
      expect(texts).toContain(word);
    }
    expect(xml).not.toContain('<script');
  });

  it('PNG: a real PNG; only boards past PNG_MAX_PIXELS are scaled down', async () => {
    const file = await exportBoard(sampleBoard('fi'), 'png');
    expect([...file.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(file.bytes.readUInt32BE(16)).toBeGreaterThan(500); // width from the IHDR chunk
    expect(pngScale(1000, 1000)).toBe(1);
    // 40,000 x 20,000 board units: 800 Mpx, past the cap of 64 Mpx (drawn in strips).
    const s = pngScale(40_000, 20_000);
    expect(40_000 * s * 20_000 * s).toBeLessThanOrEqual(PNG_MAX_PIXELS + 1);
    expect(pngScale(8_000, 6_000)).toBe(1); // 48 Mpx: three browser canvases, at full size
  });

  it('CSV: one row per note, votes and comments counted, a formula cell escaped', async () => {
    const file = await exportBoard(sampleBoard('fi'), 'csv');
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = csvRows(text.slice(1));
    expect(rows[0]).toEqual([
      'Aihe',
      'Tiekartan solu',
      'Teksti',
      'Kirjoittaja',
      'Organisaatio',
      'Ääniä',
      'Kommentteja',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows).toContainEqual([
      'Liikkuminen',
      '',
      SAMPLE.noteA,
      'Aino Äijälä',
      'Jyväskylän kaupunki',
      '4',
      '1',
    ]);
    expect(rows).toContainEqual([
      'Liikkuminen',
      'Arki / 2030',
      SAMPLE.noteB,
      'Aino Äijälä',
      'Jyväskylän kaupunki',
      '1',
      '0',
    ]);
    const formula = rows.find((r) => r[2]?.includes('HYPERLINK'));
    expect(formula?.[2]).toBe(`'${SAMPLE.noteFormula}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('formula escaping covers = + - @ tab and carriage return, and nothing else', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    }
    expect(neutraliseFormula('Äänekoski = hyvä')).toBe('Äänekoski = hyvä');
  });

  it('XLSX: read back by exceljs, strings not formulas, Swedish sheet names', async () => {
    const file = await exportBoard(sampleBoard('sv'), 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Lappar',
      'Färdplan',
      'Omröstningarnas resultat',
      'Kommentarer',
    ]);
    const notes = book.getWorksheet('Lappar');
    const values = (n: number) => ((notes?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)).toEqual([
      'Ämne',
      'Färdplanens cell',
      'Text',
      'Författare',
      'Organisation',
      'Röster',
      'Kommentarer',
    ]);
    const all = [2, 3, 4, 5].map(values);
    expect(all.map((r) => r[2])).toContain(SAMPLE.noteSami);
    // A text cell is typed as text: it needs no guard apostrophe (the CSV's), which a reader
    // would see as part of the note; and no cell of any sheet is a formula.
    const formulaRow = all.find((r) => String(r[2]).includes('HYPERLINK'));
    expect(formulaRow?.[2]).toBe(SAMPLE.noteFormula);
    const formulaCell = notes?.getRow(1 + all.indexOf(formulaRow ?? [])).getCell(3);
    expect(formulaCell?.type).toBe(ExcelJS.ValueType.String);
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(String(cell.value)).not.toMatch(/^'/);
        }),
      );
    }
    const roadmap = book.getWorksheet('Färdplan');
    expect(((roadmap?.getRow(2).values ?? []) as unknown[]).slice(1)).toEqual([
      'Arki',
      '',
      SAMPLE.noteB,
    ]);
  });

  it('Markdown: headings in the board language, revealed votes, no pending comment', async () => {
    const md = (await exportBoard(sampleBoard('en'), 'md')).bytes.toString('utf8');
    expect(md).toContain(`# ${SAMPLE.title}`);
    expect(md).toContain('## Topics');
    expect(md).toContain('### Liikkuminen (2)');
    expect(md).toContain('## Roadmap');
    expect(md).toContain('| Arki |  | Kirjasto-auto kylille |');
    expect(md).toContain('1. Pyöräilyä ympäri vuoden – väylät kuntoon — 4');
    expect(md).toContain(SAMPLE.commentVisible);
    expect(md).not.toContain(SAMPLE.commentPending);
  });

  it('an untitled board is headed as the board shows it, not "Workshop report" twice', async () => {
    const doc = sampleBoard('en');
    setTitle(doc, '');
    const md = (await exportBoard(doc, 'md')).bytes.toString('utf8');
    expect(md.split('\n')[0]).toBe('# Untitled board');
    const file = await exportBoard(doc, 'pdf');
    const pdf = await new PDFParse({ data: new Uint8Array(file.bytes) }).getText();
    expect(pdf.text).toContain('Untitled board');
    expect(pdf.text.match(/Workshop report/g)).toHaveLength(1);
    const svg = (await exportBoard(doc, 'svg')).bytes.toString('utf8');
    expect(svg).toContain('<title id="paja-title">Untitled board</title>');
  });

  it('JSON: export then import gives the same board', async () => {
    const doc = sampleBoard('fi');
    const file = await exportBoard(doc, 'json');
    const storage = new MemoryStorage();
    const id = await importBackup(storage, file.bytes, LIMITS);
    const again = await loadBoardDoc(storage, id);
    expect(again).not.toBeNull();
    expect(readBoard(again as NonNullable<typeof again>)).toEqual(readBoard(doc));
    const backup = JSON.parse(file.bytes.toString('utf8')) as { board: unknown };
    expect(backup.board).toEqual(JSON.parse(JSON.stringify(readBoard(doc))));
  });

  it('JSON import refuses what is not a Paja backup', () => {
    expect(() => readBackup(Buffer.from('nope'), LIMITS)).toThrow(/not JSON/);
    expect(() => readBackup(Buffer.from('{"format":"x"}'), LIMITS)).toThrow(/not a Paja/);
    const noState = { format: 'paja-board', version: 1, state: '!!' };
    expect(() => readBackup(Buffer.from(JSON.stringify(noState)), LIMITS)).toThrow(
      /no board state/,
    );
    const empty = { format: 'paja-board', version: 1, state: 'AAA=' }; // an empty document
    expect(() => readBackup(Buffer.from(JSON.stringify(empty)), LIMITS)).toThrow(/empty board/);
  });

  it('file names keep å, ä, ö and drop what file systems dislike', () => {
    expect(exportFilename('Työpaja 2: Äänekoski/ja "Sámi"', 'pdf')).toBe(
      'Työpaja-2-Äänekoski-ja-Sámi.pdf',
    );
    expect(exportFilename('', 'csv')).toBe('paja-board.csv');
  });
});

describe('export jobs', () => {
  it('runs a job to done with its file, and refuses past the per-board limit', async () => {
    const jobs = new ExportJobs({ render: renderExport });
    const doc = sampleBoard('fi');
    const job = jobs.start('b1', doc, 'pdf');
    expect(jobs.get('b2', job.id)).toBeNull(); // another board's id never finds it
    for (let i = 1; i < MAX_JOBS_PER_BOARD; i++) jobs.start('b1', doc, 'csv');
    expect(() => jobs.start('b1', doc, 'md')).toThrow(TooManyJobsError);
    await jobs.idle();
    const done = jobs.get('b1', job.id);
    expect(done?.status).toBe('done');
    expect(done?.progress).toBe(1);
    expect(done?.file?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(() => jobs.start('b1', doc, 'md')).not.toThrow();
  });
});

describe('pnpm paja export / import', () => {
  it('exports to a file, logs it, and imports the JSON back as a new board', async () => {
    const storage = new MemoryStorage();
    const secret = 'cli-test-secret-long-enough-for-the-check-123';
    const config = loadConfig({});
    const created = (await runCommand(
      ['board', 'create', '--title', 'Åland'],
      config,
      storage,
      secret,
    )) as {
      id: string;
    };
    // An attachment of the Files panel travels in the JSON backup.
    const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
    await storage.blobs.put(created.id, [
      {
        id: 'PpPpPpPpPpPpPpPpPpPpPp',
        kind: 'attachment',
        mime: 'application/pdf',
        name: 'Pöytäkirja.pdf',
        bytes: pdf.byteLength,
        createdAt: 1_000,
        data: pdf,
      },
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-export-'));
    const out = path.join(dir, 'board.json');
    const result = (await runCommand(
      ['export', '--board', created.id, '--format', 'json', '--out', out],
      config,
      storage,
      secret,
    )) as { bytes: number };
    expect(fs.statSync(out).size).toBe(result.bytes);
    const stored = await storage.loadBoard(created.id);
    const log = stored?.side.filter((r) => r.kind === 'export-log') ?? [];
    expect(log.map((r) => JSON.parse(r.value))).toMatchObject([
      { format: 'json', role: 'operator', via: 'cli' },
    ]);
    const imported = (await runCommand(['import', '--file', out], config, storage, secret)) as {
      id: string;
    };
    expect(imported.id).not.toBe(created.id);
    const a = await loadBoardDoc(storage, created.id);
    const b = await loadBoardDoc(storage, imported.id);
    expect(a && b && readBoard(b)).toEqual(a && readBoard(a));
    const copied = await storage.blobs.get(imported.id, 'PpPpPpPpPpPpPpPpPpPpPp');
    expect(copied?.name).toBe('Pöytäkirja.pdf');
    expect(copied && Buffer.from(copied.data).equals(Buffer.from(pdf))).toBe(true);
    await expect(
      runCommand(
        ['export', '--board', created.id, '--format', 'gif', '--out', out],
        config,
        storage,
        secret,
      ),
    ).rejects.toThrow(/--format must be one of/);
  });
});
