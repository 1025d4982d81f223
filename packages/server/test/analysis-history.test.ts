import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { analyze, type AnalysisResult, formatSarif, formatText, type Issue } from '@resoftai/analyzer';
import { addMember, createOrganization, createTeam } from './org-support.ts';
import { createProject } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const EVAL_CODE = 'def process(data):\n    eval(data)\n    eval(data)\n    return data\n';
const JS_CODE = 'function run(input) {\n  eval(input);\n}\n';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let stranger: TestUser;
before(async () => {
  t = await createTestApp();
  // The first account is an administrator; the others are plain users.
  admin = await createUser(t.app);
  owner = await createUser(t.app);
  stranger = await createUser(t.app);
});
after(() => t.close());

const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.auth });

async function submit(user: TestUser, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: user.auth, payload });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** The analyzer's result rebuilt from a remote analysis, as a client does before handing it to a formatter. */
function asAnalysisResult(remote: { language: string; file_path: string | null; score: number; issues: Issue[]; metrics: { lines_of_code: number } }, local: AnalysisResult): AnalysisResult {
  return { language: remote.language, file_path: remote.file_path, score: remote.score, issues: remote.issues, metrics: { ...local.metrics, lines: { ...local.metrics.lines, code: remote.metrics.lines_of_code } } };
}

describe('the Analysis reply carries what the formatters read', () => {
  test('fingerprints, end positions, file path and lines of code match a local analysis; text and SARIF come out the same', async () => {
    const remote = await submit(owner, { code: EVAL_CODE, language: 'python', rules: ['security', 'quality', 'performance'], context: { file_path: 'src/run.py' } });
    const local = await analyze({ code: EVAL_CODE, language: 'python', filePath: 'src/run.py' });
    assert.equal(remote.file_path, 'src/run.py');
    assert.equal(remote.metrics.lines_of_code, local.metrics.lines.code);
    assert.equal(remote.score, local.score);
    const strip = (issue: Issue) => ({ ...issue, id: undefined });
    assert.deepEqual(remote.issues.map(strip), local.issues.map(strip));
    const [first, second] = remote.issues.filter((issue: Issue) => issue.rule_id === 'S001');
    assert.match(first.fingerprint, /^[0-9a-f]{32}$/);
    assert.notEqual(first.fingerprint, second.fingerprint, 'the same finding twice on equal lines differs by occurrence');

    const rebuilt = asAnalysisResult(remote, local);
    assert.equal(formatText([rebuilt]), formatText([local]));
    assert.equal(formatSarif([rebuilt]), formatSarif([local]));

    const stored = (await get(owner, `/api/analyze/${remote.analysis_id}/results`)).json();
    assert.deepEqual(stored.issues, remote.issues);
    assert.equal(stored.metrics.lines_of_code, remote.metrics.lines_of_code);
  });

  test('without context.file_path the reply says null', async () => {
    const remote = await submit(owner, { code: JS_CODE, language: 'javascript' });
    assert.equal(remote.file_path, null);
  });

  test('an analysis stored before lines of code were kept still loads, the count derived from its code', async () => {
    const remote = await submit(owner, { code: EVAL_CODE, language: 'python' });
    await t.database.db.execute(sql`UPDATE code_analyses SET metrics = metrics - 'lines_of_code' WHERE id = ${remote.analysis_id}`);
    const response = await get(owner, `/api/analyze/${remote.analysis_id}/results`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().metrics.lines_of_code, 4);
    assert.deepEqual(response.json().issues, remote.issues);
  });
});

