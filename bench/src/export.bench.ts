/**
 * Export time of a big board, per format (not a timed test: it reports, it does not assert).
 *
 *   pnpm --filter @paja/bench bench:export      (PAJA_BENCH_NOTES, default 10,000;
 *                                               PAJA_BENCH_FORMATS=png,svg for some formats)
 *
 * The board: PAJA_BENCH_NOTES notes of about 60 characters with åäö, in 100 clusters, a
 * roadmap of 4 themes × 5 periods holding 500 of the notes, a revealed vote over 200 notes
 * and 300 visible comments. Each format is rendered the way an export job (or `pnpm paja
 * export`) renders it: read the board once, then render. Reports time, size and the heap
 * growth of each export.
 */
import { performance } from 'node:perf_hooks';
import { EXPORT_FORMATS, exportBoard } from '@paja/server';
import {
  addComment,
  addLane,
  addPeriod,
  createCluster,
  createNote,
  createVoteSession,
  initBoard,
  placeOnRoadmap,
  revealVoteResults,
  setVoteSessionOpen,
  writeVoteResults,
} from '@paja/shared';
import * as Y from 'yjs';

const NOTES = Number(process.env.PAJA_BENCH_NOTES ?? 10_000);
const CLUSTERS = 100;

function buildBoard(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  initBoard(doc, { title: 'Suuri työpaja', locale: 'fi', now: 1 });
  const ids: string[] = [];
  for (let i = 0; i < NOTES; i++) {
    ids.push(
      createNote(doc, {
        x: (i % 100) * 180,
        y: 3000 + Math.floor(i / 100) * 180,
        text: `Lappu ${i}: pyöräilyä ympäri vuoden, väylät kuntoon ja äänestys`,
        authorId: `p${i % 40}`,
        authorName: `Osallistuja ${i % 40}`,
        organisation: `Kunta ${i % 12}`,
        now: 1000 + i,
      }),
    );
  }
  const per = Math.ceil(NOTES / CLUSTERS);
  for (let c = 0; c < CLUSTERS; c++) {
    createCluster(doc, { noteIds: ids.slice(c * per, (c + 1) * per), title: `Aihe ${c + 1}` });
  }
  const lanes = ['Arki', 'Liikenne', 'Kulttuuri', 'Ympäristö'].map((title) =>
    addLane(doc, { title }),
  );
  const periods = ['2026', '2027', '2028', '2029', '2030'].map((title) =>
    addPeriod(doc, { title }),
  );
  for (let i = 0; i < 500 && i < NOTES; i++) {
    const lane = lanes[i % lanes.length] as string;
    const period = periods[Math.floor(i / lanes.length) % periods.length] as string;
    placeOnRoadmap(doc, [ids[i] as string], { lane, period });
  }
  const candidates = ids.slice(0, 200);
  const vote = createVoteSession(doc, { title: 'Tärkeimmät', dotsPerPerson: 5, candidates });
  setVoteSessionOpen(doc, vote, false);
  writeVoteResults(doc, vote, {
    counts: Object.fromEntries(candidates.map((id, i) => [id, (i * 7) % 13])),
    voters: 40,
  });
  revealVoteResults(doc, vote);
  for (let i = 0; i < 300; i++) {
    addComment(doc, {
      anchor: { kind: 'note', note: ids[(i * 31) % NOTES] as string },
      text: `Kommentti ${i}: hyvä ajatus, myös talvella`,
      authorName: `Kuntalainen ${i}`,
    });
  }
  return doc;
}

const started = performance.now();
const doc = buildBoard();
console.log(`board of ${NOTES} notes built in ${Math.round(performance.now() - started)} ms`);
console.log('| format | time | size |');
console.log('| --- | --- | --- |');
// PAJA_BENCH_FORMATS=png,svg measures only those.
const only = process.env.PAJA_BENCH_FORMATS?.split(',');
for (const format of EXPORT_FORMATS.filter((f) => !only || only.includes(f))) {
  const t0 = performance.now();
  const file = await exportBoard(doc, format);
  const ms = Math.round(performance.now() - t0);
  const size =
    file.bytes.length > 1e6
      ? `${(file.bytes.length / 1e6).toFixed(2)} MB`
      : `${Math.round(file.bytes.length / 1e3)} kB`;
  console.log(`| ${format} | ${ms} ms | ${size} |`);
}
