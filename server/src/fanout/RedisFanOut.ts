import { randomBytes } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log';
import type { Channel, ChannelListener, FanOut } from './FanOut';

export interface RedisFanOutOptions {
  /** Put before every channel name, so that several Paja deployments can share one Redis. */
  prefix?: string;
  /** Shown in Redis's CLIENT LIST (as <name>-pub and <name>-sub). */
  name?: string;
  /** Presence published within this long travels as one Redis message. */
  presenceBatchMs?: number;
  /** How long `open` waits for Redis before going on without it (it keeps reconnecting). */
  connectWaitMs?: number;
}

/** Each join is a member with a random id; a message carries its sender's id. */
const ID_BYTES = 8;
/** A board's subscription that Redis does not confirm by then is left to the reconnect. */
const SUBSCRIBE_WAIT_MS = 2_000;

interface Member {
  id: Buffer;
  listener: ChannelListener;
  /** Presence waiting for the next batch. */
  presence: Uint8Array[];
}

/**
 * Redis pub/sub between instances. Two connections: one publishes, one is subscribed. Each
 * board has two Redis channels: its updates, and its presence (batched: everything a member
 * publishes within `presenceBatchMs` is one message).
 *
 * Redis pub/sub delivers at most once: a message published while either side is disconnected
 * is gone. So publishing never waits or queues (a lost message is cheaper than a stale one),
 * and when either connection comes back every member hears `gap()` and catches up from
 * storage, which is the truth.
 */
export class RedisFanOut implements FanOut {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #batchMs: number;
  readonly #boards = new Map<string, Set<Member>>();
  #batchTimer: NodeJS.Timeout | null = null;
  #closed = false;
  /** Messages not sent because Redis was unreachable (for metrics and tests). */
  dropped = 0;

  get connected(): boolean {
    return this.#pub.status === 'ready' && this.#sub.status === 'ready';
  }

  static async open(url: string, log: Logger, options: RedisFanOutOptions = {}) {
    // ioredis is loaded here, not at start-up: one instance without Redis never needs it.
    const { Redis: RedisClient } = await import('ioredis');
    const fanOut = new RedisFanOut(RedisClient, url, log, options);
    await fanOut.#ready(options.connectWaitMs ?? 5_000);
    return fanOut;
  }

