import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { LlmCallError, PROVIDERS } from '../src/index.ts';
import { parseStructured } from '../src/structured.ts';
import { MemoryUsageRecorder } from '../src/testing/index.ts';
import { fakeClient, hello, suiteFakeServer } from './helpers.ts';

const Plan = z.object({ title: z.string(), steps: z.array(z.string()), estimateDays: z.number().optional() });
const plan = { title: 'Ship it', steps: ['build', 'test'] };

describe('parseStructured repairs what models send', () => {
  const cases: Array<[string, string]> = [
    ['plain JSON', JSON.stringify(plan)],
    ['a code fence', `\`\`\`json\n${JSON.stringify(plan, null, 2)}\n\`\`\``],
    ['prose around it', `Sure! Here is the plan:\n${JSON.stringify(plan)}\nLet me know if you need more.`],
    ['trailing commas', '{"title": "Ship it", "steps": ["build", "test",],}'],
    ['single quotes and a fence without language', "```\n{'title': 'Ship it', 'steps': ['build', 'test']}\n```"],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      assert.deepEqual(parseStructured(text, Plan), { ok: true, value: plan });
    });
  }

  const Design = z.object({ summary: z.string(), markdown: z.string() });
  const design = {
    summary: '界面设计：登录页与仪表盘',
    markdown: '# UI\n\n```tsx\nexport const App = () => <main>{[1, 2].map((n) => n)}</main>;\n```\n\nMore `{` text.',
  };
  const designJson = JSON.stringify(design, null, 2);
  const shapes: Array<[string, string, unknown]> = [
    ['JSON whose strings hold fenced code and brackets', designJson, design],
    ['that JSON inside a fence with prose around it', `Here is the design:\n\n\`\`\`json\n${designJson}\n\`\`\`\n\nTell me if you want changes.`, design],
    ['that JSON after prose, with no fence', `I wrote the design as asked {see below}:\n${designJson}`, design],
    ['a think block before the answer', `<think>The user wants {"summary": "x"} maybe? Let me plan: [a, b].</think>\n${designJson}`, design],
    ['CRLF line endings', designJson.replace(/\n/g, '\r\n'), design],
    ['a byte-order mark', `\uFEFF${designJson}`, design],
    ['raw newlines inside a string', '{"summary": "两行", "markdown": "line one\nline two"}', { summary: '两行', markdown: 'line one\nline two' }],
    ['a reply cut off mid-value', '{"summary": "截断的回复", "markdown": "# 标题\n\n正文', { summary: '截断的回复', markdown: '# 标题\n\n正文' }],
    ['an example object in prose before the answer', `For instance {"a": 1}. The answer:\n${designJson}`, design],
  ];
  for (const [name, text, expected] of shapes) {
    test(name, () => {
      assert.deepEqual(parseStructured(text, Design), { ok: true, value: expected });
    });
  }

  test('a schema mismatch names the field', () => {
    const parsed = parseStructured('{"title": 3, "steps": []}', Plan);
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /title/);
  });

  test('no JSON at all is reported', () => {
    const parsed = parseStructured('I cannot help with that.', Plan);
    assert.equal(parsed.ok, false);
  });
});

