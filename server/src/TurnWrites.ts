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
 * The second write of a turn corks the socket; at the end of the turn (setImmediate, which
 * runs after the poll phase that read the messages) every corked socket is uncorked, and Node
 * hands the rest of its frames to the kernel in one `writev`. Nothing is merged or reordered: the client
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

/** Sockets written to in this turn, and whether each is corked (from its second message on). */
let written = new Map<Corkable, boolean>();
/** What writes its gathered messages when this turn ends (atTurnEnd), before the release. */
let turnEnders: Array<() => void> = [];
let releaseScheduled = false;

/**
 * Call before writing `bytes` to `socket`. The first message of a turn goes at once (a socket
 * that hears one message per turn, as in a fan-out, pays no cork); from the second on the
 * socket stays corked until the turn of the event loop ends, so they leave together. A large
 * message is not held: what was held goes now, and the message after it.
 */
export function holdForTurn(socket: Corkable, bytes: number): void {
  const corked = written.get(socket);
  if (bytes > MAX_HELD_BYTES) {
    if (corked) {
      written.set(socket, false);
      socket.uncork();
    }
    return;
  }
  if (corked === undefined) {
    written.set(socket, false);
    scheduleRelease();
    return;
  }
  holdWholeTurn(socket);
}

/**
 * Corks `socket` until this turn of the event loop ends, from the next write on (holdForTurn
 * lets a turn's first write go at once). For a member about to be sent several writes in a
 * row, such as the updates gathered for it and then the message that must follow them
 * (UpdateBroadcast.sendGatheredTo): they leave in one system call instead of two.
 */
export function holdWholeTurn(socket: Corkable): void {
  const corked = written.get(socket);
  if (corked) return;
  socket.cork();
  written.set(socket, true);
  if (corked === undefined) scheduleRelease();
}

/**
 * Runs `write` once when this turn of the event loop ends, before the sockets held in it are
 * released, so that what it writes leaves with them, in this turn. (A setImmediate of its own
 * that ran after the release would cork its writes until the next turn's release: a turn of
 * latency added.) For messages gathered over a turn (UpdateBroadcast).
 */
export function atTurnEnd(write: () => void): void {
  turnEnders.push(write);
  scheduleRelease();
}

/** setImmediate runs after the poll phase that read this turn's messages. */
function scheduleRelease(): void {
  if (releaseScheduled) return;
  releaseScheduled = true;
  setImmediate(releaseTurn);
}

function releaseTurn(): void {
  const enders = turnEnders;
  turnEnders = [];
  try {
    // Their writes join `written` (the release is scheduled already), and leave below.
    for (const write of enders) write();
  } finally {
    releaseScheduled = false;
    const sockets = written;
    written = new Map();
    for (const [socket, corked] of sockets) if (corked) socket.uncork();
    // Gathered while the others wrote (nothing does today): their own turn end.
    if (turnEnders.length > 0) scheduleRelease();
  }
}
