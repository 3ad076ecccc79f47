// Makes a fresh clone runnable: pnpm, dependencies, the built client, Chromium for tests.
// Used by start.mjs and test.mjs; only Node and npm are assumed to exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The pnpm installed when none is on PATH (pnpm 10 or newer on PATH also works). */
const PNPM_VERSION = '12.21.0';

export function say(message) {
  process.stdout.write(`\x1b[1m[paja]\x1b[0m ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function works(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function mustRun(command, args, what) {
  if (run(command, args) !== 0) {
    say(`${what} failed (${command} ${args.join(' ')}).`);
    process.exit(1);
  }
}

/** Node 20.19 or newer: Vite 8 and the server need it. */
export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    say(`Paja needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

/**
 * better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded; node-gyp
 * then needs Node's headers. Where the system ships them (Debian's nodejs puts them in
 * /usr/include/node), point node-gyp there instead of letting it try to download them.
 */
function nativeBuildEnv() {
  const env = { ...process.env };
  if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) {
    env.npm_config_nodedir = '/usr';
  }
  return env;
}

/**
 * Makes `pnpm` runnable: the one on PATH, else one installed into .tools/ and put first on
 * PATH (the root scripts call pnpm themselves). Returns the command to use.
 */
export function ensurePnpm() {
  if (works('pnpm', ['--version'])) return 'pnpm';
  const localBin = path.join(root, '.tools', 'node_modules', '.bin');
  const local = path.join(localBin, 'pnpm');
  process.env.PATH = `${localBin}${path.delimiter}${process.env.PATH ?? ''}`;
  if (!fs.existsSync(local)) {
    say(`Installing pnpm ${PNPM_VERSION} into .tools/ (not found on PATH) ...`);
    mustRun(
      'npm',
      ['install', '--prefix', path.join(root, '.tools'), '--no-save', `pnpm@${PNPM_VERSION}`],
      'Installing pnpm',
    );
  }
  return local;
}

export function ensureDependencies(pnpm) {
  say('Installing dependencies (pnpm install) ...');
  const status = run(pnpm, ['install', '--frozen-lockfile'], { env: nativeBuildEnv() });
  if (status !== 0) {
    say('pnpm install failed. If better-sqlite3 failed to build, install a C++ toolchain');
    say('(Debian/Ubuntu: apt-get install -y python3 make g++) and try again.');
    process.exit(1);
  }
}

export function buildClient(pnpm) {
  say('Building the client ...');
  mustRun(pnpm, ['build'], 'Building the client');
}

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

export function findNginx() {
  return findExecutable('PAJA_NGINX', NGINX_CANDIDATES);
}

/** The executable the variable `envName` names (null if it is not there), else a candidate. */
function findExecutable(envName, candidates) {
  const fromEnv = process.env[envName];
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/**
 * nginx for the test that runs three instances behind deploy/nginx.conf
 * (server/test/loadBalancer.test.ts), installed like Chromium; without it that test skips.
 */
export function ensureNginx() {
  const found = findNginx() ?? installFromDebian('nginx', 'the load-balancer test', findNginx);
  if (!found) say('nginx was not found: the load-balancer test skips (apt-get install nginx).');
  return found;
}

/**
 * Installs Debian's `pkg` when we are root with apt-get, and returns what `find` finds
 * afterwards; null (having tried nothing) elsewhere.
 */
function installFromDebian(pkg, forWhat, find) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !works('sh', ['-c', 'command -v apt-get'])) return null;
  say(`Installing ${pkg} for ${forWhat} (apt-get install ${pkg}) ...`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', pkg], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return find();
}

/**
 * The server as JavaScript in server/dist (server/build.mjs), so that a start does not compile
 * TypeScript first. The build skips itself when its sources have not changed.
 */
export function buildServer(pnpm) {
  say('Building the server ...');
  mustRun(pnpm, ['--filter', '@paja/server', 'build'], 'Building the server');
}

/** The compiled server's entry, relative to server/. */
export const SERVER_ENTRY = 'dist/main.mjs';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium() {
  return findExecutable('PAJA_CHROMIUM', CHROMIUM_CANDIDATES);
}

/**
 * Chromium for the browser tests. Installs Debian's package when we are root with apt-get;
 * otherwise returns null with the exact command printed, and the browser tests count as failed.
 */
export function ensureChromium() {
  const found = findChromium() ?? installFromDebian('chromium', 'the browser tests', findChromium);
  if (found) return found;
  say('Chromium is needed for the browser tests and was not found.');
  say('Install it and run the tests again, for example:');
  say('  Debian/Ubuntu: sudo apt-get install -y chromium');
  say('  Fedora: sudo dnf install chromium    macOS: brew install --cask chromium');
  say('or point PAJA_CHROMIUM at a Chromium or Chrome executable.');
  return null;
}
