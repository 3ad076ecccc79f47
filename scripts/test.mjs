// `npm test`: installs what is missing, then type check, lint, unit and integration tests,
// browser tests; ends with one line "N passed, N failed" (type check and lint count as one
// each, every test case as one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildClient,
  checkNode,
  ensureChromium,
  ensureDependencies,
  ensureNginx,
  ensurePnpm,
  run,
  say,
} from './setup.mjs';

checkNode();
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
const chromium = ensureChromium();
const nginx = ensureNginx();
buildClient(pnpm);

const results = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-test-report-'));

function check(name, command, args) {
  say(`${name} ...`);
  const ok = run(command, args) === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

function vitest(name, args, env = {}) {
  say(`${name} ...`);
  const report = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const status = run(
    pnpm,
    [
      'exec',
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { env: { ...process.env, ...env } },
  );
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
    // A file that fails to load has no failed test case: count each such file once.
    if (failed === 0) failed = json.numFailedTestSuites ?? 0;
  } catch {
    failed = 1; // no report: the run itself broke
  }
  if (status !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed });
}

check('Type check', pnpm, ['typecheck']);
check('Lint', pnpm, ['lint']);
vitest('Unit and integration tests', [], nginx ? { PAJA_NGINX: nginx } : {});
if (chromium) {
  vitest('Browser tests', ['--config', 'e2e/vitest.config.ts'], { PAJA_CHROMIUM: chromium });
} else {
  results.push({ name: 'Browser tests (Chromium missing)', passed: 0, failed: 1 });
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
say('Summary:');
for (const r of results) say(`  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
