/**
 * Board size and load-time benchmark (not a timed test: it reports, it does not assert).
 *
 *   pnpm bench            (from the repository root; runs node --expose-gc --import tsx)
 *
 * Builds a board of PAJA_BENCH_NOTES notes (default 10,000) in PAJA_BENCH_CLUSTERS clusters
 * (default 100), the way people build one: each note created in its own transaction, then a
 * facilitator clusters them. Reports the encoded size, bytes per note, encode and load times
 * and the heap a loaded board takes. Then moves every note PAJA_BENCH_MOVES times (default
 * 100) in two patterns and reports how the encoded size and load time grow, with Yjs garbage
 * collection on (the default, what the server runs) and off (what keeps full history):
 *
 *   one-by-one   note after note: a note is dropped 100 times, then the next one
 *   group-drag   100 rounds, each one moveNotes() of every note (a group move)
 */
import { performance } from 'node:perf_hooks';
import {
  arrangeCluster,
  createCluster,
  createNote,
  moveNote,
  moveNotes,
  readBoard,
} from '@paja/shared';
import * as Y from 'yjs';

const NOTES = Number(process.env.PAJA_BENCH_NOTES ?? 10_000);
const CLUSTERS = Number(process.env.PAJA_BENCH_CLUSTERS ?? 100);
const MOVES = Number(process.env.PAJA_BENCH_MOVES ?? 100);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc (pnpm bench does) to measure heap use.');
  process.exit(1);
}

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (millis: number) => `${millis.toFixed(0)} ms`;

function build(gcEnabled: boolean): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc({ gc: gcEnabled });
  doc.clientID = 1;
  const ids: string[] = [];
  const perCluster = Math.ceil(NOTES / CLUSTERS);
  for (let c = 0; c < CLUSTERS; c++) {
    const members: string[] = [];
    for (let i = 0; i < perCluster && ids.length < NOTES; i++) {
      const id = createNote(doc, {
        x: (ids.length % 100) * 200,
        y: Math.floor(ids.length / 100) * 200,
        text: `Muistiinpano ${ids.length}: joukkoliikenne ja pyöräily`,
        authorId: `p${ids.length % 40}`,
        authorName: `Osallistuja ${ids.length % 40}`,
        now: 1_700_000_000_000 + ids.length,
      });
      ids.push(id);
      members.push(id);
    }
    const cluster = createCluster(doc, { noteIds: members, title: `Aihe ${c}`, now: 1 });
    arrangeCluster(doc, cluster);
  }
  return { doc, ids };
}

interface Measure {
  bytes: number;
  encodeMs: number;
  loadMs: number;
  heap: number;
}

function measure(doc: Y.Doc): Measure {
  const [update, encodeMs] = time(() => Y.encodeStateAsUpdate(doc));
  const before = heapUsed();
  const [loaded, loadMs] = time(() => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, update);
    return copy;
  });
  const heap = heapUsed() - before;
  loaded.destroy();
  return { bytes: update.byteLength, encodeMs, loadMs, heap };
}

function churn(doc: Y.Doc, ids: readonly string[], pattern: 'one-by-one' | 'group-drag'): number {
  const [, took] = time(() => {
    if (pattern === 'one-by-one') {
      for (const [n, id] of ids.entries()) {
        for (let m = 1; m <= MOVES; m++) moveNote(doc, id, (n % 100) * 200 + m, m);
      }
    } else {
      for (let m = 1; m <= MOVES; m++) {
        moveNotes(
          doc,
          ids.map((id, n) => ({ id, x: (n % 100) * 200 + m, y: m })),
        );
      }
    }
  });
  return took;
}

console.log(
  `Paja board benchmark: ${NOTES} notes in ${CLUSTERS} clusters, ${MOVES} moves per note`,
);
console.log(`node ${process.version}, yjs 13.6.33, ${process.platform}/${process.arch}\n`);

const [{ doc: fresh }, buildMs] = time(() => build(true));
const [view, readMs] = time(() => readBoard(fresh));
const base = measure(fresh);
console.log('## Fresh board\n');
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| build (${NOTES} createNote + ${CLUSTERS} createCluster/arrange) | ${ms(buildMs)} |`);
console.log(`| encoded size | ${mb(base.bytes)} |`);
console.log(`| bytes per note | ${(base.bytes / NOTES).toFixed(0)} |`);
console.log(`| encode (encodeStateAsUpdate) | ${ms(base.encodeMs)} |`);
console.log(`| load into a fresh Y.Doc (applyUpdate) | ${ms(base.loadMs)} |`);
console.log(
  `| heap used by the loaded doc | ${mb(base.heap)} (${(base.heap / base.bytes).toFixed(0)}x encoded) |`,
);
console.log(
  `| readBoard (whole view, validated) | ${ms(readMs)} (${view.notes.length} notes, ${view.clusters.length} clusters) |`,
);
fresh.destroy();

console.log(`\n## After moving every note ${MOVES} times\n`);
console.log('| pattern | Y.Doc gc | churn time | encoded size | growth | load | heap |');
console.log('|---|---|---|---|---|---|---|');
for (const pattern of ['one-by-one', 'group-drag'] as const) {
  for (const gcEnabled of [true, false]) {
    const { doc, ids } = build(gcEnabled);
    const start = Y.encodeStateAsUpdate(doc).byteLength;
    const took = churn(doc, ids, pattern);
    const after = measure(doc);
    console.log(
      `| ${pattern} | ${gcEnabled} | ${ms(took)} | ${mb(after.bytes)} | ` +
        `${(after.bytes / start).toFixed(2)}x (+${mb(after.bytes - start)}) | ` +
        `${ms(after.loadMs)} | ${mb(after.heap)} |`,
    );
    doc.destroy();
  }
}