describe('structured output through the providers', () => {
  const fake = suiteFakeServer();

  for (const info of PROVIDERS) {
    test(`${info.id}: returns a validated object (${info.structuredMode} mode)`, async () => {
      fake.enqueue({ json: plan });
      const result = await fakeClient(fake, info.id).generate({ messages: hello, schema: Plan });
      assert.deepEqual(result.object, plan);
      const body = fake.requests[0]!.body;
      const sent = JSON.stringify(body);
      if (info.structuredMode === 'text') {
        assert.equal(body.response_format, undefined);
        assert.equal(body.tools, undefined);
      }
      if (info.id === 'anthropic') assert.equal(body.tools[0].name, 'json');
      if (info.id === 'google') assert.equal(body.generationConfig.responseMimeType, 'application/json');
      if (info.id === 'openai') assert.equal(body.response_format.type, 'json_schema');
      if (info.schemaInPrompt || info.id === 'deepseek') assert.match(sent, /steps/, 'the schema travels in the prompt');
    });
  }

  for (const info of PROVIDERS) {
    test(`${info.id}: a streamed structured answer hands its deltas over and is validated whole`, async () => {
      fake.enqueue({ json: plan });
      const deltas: string[] = [];
      const result = await fakeClient(fake, info.id).generate({ messages: hello, schema: Plan, onDelta: (delta) => deltas.push(delta) });
      assert.deepEqual(result.object, plan);
      assert.equal(fake.requests[0]!.stream, true);
      assert.ok(deltas.length > 0);
      assert.deepEqual(JSON.parse(deltas.join('')), plan);
    });
  }

  test('a streamed structured answer that keeps coming outlives the timeout; an invalid one is re-asked, streamed', async () => {
    const text = JSON.stringify(plan);
    // About 2.4 s of events against a 1.5 s timeout; 0.3 s gaps (three of them after the last text) leave slack on a busy machine.
    const chunks = Array.from({ length: 5 }, (_, index) => text.slice((index * text.length) / 5, ((index + 1) * text.length) / 5));
    fake.enqueue({ json: { title: 42 } }, { text, chunks, eventDelayMs: 300 });
    const result = await fakeClient(fake, 'deepseek', { timeoutMs: 1500 }).generate({ messages: hello, schema: Plan, onDelta: () => undefined });
    assert.deepEqual(result.object, plan);
    assert.equal(fake.requests.length, 2);
    assert.ok(fake.requests.every((request) => request.stream));
  });

  test('a fenced reply with trailing commas is repaired without a second request', async () => {
    fake.enqueue({ text: 'Here:\n```json\n{"title": "Ship it", "steps": ["build", "test",],}\n```' });
    const result = await fakeClient(fake, 'minimax').generate({ messages: hello, schema: Plan });
    assert.deepEqual(result.object, plan);
    assert.equal(fake.requests.length, 1);
  });

  test('an invalid object is re-asked once with the validation error', async () => {
    const usage = new MemoryUsageRecorder();
    fake.enqueue(
      { json: { title: 42 }, usage: { promptTokens: 10, completionTokens: 4 } },
      { json: plan, usage: { promptTokens: 30, completionTokens: 8 } },
    );
    const result = await fakeClient(fake, 'deepseek', {}, { usage }).generate({ messages: hello, schema: Plan });
    assert.deepEqual(result.object, plan);
    assert.equal(fake.requests.length, 2);
    const followUp = fake.requests[1]!.body.messages.at(-1);
    assert.equal(followUp.role, 'user');
    assert.match(followUp.content, /title/);
    assert.deepEqual(result.usage, { promptTokens: 40, completionTokens: 12, totalTokens: 52 });
    assert.equal(usage.records.length, 1);
    assert.equal(usage.records[0]!.promptTokens, 40);
  });

  test('still invalid after the re-ask fails with LLM_001 and records the tokens spent', async () => {
    const usage = new MemoryUsageRecorder();
    fake.enqueue({ text: 'no JSON here', usage: { promptTokens: 5, completionTokens: 3 } }, { text: 'still none', usage: { promptTokens: 9, completionTokens: 2 } });
    await assert.rejects(
      fakeClient(fake, 'anthropic', {}, { usage }).generate({ messages: hello, schema: Plan }),
      (error: unknown) => error instanceof LlmCallError && error.kind === 'invalid_output',
    );
    assert.equal(fake.requests.length, 2);
    assert.equal(usage.records.length, 1);
    assert.equal(usage.records[0]!.status, 'error');
    assert.equal(usage.records[0]!.promptTokens, 14);
    assert.ok(usage.records[0]!.costUsd > 0);
  });
});
