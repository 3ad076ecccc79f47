import {
  CommentKey,
  type CommentRequest,
  type CommentResult,
  commentsMap,
  decodeCommentResult,
  decodeModeration,
  encodeComment,
  encodeModerationRequest,
  MessageType,
  MODERATION_REFUSALS,
  type ModerationPolicy,
  type ModerationQueue,
  type ModerationResult,
  type NamedRequest,
  type OwnHeld,
  openFrame,
  PROTOCOL_VERSION,
  readBoard,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadLimits } from '../src/config';
import {
  type CreatedBoard,
  connectClient,
  createBoardOver,
  linkFor,
  type RunningServer,
  startServer,
  tempDir,
  waitFor,
} from './harness';

const encoder = new TextEncoder();

/** Whether `text` appears anywhere in the bytes a socket received. */
function received(frames: readonly Uint8Array[], text: string): boolean {
  const needle = encoder.encode(text);
  for (const frame of frames) {
    outer: for (let i = 0; i + needle.length <= frame.length; i++) {
      for (let j = 0; j < needle.length; j++) if (frame[i + j] !== needle[j]) continue outer;
      return true;
    }
  }
  return false;
}

/**
 * A raw Paja socket: completes the handshake (an empty sync step 1, so the server sends the
 * whole board), keeps every frame it received, sends comments and moderation requests and
 * decodes the answers, the queue and its own pending comments.
 */
function person(
  running: RunningServer,
  board: CreatedBoard,
  token: string,
  pk: string,
  localAddress = '127.0.0.1',
) {
  const frames: Uint8Array[] = [];
  const comments: CommentResult[] = [];
  const results: ModerationResult[] = [];
  const queues: ModerationQueue[] = [];
  const owns: OwnHeld[][] = [];
  const maxChars: number[] = [];
  const ws = new WebSocket(
    `${running.wsUrl}/${board.id}?token=${token}&paja=1&v=${PROTOCOL_VERSION}&pk=${pk}`,
    { localAddress },
  );
  ws.on('open', () => ws.send(new Uint8Array([0, 0, 1, 0])));
  ws.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data);
    frames.push(frame);
    const opened = openFrame(frame);
    if (!opened.ok) return;
    if (opened.value.type === MessageType.commentResult) {
      const result = decodeCommentResult(opened.value.decoder);
      if (result.ok) comments.push(result.value);
    } else if (opened.value.type === MessageType.moderation) {
      const message = decodeModeration(opened.value.decoder);
      if (!message.ok) throw new Error(`bad moderation message: ${message.error.reason}`);
      if (message.value.kind === 'result') results.push(message.value.result);
      if (message.value.kind === 'queue') queues.push(message.value.queue);
      if (message.value.kind === 'own') {
        owns.push(message.value.comments);
        maxChars.push(message.value.maxChars);
      }
    }
  });
  const open = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  let request = 0;
  return {
    frames,
    comments,
    results,
    queues,
    owns,
    maxChars,
    open,
    queue: () => queues.at(-1),
    own: () => owns.at(-1) ?? [],
    async comment(text: string, extra: Partial<CommentRequest> = {}): Promise<CommentResult> {
      const body = {
        request: ++request,
        text,
        authorName: 'Kaisa',
        anchor: { kind: 'board' },
        ...extra,
      } as CommentRequest;
      ws.send(encodeComment(body));
      await waitFor(() => comments.some((c) => c.request === body.request), 'comment result');
      return comments.find((c) => c.request === body.request) as CommentResult;
    },
    async moderate(body: DistributiveOmit<NamedRequest, 'request' | 'name'>) {
      const full = { ...body, request: ++request, name: 'Mona' } as NamedRequest;
      ws.send(encodeModerationRequest(full));
      await waitFor(() => results.some((r) => r.request === full.request), 'moderation result');
      return results.find((r) => r.request === full.request) as ModerationResult;
    },
    close: () => ws.close(),
  };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Person = ReturnType<typeof person>;

