// `pnpm --filter @paja/server build`: the server as plain JavaScript in server/dist/, which is
// what `npm start` runs, and the admin command line beside it (dist/cli.mjs, which `pnpm paja`
// runs through scripts/paja.mjs). Compiling TypeScript at every start (tsx) made a restart
// about three times slower than a JavaScript server's; `pnpm dev` and the tests keep running
// the sources.
//
// esbuild bundles src/main.ts, the shared package and the plain JavaScript dependencies (Yjs,
// lib0, y-protocols, ws) into one module, dist/main.mjs (src/cli.ts likewise into dist/cli.mjs):
// Node then reads, resolves and compiles one file instead of some hundred, which is most of
// what a start costs (measured in bench/RESULTS.md, "Restart"). The worker threads and child
// processes the server starts are bundled next to it, under the file names the server asks for
// (`new URL('./sqliteWorkerEntry.mjs', import.meta.url)` in the bundle means
// dist/sqliteWorkerEntry.mjs). Skipped when nothing it is built from changed.
//
// node build.mjs [--force] [--out <dir>]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const serverDir = path.dirname(fileURLToPath(import.meta.url));
/** The workspace package @paja/shared, in this repository beside server/. */
const sharedDir = path.join(path.dirname(serverDir), 'shared');
const srcDir = path.join(serverDir, 'src');

/** The programs an operator runs: the server (`npm start`) and the admin command line. */
const PROGRAMS = {
  main: 'src/main.ts',
  cli: 'src/cli.ts',
};
/**
 * What the server starts besides itself: the file name it gives `new URL(…, import.meta.url)`
 * and the source of its code. Under tsx the two .mjs entries register tsx and load the worker's
 * TypeScript; compiled, the worker's code itself is that file and nothing loads tsx.
 */
const WORKERS = {
  'sqliteWorkerEntry.mjs': 'src/storage/sqliteWorker.ts',
  'exportWorkerEntry.mjs': 'src/export/exportWorker.ts',
  'mergeWorker.mjs': 'src/compaction/mergeWorker.mjs',
  'decodeChild.mjs': 'src/media/decodeChild.mjs',
};
/**
 * Dependencies left out of the bundle, loaded from server/node_modules: native addons (their
 * .node files sit next to their JavaScript), the libraries the server imports only when first
 * used (PDF, spreadsheet and PNG export, PostgreSQL, Redis: start-up must not load them), ws's
 * optional native helpers, the font files found through their package, and tsx (development).
 */
const NOT_BUNDLED = [
  'better-sqlite3',
  '@napi-rs/canvas',
  '@resvg/resvg-js',
  'pdfkit',
  'exceljs',
  'pg',
  'ioredis',
  'bufferutil',
  'utf-8-validate',
  'dejavu-fonts-ttf',
  'tsx',
];
/** Stamped into dist/ after a successful build; the next build compares it. */
const STAMP = 'build-inputs.sha256';

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** One hash of everything the build reads, so an unchanged checkout is not built again. */
function inputsHash() {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  const inputs = [
    fileURLToPath(import.meta.url),
    path.join(serverDir, 'package.json'),
    path.join(sharedDir, 'package.json'),
    // The bundled dependencies' versions.
    path.join(serverDir, '../pnpm-lock.yaml'),
    ...filesUnder(srcDir),
    ...filesUnder(path.join(sharedDir, 'src')),
  ];
  for (const file of inputs) {
    hash.update(`${path.relative(serverDir, file)}\n`).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * The bundle puts all code in dist/, one level below server/ like src/ is. A file that finds
 * something relative to itself therefore works compiled only when it sits directly in src/
 * (config.ts finds the built client and templates.ts the templates from the repository's root),
 * or when it is a worker listed above. Anything else would break only in the compiled server:
 * refuse it here.
 */
function checkRelativePaths() {
  const problems = [];
  const relative =
    /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)|import\.meta\.dirname/g;
  for (const file of filesUnder(srcDir)) {
    if (!/\.(ts|mjs)$/.test(file) || /\.test\.ts$/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(relative)) {
      const target = match[1];
      if (target?.startsWith('./') && target.slice(2) in WORKERS) continue;
      if (path.dirname(file) === srcDir) continue;
      problems.push(`${path.relative(serverDir, file)}: ${match[0]}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `these paths would not resolve in the compiled server (server/build.mjs explains):\n  ${problems.join('\n  ')}`,
    );
  }
}

/** Builds into `outDir` unless it holds a build of the same inputs. Returns whether it built. */
export async function buildServer({ force = false, outDir = path.join(serverDir, 'dist') } = {}) {
  checkRelativePaths();
  const hash = inputsHash();
  const stampFile = path.join(outDir, STAMP);
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) {
    return false;
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  const entryPoints = {};
  for (const [name, source] of Object.entries(PROGRAMS)) {
    entryPoints[name] = path.join(serverDir, source);
  }
  for (const [file, source] of Object.entries(WORKERS)) {
    entryPoints[file.replace(/\.mjs$/, '')] = path.join(serverDir, source);
  }
  await build({
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external: NOT_BUNDLED,
    // ws is CommonJS and requires Node's modules; an ES module has no `require` of its own.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    // No keepNames: it wraps every function expression of the bundle in `__name(fn, "name")`,
    // an Object.defineProperty each time a closure is made, and Yjs makes several per
    // transaction; the renamed closures also ran far slower. Measured, one small update
    // applied with Y.applyUpdate: 63-104 µs bundled with keepNames, 11-18 µs without, as
    // unbundled (bench/RESULTS.md, helper "percost"). Names stay as written without it
    // (nothing is minified); only the few that esbuild renames, to keep two modules' names
    // apart, read `name2` in a stack trace, whose file and line stay right.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.indexOf('--out');
  const started = performance.now();
  const built = await buildServer({
    force: args.includes('--force'),
    ...(out >= 0 && args[out + 1] ? { outDir: path.resolve(args[out + 1]) } : {}),
  });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    built ? `server built into dist/ in ${ms} ms\n` : 'server build is up to date\n',
  );
}
