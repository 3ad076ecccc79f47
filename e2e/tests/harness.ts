import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadHttpPolicy,
  loadLimits,
  loadStatement,
  PajaServer,
  silentLogger,
  WorkerSqliteStorage,
} from '@paja/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumLaunchOptions } from './chromiumOptions';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

export interface RunningPaja {
  server: PajaServer;
  url: string;
  dataDir: string;
  port: number;
}

/**
 * A real Paja server serving the built client, with SQLite in a fresh temporary folder (or in
 * `dataDir`, on `port`, to restart a server where the previous one was).
 */
export async function startPaja(
  options: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningPaja> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paja-e2e-'));
  const clientDir = path.join(repoRoot, 'client', 'dist');
  if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
    throw new Error('The client is not built: run "pnpm build" (npm test does it for you).');
  }
  const server = new PajaServer(
    {
      port: options.port ?? 0,
      host: '127.0.0.1',
      clientDir,
      publicUrl: null,
      idleUnloadMs: 60_000,
      maxMessageBytes: 1024 * 1024,
      compactEvery: 500,
      secret: 'e2e-secret-that-is-long-enough-for-paja-0123456789',
      // Every person of a browser test comes from 127.0.0.1 and makes boards by the dozen.
      http: loadHttpPolicy({ PAJA_CREATE_PER_HOUR: '100000', ...options.env }),
      limits: loadLimits(options.env ?? {}),
      statement: loadStatement(options.env ?? {}),
    },
    WorkerSqliteStorage.open(dataDir),
    silentLogger,
  );
  const address = await server.listen();
  return { server, url: server.url, dataDir, port: address.port };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/**
 * A person: their own browser context (own localStorage, own cookies), one page, and their
 * console errors collected so a test can show them when it fails.
 */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function newPerson(browser: Browser, name: string, locale = 'en-US'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { name, context, page, errors };
}

