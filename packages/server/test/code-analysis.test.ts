import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject } from './project-support.ts';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

const EVAL_CODE = 'def process(data):\n    eval(data)\n    return data\n';
const BARE_EVAL_CALL = /(^|[^\w.])eval\(/m;

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
before(async () => {
  t = await createTestApp();
  owner = await createUser(t.app);
  stranger = await createUser(t.app);
});
after(() => t.close());

function post(user: TestUser, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { ...user.auth, ...headers }, payload });
}

async function submit(user: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await post(user, '/api/analyze/code', payload, headers);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

describe('POST /api/code-analysis (ResoftAI)', () => {
  test('answers score, language, issues, metrics and suggestions', async () => {
    const response = await post(owner, '/api/code-analysis', { code: EVAL_CODE, language: 'python', file_path: 'main.py' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['issues', 'language', 'metrics', 'score', 'suggestions']);
    assert.equal(body.language, 'python');
    assert.ok(Number.isInteger(body.score) && body.score >= 0 && body.score < 100);
    const injection = body.issues.find((issue: { rule_id: string }) => issue.rule_id === 'S001');
    assert.deepEqual({ ...injection, message: typeof injection.message }, { severity: 'critical', category: 'security', message: 'string', line: 2, column: 5, rule_id: 'S001' });
    assert.equal(body.metrics.lines_of_code, 3);
    assert.ok(body.metrics.complexity >= 1);
    assert.ok(body.metrics.maintainability_index > 0 && body.metrics.maintainability_index <= 100);
    assert.ok(body.suggestions.length > 0 && body.suggestions.every((s: unknown) => typeof s === 'string'));
  });

  test('Accept-Language picks Chinese or English messages', async () => {
    const zh = (await post(owner, '/api/code-analysis', { code: EVAL_CODE, language: 'python' }, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).json();
    const en = (await post(owner, '/api/code-analysis', { code: EVAL_CODE, language: 'python' }, { 'accept-language': 'en-US' })).json();
    const messageOf = (body: { issues: { rule_id: string; message: string }[] }) => body.issues.find((issue) => issue.rule_id === 'S001')!.message;
    assert.match(messageOf(zh), /[\u4e00-\u9fff]/);
    assert.doesNotMatch(messageOf(en), /[\u4e00-\u9fff]/);
  });

  test('bad input answers 422: unknown language, unknown extension, missing code', async () => {
    const unknown = await post(owner, '/api/code-analysis', { code: 'x', language: 'cobol' });
    assert.equal(unknown.statusCode, 422, unknown.body);
    assert.match(unknown.json().detail[0].msg, /Unsupported language "cobol"/);
    assert.deepEqual(unknown.json().detail[0].loc, ['body', 'language']);
    const extension = await post(owner, '/api/code-analysis', { code: 'x', file_path: 'notes.txt' });
    assert.equal(extension.statusCode, 422, extension.body);
    assert.deepEqual(extension.json().detail[0].loc, ['body', 'file_path']);
    assert.equal((await post(owner, '/api/code-analysis', { language: 'python' })).statusCode, 422);
  });

  test('code over 1 MiB answers 413', async () => {
    const code = `# ${'x'.repeat(1024 * 1024)}\n`;
    const response = await post(owner, '/api/code-analysis', { code, language: 'python' });
    assert.equal(response.statusCode, 413, response.body);
  });

  test('needs authentication', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/code-analysis', payload: { code: EVAL_CODE } });
    assert.equal(response.statusCode, 401);
  });
});

describe('POST /api/code-analysis/project/{id} (ResoftAI)', () => {
  test("analyses the project's current code files and skips the rest", async () => {
    const project = await createProject(t.app, owner);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/app.py', EVAL_CODE);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/util.js', 'export const twice = (n) => n * 2;\n');
    await t.app.services.files.saveGeneratedFile('system', project.id, 'README.md', '# Shop\n');
    const response = await post(owner, `/api/code-analysis/project/${project.id}`, {});
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['analyzed_at', 'files', 'overall_score', 'project_id', 'summary', 'total_files', 'total_lines']);
    assert.equal(body.project_id, project.id);
    assert.equal(body.total_files, 2);
    assert.equal(body.total_lines, 4);
    assert.deepEqual(body.files.map((file: { file_path: string }) => file.file_path), ['src/app.py', 'src/util.js']);
    const app = body.files[0];
    assert.ok(app.issues_count >= 1 && app.score < 100);
    assert.ok(body.summary.critical >= 1);
    assert.deepEqual(Object.keys(body.summary).sort(), ['critical', 'high', 'low', 'medium']);
    assert.ok(body.overall_score >= 0 && body.overall_score <= 100);
    assert.ok(!Number.isNaN(Date.parse(body.analyzed_at)));
  });

  test("another user's project answers 404", async () => {
    const project = await createProject(t.app, owner);
    const response = await post(stranger, `/api/code-analysis/project/${project.id}`, {});
    assert.equal(response.statusCode, 404, response.body);
  });
});

