/**
 * The edit guard's time per participant update (shared/src/editGuard.ts with the value checks
 * of updateValues.ts), on a board of 1,000 notes: a move of her own note, one typed character,
 * a new note, and a pasted 500-character text. Each update is judged against the same board
 * many times; the figure is the median of rounds, in µs per update.
 *
 * With --against=<checkout> it also judges with that checkout's shared/src/editGuard.ts (its
 * node_modules linked from this one's), alternating the two in one process, round by round, so
 * that the machine's noise falls on both alike; then prints the ratio.
 *
 *   pnpm --filter @paja/bench bench:guard [--against=/path/to/older/checkout]
 */
import path from 'node:path';
import { createNote, type Editor, initBoard, judgeUpdate, moveNote, noteText } from '@paja/shared';
import * as Y from 'yjs';

type Judge = (doc: Y.Doc, update: Uint8Array, editor: Editor) => unknown;

const ROUNDS = 21;
const PER_ROUND = 2_000;
const alice: Editor = { role: 'participant', participantId: 'pAlice' };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function board(): { doc: Y.Doc; mine: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Tiekartta', locale: 'fi' });
  let mine = '';
  for (let i = 0; i < 1_000; i++) {
    const id = createNote(doc, {
      x: (i % 40) * 200,
      y: Math.floor(i / 40) * 200,
      text: `Idea ${i}: pyöräteitä kouluille ja kirjastoille`,
      authorId: i % 10 === 0 ? 'pAlice' : `p${i % 7}`,
      authorName: 'N',
    });
    if (i === 0) mine = id;
  }
  return { doc, mine };
}

/** What `change` made on a replica of `doc` sends. */
function updateOf(doc: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => updates.push(u));
  change(replica);
  return Y.mergeUpdates(updates);
}

function timePerUpdate(judge: Judge, doc: Y.Doc, update: Uint8Array): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) judge(doc, update, alice);
  return Number(process.hrtime.bigint() - start) / 1_000 / PER_ROUND;
}

async function main(): Promise<void> {
  const against = process.argv.find((a) => a.startsWith('--against='))?.slice(10);
  const judges: [string, Judge][] = [['this checkout', judgeUpdate as Judge]];
  if (against) {
    const other = await import(path.resolve(against, 'shared/src/editGuard.ts'));
    judges.push([`--against`, other.judgeUpdate as Judge]);
  }
  const { doc, mine } = board();
  const updates: [string, Uint8Array][] = [
    ['move her own note', updateOf(doc, (d) => moveNote(d, mine, 420, 380))],
    ['type one character', updateOf(doc, (d) => noteText(d, mine)?.insert(3, 'x'))],
    [
      'add a note',
      updateOf(doc, (d) =>
        createNote(d, { x: 9000, y: 0, text: 'Uusi idea', authorId: 'pAlice', authorName: 'A' }),
      ),
    ],
    ['paste 500 characters', updateOf(doc, (d) => noteText(d, mine)?.insert(0, 'y'.repeat(500)))],
  ];
  for (const [, judge] of judges) {
    for (const [what, update] of updates) {
      if (judge(doc, update, alice) !== null) throw new Error(`${what} was refused`);
    }
  }
  console.log(
    `| update | ${judges.map(([name]) => `${name} µs`).join(' | ')} |${against ? ' ratio |' : ''}`,
  );
  console.log(`| --- | ${judges.map(() => '---:').join(' | ')} |${against ? ' ---: |' : ''}`);
  for (const [what, update] of updates) {
    const samples = judges.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++) {
      judges.forEach(([, judge], i) => {
        samples[i]?.push(timePerUpdate(judge, doc, update));
      });
    }
    const medians = samples.map(median);
    const ratio = against ? ` ${((medians[0] ?? 0) / (medians[1] ?? 1)).toFixed(2)} |` : '';
    console.log(`| ${what} | ${medians.map((m) => m.toFixed(2)).join(' | ')} |${ratio}`);
  }
}

await main();
