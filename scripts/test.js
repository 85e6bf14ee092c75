#!/usr/bin/env node
/**
 * `npm test`: every suite on SQLite; with TEST_POSTGRES_URL set, the end-to-end suites again on
 * PostgreSQL (each suite in a fresh database, dropped afterwards). Extra arguments go to jest.
 * Ends with one line "N passed, N failed" over all runs, and which databases were covered.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const args = process.argv.slice(2);
const runs = [{ db: 'sqlite', pattern: [] }];
if (process.env.TEST_POSTGRES_URL)
  runs.push({ db: 'postgres', pattern: ['--testPathPatterns', 'test/e2e/'] });

const dir = mkdtempSync(join(tmpdir(), 'o2o-jest-'));
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const run of runs) {
  console.log(`\n=== Test suites on ${run.db === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL'} ===\n`);
  const output = join(dir, `${run.db}.json`);
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--maxWorkers=2',
      '--json',
      `--outputFile=${output}`,
      ...run.pattern,
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, TEST_DB: run.db } },
  );
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  } catch {
    failed += 1;
  }
  if (result.status !== 0) exitCode = result.status ?? 1;
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `\nDatabases covered: ${runs.map((r) => r.db).join(', ')}${process.env.TEST_POSTGRES_URL ? '' : ' (set TEST_POSTGRES_URL to cover PostgreSQL too)'}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
