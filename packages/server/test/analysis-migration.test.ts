import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { analyze, type Issue } from '@resoftai/analyzer';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

// 0012 adds code_analysis_issues.fingerprint and fills it for findings stored before: the values must be the ones the
// analyser and the AI review compute, so a finding keeps its identity (SARIF partialFingerprints) across the upgrade.
const MIGRATIONS = new URL('../drizzle/', import.meta.url).pathname;
const FIRST_NEW = '0012_analysis-history';

interface Migrator {
  execute(query: ReturnType<typeof sql>): Promise<{ rows: Record<string, unknown>[] }>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** The migrations folder as it was before 0012. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'resoftai-migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  assert.ok(cut > 0, `${tag} is in the journal`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function openMigrator(): Promise<Migrator> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    const client = await PGlite.create();
    const db = drizzlePglite(client);
    return {
      execute: async (query) => (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] },
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL');
  const name = `resoftai_migration_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const db = drizzleNodePg(client);
  return {
    execute: async (query) => (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] },
    migrate: (folder) => migrateNodePg(db, { migrationsFolder: folder }),
    close: async () => {
      await client.end();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

// Equal lines (occurrences), runs of spaces and tabs, a no-break space, a tab-indented line and a CRLF line ending.
const CODE = [
  'def run(data, more):',
  '    eval(data)',
  '    eval(data)',
  '    eval(  data)\t',
  '\teval(data)\u00a0',
  '    eval(more)\r',
  '    return data',
  '',
].join('\n');

let database: Migrator;
let folder: string;
before(async () => {
  database = await openMigrator();
  folder = migrationsBefore(FIRST_NEW);
});
after(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

test('0012 gives stored findings the fingerprints the analyser and the AI review computed', async () => {
  await database.migrate(folder);
  const [user] = (await database.execute(sql`
    INSERT INTO users (username, email, password_hash) VALUES ('legacy', 'legacy@example.com', 'x') RETURNING id`)).rows as [{ id: number }];
  const local = await analyze({ code: CODE, language: 'python', filePath: 'run.py' });
  const evals = local.issues.filter((issue) => issue.rule_id === 'S001');
  assert.ok(evals.length >= 5, `eval findings: ${JSON.stringify(local.issues.map((issue) => issue.id))}`);
  // An AI finding as the review stores it: rule AI, fingerprint of "AI|title|trimmed line".
  const aiLine = CODE.split('\n')[6]!;
  const ai: Issue = {
    ...evals[0]!, id: 'AI:7:5', rule_id: 'AI', title: 'Returns unchecked input', source: 'ai', line: 7, column: 5,
    fingerprint: createHash('sha256').update(`AI|Returns unchecked input|${aiLine.trim()}`).digest('hex').slice(0, 32),
  };
  const issues = [...local.issues, ai].sort((a, b) => a.line - b.line || a.column - b.column || a.rule_id.localeCompare(b.rule_id));

  for (const id of ['analysis-legacy-1', 'analysis-legacy-2']) {
    await database.execute(sql`
      INSERT INTO code_analyses (id, user_id, status, language, file_path, code, rules, locale, score, metrics)
      VALUES (${id}, ${user.id}, 'completed', 'python', 'run.py', ${CODE}, '["security"]', 'en', ${local.score},
        ${JSON.stringify({ total_issues: issues.length, critical: 0, high: 0, medium: 0, low: 0, analysis_time_ms: 1 })})`);
    for (const [position, issue] of issues.entries()) {
      await database.execute(sql`
        INSERT INTO code_analysis_issues (id, analysis_id, position, rule_id, type, category, severity, confidence, cwe, title,
          message, suggestion, line, "column", end_line, end_column, fixable, source)
        VALUES (${`${id}-issue-${position}`}, ${id}, ${position}, ${issue.rule_id}, ${issue.type}, ${issue.category}, ${issue.severity},
          ${issue.confidence}, ${issue.cwe}, ${issue.title}, ${issue.message}, ${issue.suggestion}, ${issue.line}, ${issue.column},
          ${issue.end_line}, ${issue.end_column}, ${issue.fixable}, ${issue.source})`);
    }
  }

  await database.migrate(MIGRATIONS);

  for (const id of ['analysis-legacy-1', 'analysis-legacy-2']) {
    const rows = (await database.execute(sql`
      SELECT fingerprint FROM code_analysis_issues WHERE analysis_id = ${id} ORDER BY position`)).rows as { fingerprint: string }[];
    assert.deepEqual(rows.map((row) => row.fingerprint), issues.map((issue) => issue.fingerprint), id);
  }
  assert.equal(new Set(evals.map((issue) => issue.fingerprint)).size, evals.length, 'every eval finding has its own fingerprint');
  const [column] = (await database.execute(sql`
    SELECT is_nullable FROM information_schema.columns WHERE table_name = 'code_analysis_issues' AND column_name = 'fingerprint'`)).rows as [{ is_nullable: string }];
  assert.equal(column.is_nullable, 'NO');
});