  private constructor(
    RedisClient: typeof Redis,
    url: string,
    log: Logger,
    options: RedisFanOutOptions,
  ) {
    this.#log = log;
    this.#prefix = options.prefix ?? 'paja:';
    this.#batchMs = options.presenceBatchMs ?? 20;
    const name = options.name ?? 'paja';
    const common: RedisOptions = {
      // Fail at once while disconnected: a relayed update is only worth sending now.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      connectTimeout: 5_000,
    };
    this.#pub = new RedisClient(url, { ...common, connectionName: `${name}-pub` });
    this.#sub = new RedisClient(url, {
      ...common,
      connectionName: `${name}-sub`,
      // We subscribe again ourselves, and then tell every member to catch up.
      autoResubscribe: false,
    });
    let lastError = '';
    const onError = (which: string) => (error: Error) => {
      // ioredis reports every failed reconnect; one line per kind of failure is enough.
      if (error.message === lastError) return;
      lastError = error.message;
      this.#log.warn(`redis ${which} connection failed; relaying resumes when it is back`, {
        error,
      });
    };
    this.#pub.on('error', onError('publish'));
    this.#sub.on('error', onError('subscribe'));
    let pubReadyBefore = false;
    this.#pub.on('ready', () => {
      lastError = '';
      // What we published while away was lost: the others must catch up.
      if (pubReadyBefore) this.#reportGaps([...this.#boards.keys()]);
      pubReadyBefore = true;
    });
    let subReadyBefore = false;
    this.#sub.on('ready', () => {
      lastError = '';
      const boards = [...this.#boards.keys()];
      const again = subReadyBefore;
      subReadyBefore = true;
      if (boards.length === 0) return;
      this.#sub
        .subscribe(...boards.flatMap((b) => this.#channelsOf(b)))
        .then(() => {
          if (again) this.#log.info('redis is back; catching up from storage', { boards });
          // Boards joined before Redis first answered also catch up: they never listened.
          this.#reportGaps(boards);
        })
        .catch((error) => this.#log.warn('redis subscribe failed', { error }));
    });
    this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.#onMessage(channel.toString(), message),
    );
  }

  /** Resolves once both connections are ready, or after `ms` (Redis may come later). */
  async #ready(ms: number): Promise<void> {
    const ready = (redis: Redis) =>
      redis.status === 'ready' ? Promise.resolve() : new Promise((r) => redis.once('ready', r));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([ready(this.#pub), ready(this.#sub)]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  #channelsOf(boardId: string): [updates: string, presence: string] {
    return [`${this.#prefix}board:${boardId}`, `${this.#prefix}presence:${boardId}`];
  }

  #reportGaps(boards: readonly string[]): void {
    for (const boardId of boards) {
      for (const member of this.#boards.get(boardId) ?? []) member.listener.gap();
    }
  }

  async join(boardId: string, listener: ChannelListener): Promise<Channel> {
    if (this.#closed) throw new Error('fan-out is closed');
    const member: Member = { id: randomBytes(ID_BYTES), listener, presence: [] };
    let members = this.#boards.get(boardId);
    const first = !members;
    if (!members) {
      members = new Set();
      this.#boards.set(boardId, members);
    }
    members.add(member);
    if (first && this.#sub.status === 'ready') await this.#subscribe(boardId);
    // Not connected: the 'ready' handler subscribes and reports a gap, so nothing is missed.
    const [updates, presence] = this.#channelsOf(boardId);
    let left = false;
    return {
      publish: (message) => {
        if (!left) this.#publish(updates, Buffer.concat([member.id, message]));
      },
      othersMayHear: () => !left,
      publishPresence: (message) => {
        if (left) return;
        member.presence.push(message);
        this.#scheduleBatch();
      },
      leave: async () => {
        if (left) return;
        left = true;
        members.delete(member);
        this.#sendPresence(presence, member);
        if (members.size === 0 && this.#boards.get(boardId) === members) {
          this.#boards.delete(boardId);
          if (this.#sub.status === 'ready') {
            await this.#sub.unsubscribe(updates, presence).catch(() => {});
          }
        }
      },
    };
  }

  async #subscribe(boardId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const subscribed = this.#sub.subscribe(...this.#channelsOf(boardId));
    const confirmed = await Promise.race([
      subscribed.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS);
      }),
    ]).catch(() => false);
    clearTimeout(timer);
    // Redis answered late (or the connection broke): catch up once it does listen.
    if (!confirmed) subscribed.then(() => this.#reportGaps([boardId])).catch(() => {});
  }

  #publish(channel: string, payload: Buffer): void {
    if (this.#pub.status !== 'ready') {
      this.dropped++;
      return;
    }
    this.#pub.publish(channel, payload).catch(() => {
      this.dropped++;
    });
  }

  #scheduleBatch(): void {
    if (this.#batchTimer) return;
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = null;
      for (const [boardId, members] of this.#boards) {
        const [, presence] = this.#channelsOf(boardId);
        for (const member of members) this.#sendPresence(presence, member);
      }
    }, this.#batchMs);
    this.#batchTimer.unref();
  }

  #sendPresence(channel: string, member: Member): void {
    if (member.presence.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, member.id);
    encoding.writeVarUint(encoder, member.presence.length);
    for (const message of member.presence) encoding.writeVarUint8Array(encoder, message);
    member.presence = [];
    this.#publish(channel, Buffer.from(encoding.toUint8Array(encoder)));
  }

  #onMessage(channel: string, message: Buffer): void {
    const boardId = this.#boardOf(channel);
    const members = boardId === null ? undefined : this.#boards.get(boardId.id);
    if (!members || message.byteLength < ID_BYTES) return;
    const sender = message.subarray(0, ID_BYTES);
    const others = [...members].filter((member) => !member.id.equals(sender));
    if (others.length === 0) return;
    if (boardId?.lane === 'updates') {
      const payload = new Uint8Array(message.subarray(ID_BYTES));
      for (const member of others) member.listener.message(payload);
      return;
    }
    let batch: Uint8Array[];
    try {
      const decoder = decoding.createDecoder(message.subarray(ID_BYTES));
      const count = decoding.readVarUint(decoder);
      batch = Array.from({ length: count }, () => decoding.readVarUint8Array(decoder));
    } catch (error) {
      this.#log.warn('unreadable presence batch from redis', { error });
      return;
    }
    for (const payload of batch) for (const member of others) member.listener.presence(payload);
  }

  #boardOf(channel: string): { id: string; lane: 'updates' | 'presence' } | null {
    if (!channel.startsWith(this.#prefix)) return null;
    const rest = channel.slice(this.#prefix.length);
    if (rest.startsWith('board:')) return { id: rest.slice(6), lane: 'updates' };
    if (rest.startsWith('presence:')) return { id: rest.slice(9), lane: 'presence' };
    return null;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#batchTimer) clearTimeout(this.#batchTimer);
    this.#boards.clear();
    this.#pub.disconnect();
    this.#sub.disconnect();
  }
}