describe('POST /api/analyze/code and GET /api/analyze/{id}/results (CodeRev)', () => {
  test('stores the analysis and answers the documented shape', async () => {
    const body = await submit(owner, { code: EVAL_CODE, language: 'python', rules: ['security', 'quality', 'performance'], context: { file_path: 'src/utils.py', project_id: 'proj-123' } });
    assert.match(body.analysis_id, /^analysis-[0-9a-f-]{36}$/);
    assert.equal(body.status, 'completed');
    const injection = body.issues.find((issue: { rule_id: string }) => issue.rule_id === 'S001');
    assert.match(injection.id, /^issue-[0-9a-f-]{36}$/);
    assert.equal(injection.type, 'security');
    assert.equal(injection.severity, 'critical');
    assert.equal(injection.line, 2);
    assert.equal(injection.column, 5);
    assert.ok(injection.message && injection.suggestion);
    assert.equal(body.metrics.total_issues, body.issues.length);
    assert.equal(body.metrics.critical, body.issues.filter((issue: { severity: string }) => issue.severity === 'critical').length);
    assert.ok(Number.isInteger(body.metrics.analysis_time_ms) && body.metrics.analysis_time_ms >= 0);

    const results = await t.app.inject({ method: 'GET', url: `/api/analyze/${body.analysis_id}/results`, headers: owner.auth });
    assert.equal(results.statusCode, 200, results.body);
    const stored = results.json();
    assert.deepEqual({ ...stored, created_at: undefined, completed_at: undefined }, { ...body, created_at: undefined, completed_at: undefined });
    assert.ok(!Number.isNaN(Date.parse(stored.created_at)) && !Number.isNaN(Date.parse(stored.completed_at)));
  });

  test('rules select the categories', async () => {
    const code = 'def process(data, items=[]):\n    eval(data)\n    return items\n';
    const quality = await submit(owner, { code, language: 'python', rules: ['quality'] });
    assert.ok(quality.issues.length > 0);
    assert.ok(quality.issues.every((issue: { category: string }) => issue.category === 'quality'));
    const security = await submit(owner, { code, language: 'python', rules: ['security'] });
    assert.deepEqual(security.issues.map((issue: { rule_id: string }) => issue.rule_id), ['S001']);
  });

  test("another user's analysis and an unknown id answer 404", async () => {
    const body = await submit(owner, { code: EVAL_CODE, language: 'python' });
    const foreign = await t.app.inject({ method: 'GET', url: `/api/analyze/${body.analysis_id}/results`, headers: stranger.auth });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().error.code, 'NOT_FOUND');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/analyze/analysis-missing/results', headers: owner.auth });
    assert.equal(unknown.statusCode, 404);
  });

  test('bad input answers 400 VALIDATION_ERROR', async () => {
    const cases: Record<string, unknown>[] = [
      { language: 'python' },
      { code: EVAL_CODE, rules: ['security', 'style'] },
      { code: EVAL_CODE, rules: [] },
      { code: 'x', language: 'cobol' },
    ];
    for (const payload of cases) {
      const response = await post(owner, '/api/analyze/code', payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.equal(response.json().error.code, 'VALIDATION_ERROR');
    }
  });

  test('code over 1 MiB answers 413', async () => {
    const response = await post(owner, '/api/analyze/code', { code: `// ${'y'.repeat(1024 * 1024)}\n`, language: 'javascript' });
    assert.equal(response.statusCode, 413, response.body);
  });
});