describe('GET /api/analyze', () => {
  let lister: TestUser;
  let ids: string[];
  before(async () => {
    lister = await createUser(t.app);
    ids = [];
    ids.push((await submit(lister, { code: EVAL_CODE, language: 'python', context: { file_path: 'a.py', project_id: 7 } })).analysis_id);
    ids.push((await submit(lister, { code: JS_CODE, language: 'javascript' })).analysis_id);
    ids.push((await submit(lister, { code: 'x = 1\n', language: 'python', context: { file_path: 'b.py' } })).analysis_id);
    await submit(stranger, { code: EVAL_CODE, language: 'python' });
  });

  test('lists the caller\'s analyses newest first with counts, paged with X-Total-Count', async () => {
    const response = await get(lister, '/api/analyze');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['x-total-count'], '3');
    const items = response.json();
    assert.deepEqual(items.map((item: { analysis_id: string }) => item.analysis_id), [...ids].reverse());
    const oldest = items[2];
    const full = (await get(lister, `/api/analyze/${oldest.analysis_id}/results`)).json();
    assert.deepEqual(Object.keys(oldest).sort(), ['analysis_id', 'completed_at', 'created_at', 'file_path', 'language', 'project_ref', 'score', 'status', 'summary', 'total_issues']);
    assert.deepEqual(oldest, {
      analysis_id: full.analysis_id, status: 'completed', language: 'python', file_path: 'a.py', project_ref: '7', score: full.score,
      total_issues: full.issues.length,
      summary: { critical: full.metrics.critical, high: full.metrics.high, medium: full.metrics.medium, low: full.metrics.low },
      created_at: full.created_at, completed_at: full.completed_at,
    });
    assert.ok(oldest.summary.critical >= 2);

    const page = await get(lister, '/api/analyze?skip=1&limit=1');
    assert.equal(page.headers['x-total-count'], '3');
    assert.deepEqual(page.json().map((item: { analysis_id: string }) => item.analysis_id), [ids[1]]);
    const past = await get(lister, '/api/analyze?skip=10');
    assert.deepEqual(past.json(), []);
    assert.equal(past.headers['x-total-count'], '3');
  });

  test('filters by language, status and creation time', async () => {
    const python = (await get(lister, '/api/analyze?language=python')).json();
    assert.deepEqual(python.map((item: { analysis_id: string }) => item.analysis_id), [ids[2], ids[0]]);
    assert.equal((await get(lister, '/api/analyze?status=completed')).headers['x-total-count'], '3');
    assert.deepEqual((await get(lister, '/api/analyze?language=go')).json(), []);

    const rows = await queryRows<{ id: string }>(t.database, sql`SELECT id FROM code_analyses WHERE user_id = ${lister.id}`);
    assert.equal(rows.length, 3);
    await t.database.db.execute(sql`UPDATE code_analyses SET created_at = '2026-01-10T12:00:00Z' WHERE id = ${ids[0]!}`);
    await t.database.db.execute(sql`UPDATE code_analyses SET created_at = '2026-02-10T12:00:00Z' WHERE id = ${ids[1]!}`);
    const january = (await get(lister, '/api/analyze?created_from=2026-01-01T00:00:00Z&created_to=2026-01-31T23:59:59Z')).json();
    assert.deepEqual(january.map((item: { analysis_id: string }) => item.analysis_id), [ids[0]]);
    const since = await get(lister, `/api/analyze?created_from=${encodeURIComponent('2026-02-10T13:00:00+01:00')}`);
    assert.deepEqual(since.json().map((item: { analysis_id: string }) => item.analysis_id), [ids[2], ids[1]]);
    const until = (await get(lister, '/api/analyze?created_to=2026-02-01')).json();
    assert.deepEqual(until.map((item: { analysis_id: string }) => item.analysis_id), [ids[0]]);
  });

  test("never lists another user's analyses, administrators' included", async () => {
    const theirs = (await get(stranger, '/api/analyze')).json();
    assert.equal(theirs.length, 1);
    assert.ok(theirs.every((item: { analysis_id: string }) => !ids.includes(item.analysis_id)));
    assert.deepEqual((await get(admin, '/api/analyze')).json(), []);
  });

  test('bad input answers 400 VALIDATION_ERROR with the field, never 500', async () => {
    const cases = [
      ['created_from=2026-02-01T00:00:00Z&created_to=2026-01-01T00:00:00Z', ['querystring', 'created_from']],
      ['created_from=yesterday', ['querystring', 'created_from']],
      ['created_to=2026-13-01', ['querystring', 'created_to']],
      ['status=failed', ['querystring', 'status']],
      ['limit=0', ['querystring', 'limit']],
      ['limit=101', ['querystring', 'limit']],
      ['skip=-1', ['querystring', 'skip']],
      ['language=', ['querystring', 'language']],
      ['colour=blue', ['querystring']],
    ] as const;
    for (const [query, loc] of cases) {
      const response = await get(lister, `/api/analyze?${query}`);
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      const body = response.json();
      assert.equal(body.error.code, 'VALIDATION_ERROR', query);
      assert.deepEqual(body.detail[0].loc.slice(0, loc.length), [...loc], `${query}: ${response.body}`);
    }
  });

  test('needs authentication', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/analyze' })).statusCode, 401);
  });
});

