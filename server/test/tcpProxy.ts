import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test controls, to make a service unreachable for some
 * instances without touching the shared server itself: `stop()` closes every connection and
 * refuses new ones, `start()` accepts again on the same port. With several targets it is a
 * load balancer: each new connection goes to the next live target in turn, skipping any that
 * refuse (a killed instance).
 */
export class TcpProxy {
  readonly #targets: { host: string; port: number }[];
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | null = null;
  #port = 0;
  #next = 0;

  private constructor(targets: { host: string; port: number }[]) {
    this.#targets = targets;
  }

  static async start(targets: { host: string; port: number }[], port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(targets);
    proxy.#port = port;
    await proxy.start();
    return proxy;
  }

  /** A proxy in front of the service at `url` (its host and port). */
  static forUrl(url: string): Promise<TcpProxy> {
    const parsed = new URL(url);
    return TcpProxy.start([{ host: parsed.hostname, port: Number(parsed.port) }]);
  }

  get port(): number {
    return this.#port;
  }

  /** `url` with the proxy's address in place of the service's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.#port);
    return parsed.toString();
  }

  async start(): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((client) => this.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  /** Cuts every connection and refuses new ones until `start`. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #accept(client: net.Socket): void {
    this.#sockets.add(client);
    client.on('close', () => this.#sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    this.#connect(client, 0);
  }

  #connect(client: net.Socket, tried: number): void {
    if (tried >= this.#targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const target = this.#targets[this.#next++ % this.#targets.length];
    if (!target) return;
    const upstream = net.connect(target.port, target.host);
    this.#sockets.add(upstream);
    upstream.on('close', () => this.#sockets.delete(upstream));
    let connected = false;
    upstream.on('error', () => {
      upstream.destroy();
      if (connected) client.destroy();
      else this.#connect(client, tried + 1); // that target is down: the next one
    });
    upstream.once('connect', () => {
      connected = true;
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }
}
