// Runs every package's tests with node's test runner: once on embedded PGlite and,
// when TEST_POSTGRES_URL is set (CI), once more on the real PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findTests(dir) {
  let found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'fixtures') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const packagesDir = 'packages';
const files = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name, 'test'))
  .filter((dir) => { try { return statSync(dir).isDirectory(); } catch { return false; } })
  .flatMap(findTests)
  .sort();

// Migrating a fresh PGlite takes seconds; every test file starts from one migrated dump instead.
const templateDir = mkdtempSync(join(tmpdir(), 'resoftai-test-'));
const template = join(templateDir, 'pglite-template.tar');
const made = spawnSync(process.execPath, ['--import', 'tsx', 'packages/server/test/make-pglite-template.ts', template], { stdio: 'inherit' });
if (made.status !== 0) process.exit(1);

const runs = [{ label: 'embedded PGlite', env: { TEST_DATABASE: 'pglite', TEST_PGLITE_TEMPLATE: template } }];
if (process.env.TEST_POSTGRES_URL) runs.push({ label: 'PostgreSQL', env: { TEST_DATABASE: 'postgres' } });

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const run of runs) {
  console.log(`\n=== tests on ${run.label} (${files.length} files) ===`);
  // Two files at a time: on two cores many tests spend their time waiting on child processes and the database.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    { env: { ...process.env, ...run.env, NODE_ENV: 'test' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (name) => Number(result.stdout.match(new RegExp(`ℹ ${name} (\\d+)`))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail');
  totals.skipped += count('skipped');
  if (result.status !== 0) exitCode = 1;
}
rmSync(templateDir, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
