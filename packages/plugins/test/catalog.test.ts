import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BUILT_IN_CATALOG_DIR, HookTimeoutError, invokeHook, loadPlugin, manifestSchema, readCatalog, type HookPayloads, type PluginManifest } from '../src/index.ts';

const catalog = await readCatalog([BUILT_IN_CATALOG_DIR]);

async function handlersOf(slug: string, version: string) {
  const entry = catalog.find((candidate) => candidate.slug === slug && candidate.version === version);
  assert.ok(entry?.manifest, `${slug} ${version}`);
  return { handlers: await loadPlugin(entry.dir, entry.manifest), manifest: entry.manifest };
}

const defaults = (manifest: PluginManifest) =>
  Object.fromEntries(Object.entries(manifest.settings).flatMap(([key, spec]) => (spec.default === undefined ? [] : [[key, spec.default]])));

const saving = (path: string, content: string, category = 'code') => ({ project_id: 1, workflow_id: 'wf_1', stage: 'development', path, category, content });

const finding = { file_path: 'a.js', line: 2, severity: 'critical' as const, rule_id: 'S001', message: 'eval' };
const payload = (stage: string, critical: number): HookPayloads['stage.completed'] => ({
  project_id: 1, workflow_id: 'wf', stage, duration_seconds: 1, tokens_used: 1,
  analysis: { score: 50, summary: { critical, high: 0, medium: 0, low: 0 }, findings: Array(critical).fill(finding) },
  analysis_error: null,
});
async function securityGate(version: string) {
  const { handlers } = await handlersOf('security-gate', version);
  return async (stagePayload: HookPayloads['stage.completed'], maxCritical: number) =>
    handlers['stage.completed']!(stagePayload, { user_id: 1, settings: { max_critical: maxCritical }, signal: new AbortController().signal });
}

describe('built-in catalog', () => {
  test('every version has a valid manifest and an entry exporting its declared hooks', async () => {
    assert.deepEqual(catalog.filter((entry) => entry.problem !== null).map((entry) => entry.problem), []);
    const slugs = new Set(catalog.map((entry) => entry.slug));
    for (const slug of ['code-formatter', 'webhook-notifier', 'license-header', 'security-gate']) assert.ok(slugs.has(slug), slug);
    assert.ok(catalog.filter((entry) => entry.slug === 'code-formatter').length >= 2, 'several versions, so updates exist');
    for (const entry of catalog) await loadPlugin(entry.dir, entry.manifest!);
  });

  test('a manifest naming an unknown hook, leaving its folder or missing fields is refused with the field named', () => {
    const good = catalog[0]!.manifest!;
    const problems = (change: Record<string, unknown>) => manifestSchema.safeParse({ ...good, ...change }).error?.issues.map((issue) => issue.path.join('.'));
    assert.deepEqual(problems({ hooks: ['workflow.exploded'] }), ['hooks.0']);
    assert.deepEqual(problems({ entry: '../elsewhere.js' }), ['entry']);
    assert.deepEqual(problems({ version: 'v1' }), ['version']);
    assert.deepEqual(problems({ compatibility: { min_version: '0.1.0' } }), ['compatibility.max_version']);
  });
});

