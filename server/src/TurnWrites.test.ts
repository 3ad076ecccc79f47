import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { atTurnEnd, holdForTurn, holdWholeTurn, MAX_HELD_BYTES } from './TurnWrites';

/** A connected pair of real TCP sockets on localhost: [the server's side, what the peer reads]. */
async function socketPair(): Promise<{ sender: net.Socket; received: () => Buffer }> {
  const chunks: Buffer[] = [];
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const { port } = server.address() as net.AddressInfo;
  const peer = net.connect(port, '127.0.0.1');
  peer.on('data', (chunk: Buffer) => chunks.push(chunk));
  sockets.push(peer);
  const sender = await accepted;
  sockets.push(sender);
  return { sender, received: () => Buffer.concat(chunks) };
}

const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) server.close();
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('holdForTurn', () => {
  it('sends the first message of a turn at once and holds the rest until the turn ends, in order', async () => {
    const { sender, received } = await socketPair();
    for (const word of ['one ', 'two ', 'three']) {
      holdForTurn(sender, word.length);
      sender.write(word);
    }
    // Corked once, at the second message; the second and third wait in the socket's buffer.
    expect(sender.writableCorked).toBe(1);
    expect(sender.writableLength).toBeGreaterThanOrEqual('two three'.length);
    await turn();
    expect(sender.writableCorked).toBe(0);
    await until(() => received().length === 'one two three'.length);
    expect(received().toString()).toBe('one two three');
  });

  it('holds a whole turn from the first write when asked, and releases it once at the end', async () => {
    const { sender, received } = await socketPair();
    holdWholeTurn(sender);
    holdWholeTurn(sender); // asked twice: still one cork
    for (const word of ['gathered ', 'saved']) {
      holdForTurn(sender, word.length);
      sender.write(word);
    }
    expect(sender.writableCorked).toBe(1);
    expect(sender.writableLength).toBe('gathered saved'.length);
    await turn();
    expect(sender.writableCorked).toBe(0);
    await until(() => received().length === 'gathered saved'.length);
    expect(received().toString()).toBe('gathered saved');
  });

  it('holds the rest of a turn whose first write went at once', async () => {
    const { sender, received } = await socketPair();
    holdForTurn(sender, 6);
    sender.write('first ');
    holdWholeTurn(sender);
    holdForTurn(sender, 4);
    sender.write('next');
    expect(sender.writableCorked).toBe(1);
    await turn();
    expect(sender.writableCorked).toBe(0);
    await until(() => received().length === 'first next'.length);
    expect(received().toString()).toBe('first next');
  });

  it('does not cork a socket that hears one message in a turn (a fan-out)', async () => {
    const { sender } = await socketPair();
    holdForTurn(sender, 10);
    sender.write('only one');
    expect(sender.writableCorked).toBe(0);
    await turn();
    expect(sender.writableCorked).toBe(0);
  });

  it('lets nested corks (as ws makes around each frame) wait for the turn', async () => {
    const { sender, received } = await socketPair();
    holdForTurn(sender, 6);
    sender.write('first ');
    holdForTurn(sender, 13);
    sender.cork();
    sender.write('header');
    sender.write('payload');
    sender.uncork();
    expect(sender.writableCorked).toBe(1);
    expect(sender.writableLength).toBeGreaterThanOrEqual('headerpayload'.length);
    await turn();
    await until(() => received().length === 'first headerpayload'.length);
    expect(received().toString()).toBe('first headerpayload');
  });

  it('sends what is held when the socket ends within the turn, and uncorks nothing twice', async () => {
    const { sender, received } = await socketPair();
    holdForTurn(sender, 6);
    sender.write('first ');
    holdForTurn(sender, 10);
    sender.write('last words');
    sender.end();
    await turn();
    await until(() => received().length === 'first last words'.length);
    expect(received().toString()).toBe('first last words');
    expect(sender.writableCorked).toBe(0);
  });

  it('does not hold a large message, and sends what was held before it first', async () => {
    const { sender, received } = await socketPair();
    holdForTurn(sender, 6);
    sender.write('first ');
    holdForTurn(sender, 6);
    sender.write('small ');
    expect(sender.writableCorked).toBe(1);
    const large = 'L'.repeat(MAX_HELD_BYTES + 1);
    holdForTurn(sender, large.length);
    // Uncorked at once: neither waits in the process for the turn's end.
    expect(sender.writableCorked).toBe(0);
    sender.write(large);
    await until(() => received().length === 'first small '.length + large.length);
    expect(received().toString()).toBe(`first small ${large}`);
    await turn();
    expect(sender.writableCorked).toBe(0);
  });

  it('starts afresh in the next turn', async () => {
    const { sender } = await socketPair();
    holdForTurn(sender, 1);
    holdForTurn(sender, 1);
    expect(sender.writableCorked).toBe(1);
    await turn();
    expect(sender.writableCorked).toBe(0);
    holdForTurn(sender, 1);
    expect(sender.writableCorked).toBe(0);
    holdForTurn(sender, 1);
    expect(sender.writableCorked).toBe(1);
    await turn();
    expect(sender.writableCorked).toBe(0);
  });

  it('runs a turn-end write before the release, so what it writes leaves in this turn', async () => {
    const { sender, received } = await socketPair();
    // Asked for when nothing was written in the turn yet (as UpdateBroadcast does at a quiet
    // turn's first update): with a setImmediate of its own, its first write would schedule the
    // release for the next turn, and the second and third would wait corked until then.
    atTurnEnd(() => {
      for (const word of ['one ', 'two ', 'three']) {
        holdForTurn(sender, word.length);
        sender.write(word);
      }
    });
    await turn();
    expect(sender.writableCorked).toBe(0);
    await until(() => received().length === 'one two three'.length);
    expect(received().toString()).toBe('one two three');
  });

  it('runs each turn-end write once', async () => {
    let runs = 0;
    atTurnEnd(() => runs++);
    await turn();
    await turn();
    expect(runs).toBe(1);
  });
});
