/** What this needs of a socket: Node's Writable cork and uncork (net.Socket has both). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Writes to one socket within one turn of the event loop leave together, in one system call.
 *
 * `ws` writes every message with a system call of its own (a `writev` of the frame header and
 * the payload). On a busy board an editor hears several updates per turn (one per writer whose
 * message arrived in that poll phase, plus `saved`), and profiling 50 writers at 30 Hz showed
 * that system call as the largest single cost of the server (a quarter of its main thread).
 * The first write of a turn corks the socket; at the end of the turn (setImmediate, which runs
 * after the poll phase that read the messages) every corked socket is uncorked, and Node hands
 * all of its frames to the kernel in one `writev`. Nothing is merged or reordered: the client
 * receives the same frames, at most one turn later. `ws` corks and uncorks around each frame
 * itself; corks nest, so its frames wait for ours.
 *
 * A socket that closes meanwhile is harmless: `end()` flushes a corked socket, and uncorking
 * an ended or destroyed one does nothing. The turn is the process's, so the set is too.
 */
/**
 * Larger messages are not held (and release what is held before them): batching gains nothing
 * on a write that size, and bytes held in the process count against the socket's send budget
 * (Connection.send), where three 750 kB answers held for one turn would close a reader that
 * the kernel's buffers would have served.
 */
export const MAX_HELD_BYTES = 16 * 1024;

let corked = new Set<Corkable>();

/**
 * Call before writing `bytes` to `socket`: it stays corked until this turn of the event loop
 * ends, unless the message is large (then what was held goes now, and the message after it).
 */
export function holdForTurn(socket: Corkable, bytes: number): void {
  if (bytes > MAX_HELD_BYTES) {
    if (corked.delete(socket)) socket.uncork();
    return;
  }
  if (corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (corked.size === 1) setImmediate(releaseTurn);
}

function releaseTurn(): void {
  const sockets = corked;
  corked = new Set();
  for (const socket of sockets) socket.uncork();
}
