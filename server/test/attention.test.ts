import {
  CloseCode,
  decodeFollow,
  decodeTimerMessage,
  encodeFollow,
  encodeTimerControl,
  type FollowMessage,
  MessageType,
  openFrame,
  PROTOCOL_VERSION,
  type TimerControl,
  type TimerMessageState,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type CreatedBoard,
  createBoardOver,
  linkFor,
  type RunningServer,
  startServer,
  tempDir,
  waitFor,
} from './harness';

/**
 * A raw Paja socket: it completes the handshake, keeps every frame the server sent it, and
 * decodes the timer and follow messages among them.
 */
function person(wsUrl: string, boardId: string, token: string, pk: string) {
  const frames: Uint8Array[] = [];
  const timers: TimerMessageState[] = [];
  const follows: FollowMessage[] = [];
  let closeCode: number | null = null;
  const ws = new WebSocket(
    `${wsUrl}/${boardId}?token=${token}&paja=1&v=${PROTOCOL_VERSION}&pk=${pk}`,
  );
  ws.on('open', () => ws.send(new Uint8Array([0, 0, 1, 0])));
  ws.on('close', (code) => {
    closeCode = code;
  });
  ws.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data);
    frames.push(frame);
    const opened = openFrame(frame);
    if (!opened.ok) return;
    if (opened.value.type === MessageType.timer) {
      const message = decodeTimerMessage(opened.value.decoder);
      if (!message.ok || message.value.kind !== 'state') throw new Error('bad timer message');
      timers.push(message.value.state);
    } else if (opened.value.type === MessageType.follow) {
      const message = decodeFollow(opened.value.decoder);
      if (!message.ok) throw new Error('bad follow message');
      follows.push(message.value);
    }
  });
  const open = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return {
    frames,
    timers,
    follows,
    open,
    closeCode: () => closeCode,
    lastTimer: () => timers.at(-1),
    control: (control: TimerControl) => ws.send(encodeTimerControl(control)),
    follow: (message: FollowMessage) => ws.send(encodeFollow(message)),
    close: () => ws.close(),
  };
}
type Person = ReturnType<typeof person>;

const VIEW = { x: 100, y: -50, width: 1280, height: 720 };

