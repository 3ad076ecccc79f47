import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLimits, PajaServer, SqliteStorage, silentLogger } from '@paja/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

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
  options: { dataDir?: string; port?: number } = {},
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
      limits: loadLimits({}),
    },
    SqliteStorage.open(dataDir),
    silentLogger,
  );
  const address = await server.listen();
  return { server, url: server.url, dataDir, port: address.port };
}

/** Flags that make Debian's Chromium start headless in a container without a network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.PAJA_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; set PAJA_CHROMIUM or install it.`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
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