describe('POST /api/fixes/apply (CodeRev)', () => {
  async function evalIssue(user: TestUser): Promise<{ analysisId: string; issueId: string }> {
    const body = await submit(user, { code: EVAL_CODE, language: 'python', context: { file_path: 'src/utils.py' } });
    return { analysisId: body.analysis_id, issueId: body.issues.find((issue: { rule_id: string }) => issue.rule_id === 'S001').id };
  }

  test('the eval(data) fix yields code without eval and a unified diff', async () => {
    const { analysisId, issueId } = await evalIssue(owner);
    const response = await post(owner, '/api/fixes/apply', { analysis_id: analysisId, issue_id: issueId, fix_type: 'suggested' });
    assert.equal(response.statusCode, 200, response.body);
    const fix = response.json();
    assert.equal(fix.success, true);
    assert.doesNotMatch(fix.fixed_code, BARE_EVAL_CALL);
    assert.match(fix.fixed_code, /ast\.literal_eval\(data\)/);
    assert.match(fix.diff, /^-\s+eval\(data\)$/m);
    assert.match(fix.diff, /^\+\s+ast\.literal_eval\(data\)$/m);
  });

  test("another user's analysis, or an issue of another analysis, answers 404", async () => {
    const first = await evalIssue(owner);
    const second = await evalIssue(owner);
    const foreign = await post(stranger, '/api/fixes/apply', { analysis_id: first.analysisId, issue_id: first.issueId, fix_type: 'suggested' });
    assert.equal(foreign.statusCode, 404, foreign.body);
    const mismatched = await post(owner, '/api/fixes/apply', { analysis_id: first.analysisId, issue_id: second.issueId, fix_type: 'suggested' });
    assert.equal(mismatched.statusCode, 404, mismatched.body);
  });

  test('an issue without a mechanical fix answers 400 with the reason', async () => {
    const body = await submit(owner, { code: 'def process(items=[]):\n    return items\n', language: 'python', rules: ['quality'] });
    const mutable = body.issues.find((issue: { rule_id: string }) => issue.rule_id === 'Q006');
    assert.equal(mutable.fixable, false);
    const response = await post(owner, '/api/fixes/apply', { analysis_id: body.analysis_id, issue_id: mutable.id, fix_type: 'suggested' });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.json().error.message, /Q006 has no mechanical fix/);
  });

  test('bad input answers 400 VALIDATION_ERROR', async () => {
    const response = await post(owner, '/api/fixes/apply', { analysis_id: 'analysis-x', issue_id: 'issue-y', fix_type: 'rewrite' });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.code, 'VALIDATION_ERROR');
  });
});

describe('the analysis time limit', () => {
  let limited: TestApp;
  let user: TestUser;
  before(async () => {
    limited = await createTestApp({ analysisTimeoutMs: 1 });
    user = await createUser(limited.app);
  });
  after(() => limited.close());

  // Thousands of functions take far longer than the configured 1 ms to parse and walk.
  const slowCode = Array.from({ length: 3000 }, (_, i) => `def f${i}(a, b):\n    return a + b if a else b\n`).join('');

  for (const url of ['/api/code-analysis', '/api/analyze/code']) {
    test(`${url} answers 504 with the reason`, async () => {
      const response = await limited.app.inject({ method: 'POST', url, headers: user.auth, payload: { code: slowCode, language: 'python' } });
      assert.equal(response.statusCode, 504, response.body);
      assert.match(response.json().error.message, /time limit of 1 ms/);
    });
  }
});

test('the OpenAPI document lists every code-analysis route', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200);
  const paths = Object.keys(response.json().paths);
  for (const path of ['/api/code-analysis', '/api/code-analysis/project/{project_id}', '/api/analyze/code', '/api/analyze/{analysis_id}/results', '/api/fixes/apply']) {
    assert.ok(paths.includes(path), `${path} missing from ${paths.join(', ')}`);
  }
});