describe('plugins', () => {
  test('code-formatter 1.1.0 formats JS, TS, JSON, CSS and Markdown; leaves other and unparsable files alone', async () => {
    const { handlers, manifest } = await handlersOf('code-formatter', '1.1.0');
    const format = async (path: string, content: string) =>
      (await invokeHook('file.saving', handlers['file.saving']!, saving(path, content), { user_id: 1, settings: defaults(manifest) }, 10_000))?.content;
    assert.equal(await format('src/a.ts', 'const a:number=1'), 'const a: number = 1;\n');
    assert.equal(await format('package.json', '{"a":1}'), '{ "a": 1 }\n');
    assert.equal(await format('src/app.css', 'a{color:red}'), 'a {\n  color: red;\n}\n');
    assert.equal(await format('README.md', '# Title\n* item'), '# Title\n\n- item\n');
    assert.equal(await format('main.py', 'x=1'), undefined);
    assert.equal(await format('src/broken.js', 'function ('), undefined);
  });

  test('code-formatter 1.0.0 does not format CSS yet (1.1.0 does)', async () => {
    const { handlers } = await handlersOf('code-formatter', '1.0.0');
    assert.equal(await handlers['file.saving']!(saving('a.css', 'a{color:red}'), { user_id: 1, settings: {}, signal: new AbortController().signal }), undefined);
  });

  test('license-header comments the header per language, keeps a shebang first, never stacks it, skips documents', async () => {
    const { handlers } = await handlersOf('license-header', '1.0.0');
    const settings = { header: 'Copyright Example\nMIT' };
    const apply = async (path: string, content: string, category?: string) =>
      (await handlers['file.saving']!(saving(path, content, category), { user_id: 1, settings, signal: new AbortController().signal }))?.content;
    assert.equal(await apply('a.py', 'x = 1\n'), '# Copyright Example\n# MIT\n\nx = 1\n');
    assert.equal(await apply('bin/run.sh', '#!/bin/sh\necho hi\n'), '#!/bin/sh\n# Copyright Example\n# MIT\n\necho hi\n');
    assert.equal(await apply('a.ts', '// Copyright Example\n// MIT\n\nexport {};\n'), undefined);
    assert.equal(await apply('a.css', 'a {}\n'), '/*\n * Copyright Example\n * MIT\n */\n\na {}\n');
    assert.equal(await apply('docs/a.md', '# A\n', 'documentation'), undefined);
    assert.equal(await apply('data.json', '{}', 'code'), undefined);
  });

  for (const version of ['1.0.0', '1.1.0']) {
    test(`security-gate ${version} fails qa_review above the allowed critical findings only`, async () => {
      const gate = await securityGate(version);
      assert.match((await gate(payload('qa_review', 1), 0))!.fail!, /1 critical finding.*a\.js:2 S001/);
      assert.equal(await gate(payload('qa_review', 1), 1), undefined);
      assert.equal(await gate(payload('qa_review', 0), 0), undefined);
      assert.equal(await gate(payload('testing', 3), 0), undefined);
    });
  }

  test('security-gate 1.1.0 fails qa_review when the code could not be analysed (1.0.0 let it pass)', async () => {
    const unanalysed = { ...payload('qa_review', 0), analysis: null, analysis_error: 'the static analyzer failed on the project\'s code: boom' };
    assert.match((await (await securityGate('1.1.0'))(unanalysed, 5))!.fail!, /could not be checked \(the static analyzer failed on the project's code: boom\)/);
    assert.equal(await (await securityGate('1.1.0'))({ ...payload('testing', 0), analysis: null }, 0), undefined, 'other stages carry no analysis');
    assert.equal(await (await securityGate('1.0.0'))(unanalysed, 0), undefined);
  });
});

describe('invokeHook', () => {
  test('a handler past its time limit is abandoned with HookTimeoutError and its signal aborted', async () => {
    let signal: AbortSignal | undefined;
    const stalled = invokeHook('workflow.started', (_payload, context) => {
      signal = context.signal;
      return new Promise<void>(() => undefined);
    }, { project_id: 1, workflow_id: 'wf', strategy: 'sequential', resumed: false, started_at: '' }, { user_id: 1, settings: {} }, 20);
    await assert.rejects(stalled, HookTimeoutError);
    assert.equal(signal?.aborted, true);
  });

  test('an entry that does not export a declared hook cannot be loaded', async () => {
    const entry = catalog.find((candidate) => candidate.slug === 'security-gate')!;
    await assert.rejects(loadPlugin(entry.dir, { ...entry.manifest!, hooks: ['file.saving'] }), /declares hook file\.saving but exports no handler/);
    await assert.rejects(loadPlugin(join(entry.dir, 'nowhere'), entry.manifest!), /cannot be loaded/);
  });
});
