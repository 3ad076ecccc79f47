/*
 * Two people on one board through the example deployment's load balancer (deploy/), as
 * deploy/try-with-podman.sh runs it; not part of `npm test` (loadBalancer.test.ts is the test).
 *
 *   tsx test/deploymentCheck.ts open <balancer url> <instance url>...   (in server/)
 *       creates a board, connects two stock y-websocket clients one after the other (nginx's
 *       least_conn gives the second another instance), checks on the instances' /healthz that
 *       they are on different instances, writes a note from each and waits until both see
 *       both and the writer's note is saved. Then prints the busy instances and waits for a
 *       line on stdin: the caller kills one instance's process (kill -9) and writes its index.
 *       Both people must then reconnect through the balancer, write again, and converge.
 *
 * It prints one JSON line per step and exits 0 only if every check held.
 */
import readline from 'node:readline';
import { createNote, decodeSaved, MessageType, readBoard } from '@paja/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

interface Person {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  savedClock: number;
  reconnects: number;
}

function say(step: string, detail: Record<string, unknown> = {}) {
  process.stdout.write(`${JSON.stringify({ step, ...detail })}\n`);
}

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, ms = 20_000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** A person as Paja's client connects: y-websocket, the link's token, asking for "saved". */
function connect(name: string, wsUrl: string, boardId: string, token: string): Person {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, paja: '1' },
    disableBc: true,
  });
  const person: Person = { name, doc, provider, savedClock: 0, reconnects: 0 };
  // Paja's own messages (welcome, people count, ...) that a stock client has no use for; left
  // unhandled, y-websocket logs "Unable to compute message" for each.
  for (const type of Object.values(MessageType)) {
    if (type > MessageType.queryAwareness) provider.messageHandlers[type] = () => {};
  }
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    const saved = decodeSaved(decoder);
    if (!saved.ok) return;
    for (const [id, clock] of saved.value.clocks) {
      if (id === doc.clientID) person.savedClock = Math.max(person.savedClock, clock);
    }
  };
  let opened = 0;
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && ++opened > 1) person.reconnects++;
  });
  return person;
}

async function connectionsPerInstance(instances: readonly string[]): Promise<number[]> {
  return Promise.all(
    instances.map(async (url) => {
      try {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { connections: number };
        return health.connections;
      } catch {
        return -1; // not answering (killed)
      }
    }),
  );
}

async function write(person: Person, text: string) {
  createNote(person.doc, { x: 0, y: 0, text, authorId: person.name, authorName: person.name });
  const clock = Y.getState(person.doc.store, person.doc.clientID);
  const ms = await waitFor(`${person.name}'s note saved`, () => person.savedClock >= clock);
  say('saved', { person: person.name, text, ms });
}

const texts = (person: Person) =>
  readBoard(person.doc)
    .notes.map((note) => note.text)
    .sort();

async function main() {
  const [command, balancer, ...instances] = process.argv.slice(2);
  if (command !== 'open' || !balancer || instances.length < 2) {
    throw new Error(
      'usage: deploymentCheck.ts open <balancer url> <instance url> <instance url>...',
    );
  }
  const created = await fetch(`${balancer}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Äänekoski 2030', locale: 'fi' }),
  });
  if (created.status !== 201) throw new Error(`creating a board answered ${created.status}`);
  const board = (await created.json()) as { id: string; token: string };
  say('board created through the balancer', { board: board.id });
  const wsUrl = `${balancer.replace(/^http/, 'ws')}/sync`;

  const before = await connectionsPerInstance(instances);
  const anna = connect('Anna', wsUrl, board.id, board.token);
  await waitFor('Anna synced', () => anna.provider.synced);
  const withAnna = await connectionsPerInstance(instances);
  const bertil = connect('Bertil', wsUrl, board.id, board.token);
  await waitFor('Bertil synced', () => bertil.provider.synced);
  const withBoth = await connectionsPerInstance(instances);
  const annaAt = withAnna.findIndex((count, i) => count > (before[i] ?? 0));
  const bertilAt = withBoth.findIndex((count, i) => count > (withAnna[i] ?? 0));
  say('connected', { annaOnInstance: annaAt + 1, bertilOnInstance: bertilAt + 1, withBoth });
  if (annaAt < 0 || bertilAt < 0 || annaAt === bertilAt) {
    throw new Error('the two people are not on two different instances');
  }

  await write(anna, 'Pyöräteitä lisää');
  await write(bertil, 'Ökologisk stadsplanering');
  const both = ['Pyöräteitä lisää', 'Ökologisk stadsplanering'].sort();
  const ms = await waitFor('both see both notes', () =>
    [anna, bertil].every((p) => JSON.stringify(texts(p)) === JSON.stringify(both)),
  );
  say('converged across instances', { notes: both, ms });
  say('ready to kill', { instances: [annaAt + 1, bertilAt + 1] });

  // The caller kills an instance (kill -9) and tells us which (1-based) on stdin.
  const lines = readline.createInterface({ input: process.stdin });
  const killed = Number((await lines[Symbol.asyncIterator]().next()).value);
  lines.close();
  const moved = [anna, bertil].filter((_, i) => [annaAt, bertilAt][i] === killed - 1);
  say('instance killed', { instance: killed, people: moved.map((p) => p.name) });
  const reconnectMs = await waitFor(
    'the killed instance’s people reconnected and synced',
    () => moved.every((p) => p.reconnects > 0 && p.provider.synced),
    30_000,
  );
  const after = await connectionsPerInstance(instances);
  say('reconnected through the balancer', { ms: reconnectMs, connectionsPerInstance: after });

  await write(anna, 'Uimahalli');
  await write(bertil, 'Bibliotek');
  const all = [...both, 'Uimahalli', 'Bibliotek'].sort();
  const convergedMs = await waitFor('all four notes on both', () =>
    [anna, bertil].every((p) => JSON.stringify(texts(p)) === JSON.stringify(all)),
  );
  say('converged after the kill', { notes: all, ms: convergedMs });
  for (const person of [anna, bertil]) {
    person.provider.destroy();
    person.doc.destroy();
  }
  say('done', { board: board.id });
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    say('failed', { error: error.message });
    process.exit(1);
  },
);