describe('the timer and follow-me through the server', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function server(dataDir: string): Promise<RunningServer> {
    const running = await startServer(dataDir);
    cleanup.push(() => running.server.close());
    return running;
  }

  async function join(running: RunningServer, board: CreatedBoard, token: string, pk: string) {
    const p = person(running.wsUrl, board.id, token, pk);
    cleanup.push(() => p.close());
    await p.open;
    // The greeting: the timer's state and who leads.
    await waitFor(() => p.timers.length > 0 && p.follows.length > 0, 'the greeting');
    return p;
  }

  async function workshop() {
    const running = await server(tempDir());
    const board = await createBoardOver(running.url);
    const participantToken = await linkFor(running.url, board, 'participant');
    const facilitator = await join(running, board, board.token, 'fac-key');
    const anna = await join(running, board, participantToken, 'anna-key');
    const ben = await join(running, board, participantToken, 'ben-key');
    return { running, board, participantToken, facilitator, anna, ben };
  }

  it('a facilitator’s timer reaches everyone with the server’s clock; pause, extend, stop too', async () => {
    const { facilitator, anna, ben } = await workshop();
    expect(anna.lastTimer()?.timer).toEqual({ kind: 'stopped' });

    const before = Date.now();
    facilitator.control({ action: 'start', durationMs: 300_000 });
    await waitFor(() => anna.timers.length === 2 && ben.timers.length === 2, 'the start');
    const started = anna.lastTimer();
    expect(started?.timer.kind).toBe('running');
    if (started?.timer.kind !== 'running') throw new Error('not running');
    expect(started.timer.durationMs).toBe(300_000);
    expect(started.timer.endsAt - started.serverNow).toBe(300_000);
    expect(started.serverNow).toBeGreaterThanOrEqual(before);
    expect(ben.lastTimer()).toEqual(started);

    facilitator.control({ action: 'pause' });
    await waitFor(() => ben.lastTimer()?.timer.kind === 'paused', 'the pause');
    facilitator.control({ action: 'extend', ms: 60_000 });
    await waitFor(() => anna.timers.length === 4, 'the extension');
    const extended = anna.lastTimer()?.timer;
    if (extended?.kind !== 'paused') throw new Error('not paused');
    expect(extended.durationMs).toBe(360_000);
    expect(extended.remainingMs).toBeGreaterThan(300_000);

    // Pausing a paused timer changes nothing: only the sender hears the state again.
    facilitator.control({ action: 'pause' });
    await waitFor(() => facilitator.timers.length === 5, 'the answer to a pause that did nothing');
    facilitator.control({ action: 'stop' });
    await waitFor(() => ben.lastTimer()?.timer.kind === 'stopped', 'the stop');
    expect(anna.timers.map((t) => t.timer.kind)).toEqual([
      'stopped',
      'running',
      'paused',
      'paused',
      'stopped',
    ]);
  });

  it('a participant cannot start, stop, summon or lead: refused with 4403, nothing reaches anyone', async () => {
    const { running, board, participantToken, facilitator, ben } = await workshop();
    const attempts: Array<(p: Person) => void> = [
      (p) => p.control({ action: 'start', durationMs: 60_000 }),
      (p) => p.control({ action: 'stop' }),
      (p) => p.follow({ kind: 'summon', view: VIEW }),
      (p) => p.follow({ kind: 'lead', on: true }),
    ];
    for (const [i, attempt] of attempts.entries()) {
      const mallory = await join(running, board, participantToken, `mallory-${i}`);
      attempt(mallory);
      await waitFor(() => mallory.closeCode() !== null, 'the refusal');
      expect(mallory.closeCode()).toBe(CloseCode.forbidden);
    }
    // Nobody heard anything but the greeting: the timer never started, nobody was summoned.
    expect(ben.timers).toHaveLength(1);
    expect(ben.follows).toEqual([{ kind: 'leader', leader: { participantId: null } }]);
    expect(facilitator.timers).toHaveLength(1);
    expect(running.server.rooms.loaded(board.id)?.attention.timer).toEqual({ kind: 'stopped' });
  });

  it('a client may not send what only the server sends', async () => {
    const { facilitator } = await workshop();
    facilitator.follow({ kind: 'leader', leader: { participantId: 'someone' } });
    await waitFor(() => facilitator.closeCode() !== null, 'the refusal');
    expect(facilitator.closeCode()).toBe(CloseCode.malformed);
  });

  it('bring everyone here reaches everyone else once; follow-me names the leader to all and to late joiners', async () => {
    const { running, board, participantToken, facilitator, anna, ben } = await workshop();
    facilitator.follow({ kind: 'summon', view: VIEW });
    await waitFor(() => anna.follows.length === 2 && ben.follows.length === 2, 'the summons');
    const fromFacilitator = anna.follows[1];
    expect(fromFacilitator).toMatchObject({ kind: 'summoned', view: VIEW });
    // The summoning facilitator is not summoned to her own view.
    expect(facilitator.follows).toHaveLength(1);

    facilitator.follow({ kind: 'lead', on: true });
    await waitFor(() => ben.follows.length === 3 && facilitator.follows.length === 2, 'the lead');
    const lead = ben.follows[2];
    expect(lead?.kind).toBe('leader');
    const leaderId = lead?.kind === 'leader' ? lead.leader.participantId : null;
    expect(leaderId).toBeTruthy();
    if (fromFacilitator?.kind === 'summoned') expect(fromFacilitator.by).toBe(leaderId);

    const late = await join(running, board, participantToken, 'late-key');
    expect(late.follows).toEqual([{ kind: 'leader', leader: { participantId: leaderId } }]);

    facilitator.follow({ kind: 'lead', on: false });
    await waitFor(() => late.follows.length === 2, 'the end of follow-me');
    expect(late.follows[1]).toEqual({ kind: 'leader', leader: { participantId: null } });
  });

  it('the timer survives a restart of the server; a late joiner gets it with the server’s clock', async () => {
    const dataDir = tempDir();
    const first = await server(dataDir);
    const board = await createBoardOver(first.url);
    const facilitator = await join(first, board, board.token, 'fac-key');
    facilitator.control({ action: 'start', durationMs: 600_000 });
    await waitFor(() => facilitator.timers.length === 2, 'the start');
    facilitator.control({ action: 'pause' });
    await waitFor(() => facilitator.timers.length === 3, 'the pause');
    const paused = facilitator.lastTimer()?.timer;
    await first.server.rooms.loaded(board.id)?.committed();
    facilitator.close();
    await first.server.close();

    const second = await server(dataDir);
    const participantToken = await linkFor(second.url, board, 'participant');
    const late = await join(second, board, participantToken, 'late-key');
    expect(late.lastTimer()?.timer).toEqual(paused);

    // Running state too: resumed, it ends at the stored end time on the server's clock.
    const again = await join(second, board, board.token, 'fac-key');
    again.control({ action: 'resume' });
    await waitFor(() => late.lastTimer()?.timer.kind === 'running', 'the resume');
    const running = late.lastTimer();
    if (running?.timer.kind !== 'running' || paused?.kind !== 'paused') throw new Error('states');
    expect(running.timer.endsAt - running.serverNow).toBeLessThanOrEqual(paused.remainingMs);
    await second.server.rooms.loaded(board.id)?.committed();
    again.close();
    late.close();
    await second.server.close();

    const third = await server(dataDir);
    const latest = await join(third, board, participantToken, 'late-key');
    expect(latest.lastTimer()?.timer).toEqual(running.timer);
  });
});
