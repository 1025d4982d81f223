// Runs every package's tests with node's test runner: once on embedded PGlite and,
// when TEST_POSTGRES_URL is set (CI), the packages that use the database once more on the real PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

// The other packages never open a database, so a second pass would only repeat them.
const DATABASE_PACKAGES = ['server', 'cli', 'sdk'];
const usesDatabase = (file) => DATABASE_PACKAGES.some((name) => file.startsWith(join(packagesDir, name, 'test')));

const runs = [{ label: 'embedded PGlite', files, env: { TEST_DATABASE: 'pglite', TEST_PGLITE_TEMPLATE: template } }];
const postgresUrl = process.env.TEST_POSTGRES_URL;
const postgresTemplate = `resoftai_template_${process.pid}_${randomBytes(4).toString('hex')}`;
const postgresTemplateCommand = (...flags) => spawnSync(
  process.execPath,
  ['--import', 'tsx', 'packages/server/test/make-postgres-template.ts', postgresUrl, postgresTemplate, ...flags],
  { stdio: 'inherit' },
);
if (postgresUrl) {
  if (postgresTemplateCommand().status !== 0) process.exit(1);
  runs.push({
    label: 'PostgreSQL',
    files: files.filter(usesDatabase),
    env: { TEST_DATABASE: 'postgres', TEST_POSTGRES_TEMPLATE: postgresTemplate },
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const run of runs) {
  console.log(`\n=== tests on ${run.label} (${run.files.length} files) ===`);
  // Two files at a time: on two cores many tests spend their time waiting on child processes and the database.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...run.files],
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
if (postgresUrl) postgresTemplateCommand('--drop');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