describe('GET /api/code-analysis/project/{id}/history', () => {
  const runBatch = async (user: TestUser, projectId: number) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/code-analysis/project/${projectId}`, headers: user.auth, payload: {} });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  test('lists every batch analysis of the project, newest first, with the figures it answered', async () => {
    const project = await createProject(t.app, owner);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/app.py', 'def ok():\n    return 1\n');
    const first = await runBatch(owner, project.id);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/app.py', EVAL_CODE);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/util.js', JS_CODE);
    const second = await runBatch(owner, project.id);
    assert.ok(second.overall_score < first.overall_score);

    const response = await get(owner, `/api/code-analysis/project/${project.id}/history`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['x-total-count'], '2');
    const history = response.json();
    const figures = (report: Record<string, unknown>) => ({
      project_id: report.project_id, overall_score: report.overall_score, total_files: report.total_files,
      total_lines: report.total_lines, summary: report.summary, analyzed_at: report.analyzed_at,
    });
    assert.deepEqual(history.map(({ id: _id, ...rest }: Record<string, unknown>) => rest), [figures(second), figures(first)]);
    assert.ok(history.every((item: { id: number }) => Number.isInteger(item.id)));
    assert.ok(history[0].id > history[1].id);

    const page = (await get(owner, `/api/code-analysis/project/${project.id}/history?skip=1&limit=1`)).json();
    assert.deepEqual(page.map((item: { id: number }) => item.id), [history[1].id]);

    const other = await createProject(t.app, owner);
    const empty = await get(owner, `/api/code-analysis/project/${other.id}/history`);
    assert.deepEqual(empty.json(), []);
    assert.equal(empty.headers['x-total-count'], '0');
  });

  test('team members may read it, others get 404; a deleted project takes its history with it', async () => {
    const organizationId = await createOrganization(t.app, admin, 'trend-org');
    const teamId = await createTeam(t.app, admin, organizationId, 'trend');
    const viewer = await createUser(t.app);
    await addMember(t.app, admin, teamId, owner, 'member');
    await addMember(t.app, admin, teamId, viewer, 'viewer');
    const project = await createProject(t.app, owner, { team_id: teamId });
    await t.app.services.files.saveGeneratedFile('system', project.id, 'main.py', EVAL_CODE);
    await runBatch(owner, project.id);

    const shared = await get(viewer, `/api/code-analysis/project/${project.id}/history`);
    assert.equal(shared.statusCode, 200, shared.body);
    assert.equal(shared.json().length, 1);
    const foreign = await get(stranger, `/api/code-analysis/project/${project.id}/history`);
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.equal(foreign.json().error_code, 'PROJ_001');
    assert.equal((await get(stranger, '/api/code-analysis/project/999999/history')).statusCode, 404);

    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/projects/${project.id}`, headers: owner.auth })).statusCode, 204);
    const left = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM project_quality_reports WHERE project_id = ${project.id}`);
    assert.equal(left[0]!.n, 0);
  });

  test('a refused batch analysis stores nothing; bad input answers 422', async () => {
    const project = await createProject(t.app, owner);
    const before = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM project_quality_reports`);
    const refused = await t.app.inject({ method: 'POST', url: `/api/code-analysis/project/${project.id}`, headers: stranger.auth, payload: {} });
    assert.equal(refused.statusCode, 404);
    const afterwards = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM project_quality_reports`);
    assert.equal(afterwards[0]!.n, before[0]!.n);

    for (const url of [`/api/code-analysis/project/${project.id}/history?limit=0`, `/api/code-analysis/project/${project.id}/history?order=asc`, '/api/code-analysis/project/abc/history']) {
      const response = await get(owner, url);
      assert.equal(response.statusCode, 422, `${url}: ${response.body}`);
      assert.ok(Array.isArray(response.json().detail));
    }
  });
});

test('the OpenAPI document describes the new routes with a summary and their errors', async () => {
  const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const list = document.paths['/api/analyze'].get;
  assert.ok(list.summary);
  assert.ok(list.responses['400'] && list.responses['401']);
  assert.ok(list.parameters.some((parameter: { name: string }) => parameter.name === 'created_from'));
  const history = document.paths['/api/code-analysis/project/{project_id}/history'].get;
  assert.ok(history.summary);
  assert.ok(history.responses['404'] && history.responses['422']);
  assert.ok(document.components.schemas.Analysis.properties.metrics.properties.lines_of_code);
  assert.ok(document.components.schemas.AnalysisIssue.properties.fingerprint);
});