const errorOf = (result: CommentResult | ModerationResult) => (result.ok ? '' : result.error);

describe('moderation through the server', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function server(dataDir = tempDir(), env: NodeJS.ProcessEnv = {}) {
    const running = await startServer(dataDir, { limits: loadLimits(env) });
    cleanup.push(() => running.server.close());
    return running;
  }

  async function join(
    running: RunningServer,
    board: CreatedBoard,
    role: string,
    pk: string,
    localAddress?: string,
  ): Promise<Person> {
    const token = role === 'facilitator' ? board.token : await linkFor(running.url, board, role);
    const p = person(running, board, token, pk, localAddress);
    cleanup.push(() => p.close());
    await p.open;
    // Every Paja client hears its own pending comments on joining (none yet: an empty list).
    await waitFor(() => p.owns.length > 0, 'the greeting');
    return p;
  }

  async function board(env: NodeJS.ProcessEnv = {}, policy?: Partial<ModerationPolicy>) {
    const running = await server(tempDir(), env);
    const created = await createBoardOver(running.url);
    const facilitator = await join(running, created, 'facilitator', 'fac-key');
    if (policy) {
      const full = { mode: 'post', trustAfter: 3, flagThreshold: 3, ...policy } as ModerationPolicy;
      expect(await facilitator.moderate({ kind: 'policy', policy: full })).toMatchObject({
        ok: true,
      });
    }
    const moderator = await join(running, created, 'moderator', 'mod-key');
    await waitFor(() => moderator.queue() !== undefined, 'the queue');
    return { running, board: created, facilitator, moderator };
  }

  it('pre-moderation: a pending comment reaches no reader until a moderator approves it', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'preAll' });
    const author = await join(running, b, 'commenter', 'author-key');
    const reader = await join(running, b, 'commenter', 'reader-key');
    const viewer = await join(running, b, 'viewer', 'viewer-key');
    const secret = 'Pyöräteitä Hervantaan, salaisuus 4711';

    const posted = await author.comment(secret);
    expect(posted.ok).toBe(true);
    const id = posted.ok ? posted.id : '';
    // The author sees it as theirs, waiting; the moderator sees it in the queue.
    await waitFor(() => author.own().some((c) => c.text === secret), 'own pending');
    await waitFor(() => moderator.queue()?.items.some((i) => i.id === id) === true, 'queued');
    expect(moderator.queue()?.items.find((i) => i.id === id)).toMatchObject({
      status: 'pending',
      why: 'policy',
      text: secret,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const other of [reader, viewer]) {
      expect(received(other.frames, secret)).toBe(false);
      expect(received(other.frames, id)).toBe(false);
    }
    // Nobody but moderators may decide.
    const refused = await reader.moderate({
      kind: 'decide',
      ids: [id],
      action: 'approve',
      reason: '',
    });
    expect(errorOf(refused)).toBe(MODERATION_REFUSALS.notYours);

    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'approve', reason: 'ok' }),
    ).toMatchObject({ ok: true });
    await waitFor(() => received(reader.frames, secret), 'the approved comment at the reader');
    await waitFor(() => received(viewer.frames, secret), 'the approved comment at the viewer');
    await waitFor(() => author.own().length === 0, 'no longer pending for the author');
    const room = running.server.rooms.loaded(b.id);
    const stored = readBoard(room?.doc as Y.Doc).comments.find((c) => c.id === id);
    expect(stored).toMatchObject({ text: secret, moderation: 'visible' });
    expect(room?.moderation.auditLog().map((e) => [e.action, e.target, e.byName])).toContainEqual([
      'approve',
      id,
      'Mona',
    ]);
  });

  it('a comment a moderator does not publish stays with its writer alone, marked so', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'preAll' });
    const author = await join(running, b, 'commenter', 'author-key');
    const other = await join(running, b, 'commenter', 'other-key');
    const secret = 'Ei julkaista tätä 5521';
    const posted = await author.comment(secret);
    // The writer hears that it waits for a moderator (the outline says "sent for moderation").
    expect(posted).toMatchObject({ ok: true, pending: true });
    const id = posted.ok ? posted.id : '';
    await waitFor(() => author.own().some((c) => c.id === id), 'own pending');
    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'hide', reason: 'rude' }),
    ).toMatchObject({ ok: true });
    // Live: the writer's own list keeps it, now not published; the reason stays in the log.
    await waitFor(() => author.own().some((c) => c.status === 'hidden'), 'own hidden');
    expect(author.own()).toEqual([expect.objectContaining({ id, text: secret, status: 'hidden' })]);
    expect(received(author.frames, 'rude')).toBe(false);
    // After a reload: the greeting brings it back, to the writer alone.
    author.close();
    const again = await join(running, b, 'commenter', 'author-key');
    expect(again.own()).toEqual([expect.objectContaining({ id, status: 'hidden' })]);
    const late = await join(running, b, 'viewer', 'late-key');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const someone of [other, late]) {
      expect(received(someone.frames, secret)).toBe(false);
      expect(received(someone.frames, id)).toBe(false);
      expect(someone.own()).toEqual([]);
    }
  });

  it('tells every client the comment length limit on joining', async () => {
    const { running, board: b, moderator } = await board({ PAJA_COMMENT_MAX_CHARS: '120' });
    const commenter = await join(running, b, 'commenter', 'limit-key');
    expect(commenter.maxChars).toEqual([120]);
    expect(moderator.maxChars.at(-1)).toBe(120);
    expect(errorOf(await commenter.comment('x'.repeat(121)))).toBe(MODERATION_REFUSALS.tooLong);
    expect((await commenter.comment('x'.repeat(120))).ok).toBe(true);
  });

  it('lets people behind one address agree in the same words; one person not twice', async () => {
    const { running, board: b } = await board({}, { mode: 'off' });
    const aino = await join(running, b, 'commenter', 'aino-key', '127.0.0.7');
    const bertil = await join(running, b, 'commenter', 'bertil-key', '127.0.0.7');
    expect((await aino.comment('Samaa mieltä!')).ok).toBe(true);
    expect((await bertil.comment('Samaa mieltä!')).ok).toBe(true);
    expect(errorOf(await bertil.comment('samaa mieltä'))).toBe(MODERATION_REFUSALS.duplicate);
    // Numbered comments are not copies of each other.
    expect((await aino.comment('Kommentar nummer 2 om cykelvägarna i centrum')).ok).toBe(true);
    expect((await aino.comment('Kommentar nummer 3 om cykelvägarna i centrum')).ok).toBe(true);
  });

  it('hiding leaves a placeholder without text or author; a later reader receives none of it', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'post' });
    const author = await join(running, b, 'commenter', 'author-key');
    const text = 'Tämä kommentti piilotetaan 9931';
    const posted = await author.comment(text);
    const id = posted.ok ? posted.id : '';
    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'hide', reason: 'rude' }),
    ).toMatchObject({ ok: true });
    const late = await join(running, b, 'viewer', 'late-key');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(late.frames, text)).toBe(false);
    expect(received(late.frames, 'Kaisa')).toBe(false);
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    const placeholder = commentsMap(doc).get(id);
    expect(placeholder?.get(CommentKey.moderation)).toBe('hidden');
    expect(placeholder?.get(CommentKey.text)).toBe('');
    expect(placeholder?.get(CommentKey.authorName)).toBe('');

    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'restore', reason: '' }),
    ).toMatchObject({ ok: true });
    await waitFor(() => received(late.frames, text), 'restored for the late reader');
  });

  it('three flags hide a comment for everyone until a moderator restores it', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'post', flagThreshold: 3 });
    const author = await join(running, b, 'commenter', 'author-key');
    const text = 'Liputettava kommentti 5512';
    const posted = await author.comment(text);
    const id = posted.ok ? posted.id : '';
    const flaggers = [
      await join(running, b, 'commenter', 'flag-1'),
      await join(running, b, 'viewer', 'flag-2'),
      await join(running, b, 'commenter', 'flag-3'),
    ];
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    const [first, second, third] = flaggers as [Person, Person, Person];
    expect(await first.moderate({ kind: 'flag', comment: id, reason: 'spam' })).toMatchObject({
      ok: true,
    });
    // One person, one flag.
    expect(errorOf(await first.moderate({ kind: 'flag', comment: id, reason: 'hateful' }))).toBe(
      MODERATION_REFUSALS.flaggedAlready,
    );
    await second.moderate({ kind: 'flag', comment: id, reason: 'spam' });
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('visible');
    await waitFor(() => moderator.queue()?.items.some((i) => i.id === id) === true, 'flagged');
    expect(moderator.queue()?.items.find((i) => i.id === id)?.flags).toEqual({ spam: 2 });
    await third.moderate({ kind: 'flag', comment: id, reason: 'offTopic' });
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('hidden');
    const late = await join(running, b, 'viewer', 'late-key');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(late.frames, text)).toBe(false);
    await waitFor(
      () => moderator.queue()?.items.find((i) => i.id === id)?.why === 'flags',
      'hidden by flags in the queue',
    );

    await moderator.moderate({ kind: 'decide', ids: [id], action: 'restore', reason: 'fine' });
    await waitFor(() => received(late.frames, text), 'restored for everyone');
    // Reviewed: a fourth flag is recorded, but does not hide it again.
    const fourth = await join(running, b, 'commenter', 'flag-4');
    await fourth.moderate({ kind: 'flag', comment: id, reason: 'spam' });
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('visible');
    const actions = running.server.rooms
      .loaded(b.id)
      ?.moderation.auditLog()
      .map((e) => e.action);
    expect(actions).toEqual(['policy', 'autoHide', 'restore']);
  });

  it('a block stops one commenter, also after reconnecting, and no one else', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'post' });
    const troll = await join(running, b, 'commenter', 'troll-key', '127.0.0.2');
    const other = await join(running, b, 'commenter', 'other-key', '127.0.0.1');
    const posted = await troll.comment('ensimmäinen häirintä');
    const id = posted.ok ? posted.id : '';
    expect(
      await moderator.moderate({
        kind: 'block',
        comment: id,
        hours: 24,
        reason: 'harassment',
        address: true,
      }),
    ).toMatchObject({ ok: true });
    await waitFor(() => (moderator.queue()?.blocks.length ?? 0) === 1, 'the block listed');
    expect(moderator.queue()?.blocks[0]).toMatchObject({
      authorName: 'Kaisa',
      reason: 'harassment',
    });
    expect(JSON.stringify(moderator.queue())).not.toContain('127.0.0');

    expect(errorOf(await troll.comment('toinen häirintä'))).toBe(MODERATION_REFUSALS.blocked);
    expect((await other.comment('asiallinen kommentti')).ok).toBe(true);
    // The same person again, on a new socket; and under a new identity from the same address.
    troll.close();
    const again = await join(running, b, 'commenter', 'troll-key', '127.0.0.2');
    expect(errorOf(await again.comment('kolmas häirintä'))).toBe(MODERATION_REFUSALS.blocked);
    const disguised = await join(running, b, 'commenter', 'fresh-key', '127.0.0.2');
    expect(errorOf(await disguised.comment('neljäs häirintä'))).toBe(MODERATION_REFUSALS.blocked);
    expect((await other.comment('toinen asiallinen')).ok).toBe(true);

    // Lifted: the commenter may write again.
    const blockId = moderator.queue()?.blocks[0]?.id ?? '';
    await moderator.moderate({ kind: 'unblock', block: blockId, reason: 'apologised' });
    expect((await again.comment('anteeksi')).ok).toBe(true);
  });

  it('rate limits per identity and per address hold across reconnects', async () => {
    const { running, board: b } = await board(
      { PAJA_COMMENT_RATE: '1', PAJA_COMMENT_BURST: '3', PAJA_COMMENT_ADDRESS_BURST: '5' },
      { mode: 'off' },
    );
    let first = await join(running, b, 'commenter', 'fast-key', '127.0.0.3');
    for (let i = 0; i < 3; i++)
      expect((await first.comment(`kommentti numero ${i} ${'x'.repeat(i * 7)}`)).ok).toBe(true);
    expect(errorOf(await first.comment('neljäs kerta aivan eri sanoin'))).toBe(
      MODERATION_REFUSALS.tooFast,
    );
    first.close();
    first = await join(running, b, 'commenter', 'fast-key', '127.0.0.3');
    expect(errorOf(await first.comment('uudelleen yhdistettynä jotain muuta'))).toBe(
      MODERATION_REFUSALS.tooFast,
    );
    // New identities from the same address share the address's budget (5 in a row).
    const second = await join(running, b, 'commenter', 'other-key', '127.0.0.3');
    expect((await second.comment('toisen henkilön ensimmäinen')).ok).toBe(true);
    expect((await second.comment('toisen henkilön toinen viesti')).ok).toBe(true);
    expect(errorOf(await second.comment('toisen henkilön kolmas juttu'))).toBe(
      MODERATION_REFUSALS.tooFast,
    );
    // Someone elsewhere is not affected.
    const elsewhere = await join(running, b, 'commenter', 'elsewhere', '127.0.0.4');
    expect((await elsewhere.comment('muualta tuleva kommentti')).ok).toBe(true);
  });

  it('refuses duplicates and near-duplicates, over-long comments, and drops honeypot comments', async () => {
    const { running, board: b } = await board({ PAJA_COMMENT_MAX_CHARS: '100' }, { mode: 'off' });
    const author = await join(running, b, 'commenter', 'dup-key');
    expect((await author.comment('Lisää pyöräteitä keskustaan, kiitos!')).ok).toBe(true);
    expect(errorOf(await author.comment('lisää pyöräteitä keskustaan kiitos'))).toBe(
      MODERATION_REFUSALS.duplicate,
    );
    expect(errorOf(await author.comment('Lisää pyöräteitä keskustaan, kiitos!!!!!'))).toBe(
      MODERATION_REFUSALS.duplicate,
    );
    expect(errorOf(await author.comment('x'.repeat(101)))).toBe(MODERATION_REFUSALS.tooLong);
    const trap = await author.comment('Osta halpoja kelloja', { website: 'http://spam.example' });
    expect(trap.ok).toBe(true);
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    expect(readBoard(doc).comments.map((c) => c.text)).toEqual([
      'Lisää pyöräteitä keskustaan, kiitos!',
    ]);
  });

  it('pending comments survive a restart, and older boards’ pending comments leave the document', async () => {
    const dataDir = tempDir();
    let running = await server(dataDir);
    const b = await createBoardOver(running.url);
    // A board from before moderation: a pending comment stored in the document itself.
    const facilitatorClient = connectClient(running.wsUrl, b.id, { token: b.token });
    await facilitatorClient.synced;
    const legacy = 'Vanha odottava kommentti 3141';
    facilitatorClient.doc.transact(() => {
      const comment = new Y.Map<unknown>();
      comment.set(CommentKey.anchor, { kind: 'board' });
      comment.set(CommentKey.text, legacy);
      comment.set(CommentKey.authorId, 'someone');
      comment.set(CommentKey.authorName, 'Vanha');
      comment.set(CommentKey.createdAt, 1);
      comment.set(CommentKey.moderation, 'pending');
      comment.set(CommentKey.resolved, false);
      commentsMap(facilitatorClient.doc).set('legacy-comment-1', comment);
    });
    await waitFor(
      () => running.server.rooms.loaded(b.id)?.doc.getMap('comments').size === 1,
      'the legacy comment at the server',
    );
    const facilitator = await join(running, b, 'facilitator', 'fac-key');
    await facilitator.moderate({
      kind: 'policy',
      policy: { mode: 'preAll', trustAfter: 3, flagThreshold: 3 },
    });
    const author = await join(running, b, 'commenter', 'author-key');
    const fresh = 'Uusi odottava kommentti 2718';
    expect((await author.comment(fresh)).ok).toBe(true);
    facilitatorClient.destroy();
    await running.server.close();
    cleanup.pop();

    running = await server(dataDir);
    const reader = await join(running, b, 'viewer', 'reader-key');
    const moderator = await join(running, b, 'moderator', 'mod-key');
    await waitFor(() => (moderator.queue()?.items.length ?? 0) === 2, 'both in the queue');
    expect(
      moderator
        .queue()
        ?.items.map((i) => i.text)
        .sort(),
    ).toEqual([fresh, legacy].sort());
    expect(moderator.queue()?.policy.mode).toBe('preAll');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(reader.frames, legacy)).toBe(false);
    expect(received(reader.frames, fresh)).toBe(false);
    const againAuthor = await join(running, b, 'commenter', 'author-key');
    expect(againAuthor.own().map((c) => c.text)).toEqual([fresh]);
  });

  it('moderators and facilitators hide, restore and delete a comment nobody flagged; others cannot', async () => {
    const { running, board: b, facilitator, moderator } = await board({}, { mode: 'post' });
    const author = await join(running, b, 'commenter', 'author-key');
    const participant = await join(running, b, 'participant', 'participant-key');
    const reader = await join(running, b, 'commenter', 'reader-key');
    const text = 'Loukkaava kommentti ilman ilmoituksia 7731';
    const posted = await author.comment(text);
    const id = posted.ok ? posted.id : '';
    await waitFor(() => received(reader.frames, text), 'the comment at the reader');
    // Not flagged: nothing of it in the moderators' queue.
    expect(moderator.queue()?.items.some((i) => i.id === id)).toBe(false);
    // Participants and commenters may not decide, whatever they send.
    for (const someone of [participant, reader]) {
      for (const action of ['hide', 'delete', 'restore'] as const) {
        const refused = await someone.moderate({ kind: 'decide', ids: [id], action, reason: '' });
        expect(errorOf(refused)).toBe(MODERATION_REFUSALS.notYours);
      }
    }
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('visible');

    // A moderator hides it from where they read it: a placeholder a moderator made.
    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'hide', reason: '' }),
    ).toMatchObject({ ok: true });
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('hidden');
    expect(commentsMap(doc).get(id)?.has(CommentKey.hiddenBy)).toBe(false);
    const late = await join(running, b, 'viewer', 'late-key');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(late.frames, text)).toBe(false);
    await waitFor(
      () => moderator.queue()?.items.find((i) => i.id === id)?.why === 'moderator',
      'hidden by a moderator in the queue',
    );
    // Restored, then deleted for good by a facilitator.
    await moderator.moderate({ kind: 'decide', ids: [id], action: 'restore', reason: '' });
    await waitFor(() => received(late.frames, text), 'restored for the late reader');
    expect(
      await facilitator.moderate({ kind: 'decide', ids: [id], action: 'delete', reason: 'rude' }),
    ).toMatchObject({ ok: true });
    expect(commentsMap(doc).has(id)).toBe(false);
    const actions = running.server.rooms
      .loaded(b.id)
      ?.moderation.auditLog()
      .map((e) => e.action);
    expect(actions).toEqual(['policy', 'hide', 'restore', 'delete']);
  });

  it('a comment flags hid says so to readers until a moderator decides', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'post', flagThreshold: 2 });
    const author = await join(running, b, 'commenter', 'author-key');
    const text = 'Kahdesti liputettu kommentti 6621';
    const posted = await author.comment(text);
    const id = posted.ok ? posted.id : '';
    for (const key of ['flag-1', 'flag-2']) {
      const flagger = await join(running, b, 'commenter', key);
      expect(await flagger.moderate({ kind: 'flag', comment: id, reason: 'spam' })).toMatchObject({
        ok: true,
      });
    }
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    // The placeholder says readers' flags hid it (no moderator did), and holds nothing else.
    const placeholder = commentsMap(doc).get(id);
    expect(placeholder?.get(CommentKey.moderation)).toBe('hidden');
    expect(placeholder?.get(CommentKey.hiddenBy)).toBe('flags');
    expect(placeholder?.get(CommentKey.text)).toBe('');
    // A reader's replica reads it so.
    const late = await join(running, b, 'viewer', 'late-key');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(late.frames, text)).toBe(false);
    const replica = new Y.Doc();
    for (const frame of late.frames) {
      const opened = openFrame(frame);
      if (opened.ok && opened.value.type === MessageType.sync) {
        // varUint step (1: step 2, 2: update), then the update bytes.
        const { decoder } = opened.value;
        if (decoding.readVarUint(decoder) === 0) continue;
        Y.applyUpdate(replica, decoding.readVarUint8Array(decoder));
      }
    }
    expect(readBoard(replica).comments.find((c) => c.id === id)).toMatchObject({
      status: 'hidden',
      hiddenBy: 'flags',
    });

    // A moderator confirms the hiding: now a moderator hid it, and it leaves the flags' wording.
    expect(
      await moderator.moderate({ kind: 'decide', ids: [id], action: 'hide', reason: 'spam' }),
    ).toMatchObject({ ok: true });
    expect(commentsMap(doc).get(id)?.has(CommentKey.hiddenBy)).toBe(false);
    expect(readBoard(doc).comments.find((c) => c.id === id)?.hiddenBy).toBeUndefined();
    await waitFor(
      () => moderator.queue()?.items.find((i) => i.id === id)?.why === 'moderator',
      'hidden by a moderator in the queue',
    );
    // Restored: visible, with no trace of either wording.
    await moderator.moderate({ kind: 'decide', ids: [id], action: 'restore', reason: '' });
    expect(commentsMap(doc).get(id)?.get(CommentKey.moderation)).toBe('visible');
    expect(commentsMap(doc).get(id)?.has(CommentKey.hiddenBy)).toBe(false);
    const actions = running.server.rooms
      .loaded(b.id)
      ?.moderation.auditLog()
      .map((e) => e.action);
    expect(actions).toEqual(['policy', 'autoHide', 'hide', 'restore']);
  });

  it('stores anonymous authors without a name, in any language, and exports them in the board’s', async () => {
    const { running, board: b, facilitator, moderator } = await board({}, { mode: 'preNew' });
    const doc = running.server.rooms.loaded(b.id)?.doc as Y.Doc;
    // The board is Finnish; a comment from before this change holds the Swedish word.
    doc.transact(() => {
      doc.getMap('meta').set('locale', 'fi');
    });
    const swedish = await join(running, b, 'commenter', 'sv-key');
    const current = await join(running, b, 'commenter', 'new-key');
    // An older client sent its own language's word; Paja's form now sends "anonymous".
    const held = await swedish.comment('Anonym kommentar 1', { authorName: 'Anonym' });
    expect(held).toMatchObject({ ok: true, pending: true });
    const heldId = held.ok ? held.id : '';
    await waitFor(() => moderator.queue()?.items.some((i) => i.id === heldId) === true, 'held');
    // Held, it names nobody: not the writer's language either.
    expect(moderator.queue()?.items.find((i) => i.id === heldId)?.authorName).toBe('');
    expect(swedish.own()[0]?.authorName).toBe('');
    await moderator.moderate({ kind: 'decide', ids: [heldId], action: 'approve', reason: '' });
    expect(commentsMap(doc).get(heldId)?.get(CommentKey.authorName)).toBe('');

    await facilitator.moderate({
      kind: 'policy',
      policy: { mode: 'post', trustAfter: 3, flagThreshold: 3 },
    });
    const posted = await current.comment('Nimetön kommentti 2', { authorName: 'anonymous' });
    const postedId = posted.ok ? posted.id : '';
    expect(commentsMap(doc).get(postedId)?.get(CommentKey.authorName)).toBe('');
    const named = await current.comment('Nimellä 3', { authorName: 'Kaisa' });
    const namedId = named.ok ? named.id : '';
    expect(commentsMap(doc).get(namedId)?.get(CommentKey.authorName)).toBe('Kaisa');
    // An older board's anonymous comment, stored with the Swedish word.
    const oldId = 'oldAnonComment1';
    doc.transact(() => {
      const old = new Y.Map<unknown>();
      old.set(CommentKey.anchor, { kind: 'board' });
      old.set(CommentKey.text, 'Vanha kommentti 4');
      old.set(CommentKey.authorId, 'old-person');
      old.set(CommentKey.authorName, 'Anonym');
      old.set(CommentKey.createdAt, 1);
      old.set(CommentKey.moderation, 'visible');
      old.set(CommentKey.resolved, false);
      commentsMap(doc).set(oldId, old);
    });
    await moderator.moderate({ kind: 'decide', ids: [postedId], action: 'hide', reason: '' });

    const moderatorToken = await linkFor(running.url, b, 'moderator');
    const get = (path: string) =>
      fetch(`${running.url}/api/boards/${b.id}/moderation/${path}`, {
        headers: { authorization: `Bearer ${moderatorToken}` },
      });
    const json = (await (await get('comments.json')).json()) as {
      comments: { id: string; authorName: string; anonymous: boolean }[];
    };
    const author = (id: string) => json.comments.find((c) => c.id === id);
    // In the board's language (Finnish), whoever wrote it in which language.
    for (const id of [heldId, postedId, oldId]) {
      expect(author(id)).toMatchObject({ authorName: 'Nimetön', anonymous: true });
    }
    expect(author(namedId)).toMatchObject({ authorName: 'Kaisa', anonymous: false });
    const csvText = await (await get('comments.csv')).text();
    expect(csvText).not.toContain('"Anonym"');
    expect(csvText.match(/"Nimetön"/g)?.length).toBe(3);
    const audit = await (await get('audit.csv')).text();
    expect(audit).toMatch(/"hide","[^"]+","Nimetön"/);
    expect(audit).toMatch(/"approve","[^"]+","Nimetön"/);
  });

  it('exports comments and the audit log to moderators and facilitators only, formula-safe', async () => {
    const { running, board: b, moderator } = await board({}, { mode: 'post' });
    const author = await join(running, b, 'commenter', 'author-key');
    const posted = await author.comment('=HYPERLINK("http://evil.example","klikkaa")');
    const id = posted.ok ? posted.id : '';
    await moderator.moderate({ kind: 'decide', ids: [id], action: 'hide', reason: '@everyone' });
    const moderatorToken = await linkFor(running.url, b, 'moderator');
    const commenterToken = await linkFor(running.url, b, 'commenter');
    const get = (path: string, token: string) =>
      fetch(`${running.url}/api/boards/${b.id}/moderation/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get('comments.csv', commenterToken)).status).toBe(403);
    const csvResponse = await get('comments.csv', moderatorToken);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const csvText = await csvResponse.text();
    expect(csvText).toContain(`"'=HYPERLINK(""http://evil.example"",""klikkaa"")"`);
    expect(csvText).toContain('"hidden"');
    const json = (await (await get('comments.json', b.token)).json()) as {
      comments: { text: string; moderation: string; authorName: string }[];
    };
    expect(json.comments).toEqual([
      expect.objectContaining({
        text: '=HYPERLINK("http://evil.example","klikkaa")',
        moderation: 'hidden',
        authorName: 'Kaisa',
      }),
    ]);
    const auditBytes = new Uint8Array(await (await get('audit.csv', b.token)).arrayBuffer());
    // A byte-order mark first, so spreadsheets read the file as UTF-8.
    expect([...auditBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const audit = new TextDecoder().decode(auditBytes);
    expect(audit).toContain(`"'@everyone"`);
    expect(audit.split('\r\n')[0]).toBe(
      '"seq","time","by","by_name","action","target","subject","reason","detail"',
    );
  });
});