/** Answers the name dialog if it is shown. */
export async function enterName(person: Person): Promise<void> {
  const input = person.page.getByTestId('name-input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(person.name);
  await person.page.getByTestId('name-submit').click();
}

export async function waitOnline(person: Person): Promise<void> {
  await person.page
    .locator('[data-testid="connection-status"][data-state="online"]')
    .waitFor({ timeout: 15_000 });
}

export async function screenshot(person: Person, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await person.page.screenshot({ path: file });
  return file;
}

export async function waitSaveState(person: Person, state: 'saved' | 'unsaved'): Promise<void> {
  await person.page
    .locator(`[data-testid="save-status"][data-state="${state}"]`)
    .waitFor({ timeout: 15_000 });
}

/**
 * Waits until the service worker controls the page and has cached the app shell, so that a
 * reload works without the server (or the network).
 */
export async function waitServiceWorker(person: Person): Promise<void> {
  await person.page.waitForFunction(
    async () => {
      if (!navigator.serviceWorker?.controller) return false;
      const names = await caches.keys();
      for (const name of names) {
        if (!name.startsWith('paja-shell-')) continue;
        if (await (await caches.open(name)).match('/index.html')) return true;
      }
      return false;
    },
    undefined,
    { timeout: 15_000, polling: 200 },
  );
}

export async function waitConnection(
  person: Person,
  state: 'connecting' | 'online' | 'offline',
): Promise<void> {
  await person.page
    .locator(`[data-testid="connection-status"][data-state="${state}"]`)
    .waitFor({ timeout: 15_000 });
}

/** The texts of the notes on the board, sorted (the screen-reader list mirrors the canvas). */
export async function noteTexts(person: Person): Promise<string[]> {
  const texts = await person.page.getByTestId('note-item').allTextContents();
  return texts.sort();
}

/** Fires a paste of plain text at the page, as Ctrl+V would (a synthetic clipboard). */
export async function pasteText(person: Person, text: string): Promise<void> {
  await person.page.evaluate((plain) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', plain);
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Adds a note with the toolbar and types its text, as a person would. */
export async function addNote(person: Person, text: string): Promise<void> {
  await person.page.getByTestId('add-note').click();
  await person.page.getByTestId('note-editor').waitFor();
  await person.page.keyboard.type(text);
  await person.page.keyboard.press('Escape');
}

/**
 * Types into a note's text the way the note editor does (a Y.Text insert on the page's own
 * document, through the debugging hook), at the start or the end. The canvas gives a test no
 * stable place to double-click, and this is the same document change, sent the same way.
 */
export async function typeIntoNote(
  person: Person,
  noteId: string,
  text: string,
  where: 'start' | 'end',
): Promise<void> {
  await person.page.evaluate(
    ({ noteId, text, where }) => {
      interface YText {
        length: number;
        insert(index: number, text: string): void;
      }
      interface Hook {
        __paja?: {
          doc: { getMap(name: string): { get(key: string): { get(key: string): YText } } };
        };
      }
      const doc = (window as unknown as Hook).__paja?.doc;
      if (!doc) throw new Error('no board open');
      const yText = doc.getMap('notes').get(noteId).get('text');
      yText.insert(where === 'start' ? 0 : yText.length, text);
    },
    { noteId, text, where },
  );
}

/** Creates a board from the landing page as `person` (its facilitator); returns its link. */
export async function createBoard(person: Person, baseUrl: string): Promise<string> {
  await person.page.goto(`${baseUrl}/`);
  await person.page.getByTestId('create-board').click();
  const link = await boardLinkOf(person);
  await enterName(person);
  await waitOnline(person);
  return link;
}

/**
 * The link (with token) of the board open in `person`'s tab. The page keeps the token in the
 * tab's sessionStorage, never in the address bar, so a test reads it from there.
 */
export async function boardLinkOf(person: Person): Promise<string> {
  await person.page.waitForURL(/\/b\/[0-9A-Za-z_-]+$/);
  const url = new URL(person.page.url());
  const boardId = url.pathname.split('/')[2] ?? '';
  const token = await person.page.waitForFunction(
    (id) => window.sessionStorage.getItem(`paja.tabToken.${id}`),
    boardId,
  );
  return `${url.origin}/b/${boardId}#t=${await token.jsonValue()}`;
}

/** A link of another role to the board of `facilitatorUrl`, minted through the HTTP API. */
export async function mintLink(baseUrl: string, facilitatorUrl: string, role: string) {
  const match = /\/b\/([0-9A-Za-z_-]+)#t=(.+)$/.exec(facilitatorUrl);
  if (!match) throw new Error(`not a board link: ${facilitatorUrl}`);
  const [, boardId, token] = match;
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (response.status !== 201) throw new Error(`minting a link failed: ${response.status}`);
  const { url } = (await response.json()) as { url: string };
  // The server may not know the address the browser uses: keep only path and fragment.
  const parsed = new URL(url);
  return `${baseUrl}${parsed.pathname}${parsed.hash}`;
}

export async function joinBoard(person: Person, url: string): Promise<void> {
  await person.page.goto(url);
  await enterName(person);
  await waitOnline(person);
}

/** window.__pajaCanvas (client/src/board/canvasProbe.ts), as far as tests use it. */
interface CanvasHook {
  __pajaCanvas?: {
    noteRect(id: string): PageRect | null;
    cellRect(lane: number, period: number): PageRect | null;
    clusterRect(id: string): PageRect | null;
    selection(): string[];
  };
}

export interface PageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the canvas draws a note (window.__pajaCanvas), in page pixels; waits until it is. */
export async function noteRect(person: Person, noteId: string): Promise<PageRect> {
  const handle = await person.page.waitForFunction(
    (id) => (window as unknown as CanvasHook).__pajaCanvas?.noteRect(id) ?? null,
    noteId,
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as PageRect;
}

/**
 * noteRect once the note stands still: after a change of view (zoom to fit) the canvas draws it
 * in its new place a frame or more later, and a click at the old place selects something else.
 */
export async function settledNoteRect(person: Person, noteId: string): Promise<PageRect> {
  let last = await noteRect(person, noteId);
  for (let i = 0; i < 30; i++) {
    await person.page.waitForTimeout(150);
    const now = await noteRect(person, noteId);
    if (now.x === last.x && now.y === last.y && now.w === last.w && now.h === last.h) return now;
    last = now;
  }
  throw new Error(`note ${noteId} kept moving for 4.5 s`);
}

export async function cellRect(person: Person, lane: number, period: number): Promise<PageRect> {
  const handle = await person.page.waitForFunction(
    ([l, p]) =>
      (window as unknown as CanvasHook).__pajaCanvas?.cellRect(l as number, p as number) ?? null,
    [lane, period],
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as PageRect;
}

export function centerOfRect(r: PageRect): { x: number; y: number } {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** Drags with the mouse in small steps, as a person would (the canvas needs the moves). */
export async function drag(
  person: Person,
  from: { x: number; y: number },
  to: { x: number; y: number },
  options: { steps?: number; shift?: boolean } = {},
): Promise<void> {
  const { mouse, keyboard } = person.page;
  if (options.shift) await keyboard.down('Shift');
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move(to.x, to.y, { steps: options.steps ?? 12 });
  await mouse.up();
  if (options.shift) await keyboard.up('Shift');
}

/** The ids of the notes in the document, in the page's own replica. */
export async function noteIds(person: Person): Promise<string[]> {
  return person.page.evaluate(() => {
    const hook = window as unknown as {
      __paja?: { doc: { getMap(n: string): Map<string, unknown> } };
    };
    const doc = hook.__paja?.doc;
    return doc ? [...doc.getMap('notes').keys()] : [];
  });
}

/** One note's plain fields and text as this person's replica has them. */
export async function readNoteIn(person: Person, noteId: string) {
  return person.page.evaluate((id) => {
    const hook = window as unknown as {
      __paja?: { doc: { getMap(n: string): Map<string, unknown> } };
    };
    const note = hook.__paja?.doc.getMap('notes').get(id) as
      | { toJSON(): Record<string, unknown> }
      | undefined;
    return note ? note.toJSON() : null;
  }, noteId);
}

/** The note ids this person has selected on the canvas. */
export async function selectionOf(person: Person): Promise<string[]> {
  return person.page.evaluate(
    () => (window as unknown as CanvasHook).__pajaCanvas?.selection() ?? [],
  );
}

/** Cluster titles in this person's replica, in no particular order. */
export async function clusterTitles(person: Person): Promise<string[]> {
  return person.page.evaluate(() => {
    interface Hook {
      __paja?: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } };
    }
    const clusters = (window as unknown as Hook).__paja?.doc.getMap('clusters');
    return [...(clusters?.values() ?? [])].map((c) => String(c.get('title')));
  });
}

/** Names of the other people whose pointer this person's page knows, sorted. */
export async function remoteCursorNames(person: Person): Promise<string[]> {
  return person.page.evaluate(() => {
    interface State {
      user?: { name?: string };
      cursor?: unknown;
    }
    interface Hook {
      __paja?: { provider: { awareness: { clientID: number; getStates(): Map<number, State> } } };
    }
    const awareness = (window as unknown as Hook).__paja?.provider.awareness;
    if (!awareness) return [];
    return [...awareness.getStates()]
      .filter(([clientId, state]) => clientId !== awareness.clientID && state.cursor)
      .map(([, state]) => state.user?.name ?? '')
      .sort();
  });
}

/**
 * The usual frame of a browser test file: a real server and a browser for the whole file, the
 * people it opened (whose page errors are printed at the end), everything closed afterwards.
 * `paja` may be replaced, e.g. by a restarted server, and the new one is closed at the end.
 */
export interface WorkshopSession {
  paja: RunningPaja;
  readonly browser: Browser;
  readonly people: Person[];
}

export function workshopSession(): WorkshopSession {
  let paja: RunningPaja | null = null;
  let browser: Browser | null = null;
  const people: Person[] = [];
  beforeAll(async () => {
    paja = await startPaja();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const person of people) {
      if (person.errors.length > 0) console.log(`${person.name} page errors:`, person.errors);
    }
    await browser?.close();
    await paja?.server.close();
  });
  const started = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get paja() {
      return started(paja, 'the server');
    },
    set paja(next: RunningPaja) {
      paja = next;
    },
    get browser() {
      return started(browser, 'the browser');
    },
    people,
  };
}

/**
 * A facilitator (Aino, Finnish) and two participants (Bertil, Swedish; Cecilia, English) on a
 * new board, each seeing all three present. `cecilia` may get a phone-sized screen.
 */
export async function threePeople(
  session: WorkshopSession,
  options: { phone?: boolean } = {},
): Promise<{ aino: Person; bertil: Person; cecilia: Person; facilitatorUrl: string }> {
  const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
  const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
  const cecilia = await newPerson(session.browser, 'Cecilia', 'en-GB');
  if (options.phone) await cecilia.page.setViewportSize({ width: 375, height: 740 });
  session.people.push(aino, bertil, cecilia);
  const facilitatorUrl = await createBoard(aino, session.paja.url);
  const participantUrl = await mintLink(session.paja.url, facilitatorUrl, 'participant');
  await joinBoard(bertil, participantUrl);
  await joinBoard(cecilia, participantUrl);
  for (const person of [aino, bertil, cecilia]) {
    await person.page.waitForFunction(
      () =>
        /3/.test(document.querySelector('[data-testid="participant-count"]')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
  }
  return { aino, bertil, cecilia, facilitatorUrl };
}

/**
 * Runs a command of the toolbar's "More" menu (private brainstorm, moderation, phase, export,
 * history, import, files) as a person does: opens the menu, presses the command.
 */
export async function moreTool(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId('toolbar-more-menu').getByTestId(testId);
  if (!(await item.isVisible())) await page.getByTestId('toolbar-more').click();
  await item.click();
}

/** The commands the toolbar's "More" menu offers this person (their test ids); closed again. */
export async function moreTools(page: Page): Promise<string[]> {
  const button = page.getByTestId('toolbar-more');
  if ((await button.count()) === 0) return [];
  await button.click();
  const menu = page.getByTestId('toolbar-more-menu');
  await menu.waitFor();
  const ids = await menu
    .locator('[role^="menuitem"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid') ?? ''));
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return ids;
}

/**
 * The notes whose text starts with `prefix`: how many are in the topic titled `title`, and
 * how many of those lie (wholly) inside its frame, in this person's replica.
 */
export async function inTopic(person: Person, title: string, prefix: string) {
  return person.page.evaluate(
    ({ title, prefix }) => {
      interface YMap {
        entries(): IterableIterator<[string, { toJSON(): Record<string, unknown> }]>;
      }
      const doc = (window as unknown as { __paja?: { doc: { getMap(n: string): YMap } } }).__paja
        ?.doc;
      const clusters = [...(doc?.getMap('clusters').entries() ?? [])].map(([id, c]) => ({
        id,
        ...(c.toJSON() as { title: string; x: number; y: number; w: number; h: number }),
      }));
      const frame = clusters.find((c) => c.title === title);
      let members = 0;
      let inside = 0;
      for (const [, note] of doc?.getMap('notes').entries() ?? []) {
        const json = note.toJSON() as { text: string; cluster?: string; pos: number[] };
        if (!json.text.startsWith(prefix) || json.cluster !== frame?.id || !frame) continue;
        members++;
        const [x = 0, y = 0] = json.pos;
        const [w = 160, h = 160] = (json as { size?: number[] }).size ?? [];
        const within = x >= frame.x && y >= frame.y;
        if (within && x + w <= frame.x + frame.w && y + h <= frame.y + frame.h) inside++;
      }
      return { members, inside };
    },
    { title, prefix },
  );
}

/** Pairs of topic frames that overlap in this person's replica, by title ("A / B"). */
export async function overlappingFrames(person: Person): Promise<string[]> {
  return person.page.evaluate(() => {
    interface YMap {
      values(): IterableIterator<{ toJSON(): Record<string, unknown> }>;
    }
    const doc = (window as unknown as { __paja?: { doc: { getMap(n: string): YMap } } }).__paja
      ?.doc;
    type Frame = { title: string; x: number; y: number; w: number; h: number };
    const frames = [...(doc?.getMap('clusters').values() ?? [])].map((c) => c.toJSON() as Frame);
    const pairs: string[] = [];
    for (const [i, a] of frames.entries()) {
      for (const b of frames.slice(i + 1)) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        if (!apart) pairs.push(`${a.title} / ${b.title}`);
      }
    }
    return pairs;
  });
}
