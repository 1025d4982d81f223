import type { FakeReply, FakeRequest, FakeResponder } from '@resoftai/llm/testing';
import type { AgentName } from '../stages.ts';

const AGENTS: AgentName[] = [
  'RequirementsAnalystAgent', 'ArchitectAgent', 'UXUIDesignerAgent', 'DeveloperAgent', 'TestEngineerAgent', 'QualityExpertAgent', 'ProjectManagerAgent',
];
const FENCE = '```';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** The system prompt and the first user turn of a request, in any wire format. */
export function promptOf(request: FakeRequest): { system: string; user: string } {
  const body = request.body ?? {};
  const messages: Array<{ role?: string; content?: unknown; parts?: unknown }> = body.messages ?? body.contents ?? [];
  const system = [textOf(body.system), textOf(body.systemInstruction?.parts), ...messages.filter((message) => message.role === 'system').map((message) => textOf(message.content))].join('\n');
  const first = messages.find((message) => message.role === 'user');
  return { system, user: textOf(first?.content ?? first?.parts) };
}

/** Which agent sent a request (named in its system prompt). */
export function agentOf(request: FakeRequest): AgentName | undefined {
  const { system } = promptOf(request);
  return AGENTS.find((agent) => system.includes(agent));
}

/** The planned file a DeveloperAgent request asks for; undefined for a fix round. */
export function targetFileOf(request: FakeRequest): string | undefined {
  return /(?:Target file: |目标文件：)`([^`]+)`/.exec(promptOf(request).user)?.[1];
}

export interface ScriptedProjectOptions {
  stack?: 'python' | 'node';
  /** Planned source modules (default 3). */
  modules?: number;
  /** Module 0 is first written with a bug that its test catches; the fix round corrects it. */
  buggyModule?: boolean;
  /** The fix round keeps the bug, so the tests never pass. */
  unfixable?: boolean;
  /** Latency of every answer. */
  delayMs?: number;
  /**
   * `hosted` answers structured requests as hosted models write them: a think block first, the JSON in a
   * fence with prose around it, Markdown fences inside its strings, and the architect's reply cut off
   * before its closing brackets (repairable). Default `plain`: the JSON as it is.
   */
  replyStyle?: 'plain' | 'hosted';
  /** Answer a request differently (return undefined to keep the script). */
  override?: (agent: AgentName | undefined, request: FakeRequest) => FakeReply | undefined;
}

/**
 * A model that plays every agent for a small project of `modules` modules, each with a
 * function `compute_<i>(x) = x + i + 1` and a test of it; answers come over the fake provider's HTTP API.
 */
export function scriptedProject(options: ScriptedProjectOptions = {}): FakeResponder {
  const stack = options.stack ?? 'python';
  const modules = Array.from({ length: options.modules ?? 3 }, (_, index) => index);
  const delayMs = options.delayMs ?? 0;
  const python = stack === 'python';
  const sourcePath = (index: number) => (python ? `calc/module_${index}.py` : `src/module_${index}.js`);
  const testPath = (index: number) => (python ? `tests/test_module_${index}.py` : `test/module_${index}.test.js`);
  const source = (index: number, broken: boolean) => {
    const body = broken ? 'x * 100' : `x + ${index + 1}`;
    return python ? `def compute_${index}(x):\n    return ${body}\n` : `export function compute${index}(x) {\n  return ${body};\n}\n`;
  };
  const test = (index: number) => (python
    ? `from calc.module_${index} import compute_${index}\n\n\ndef test_compute_${index}():\n    assert compute_${index}(1) == ${index + 2}\n`
    : `import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { compute${index} } from '../src/module_${index}.js';\n\ntest('compute${index}', () => assert.equal(compute${index}(1), ${index + 2}));\n`);
  const hosted = options.replyStyle === 'hosted';
  // Real documents carry code blocks; inside a JSON string they must not be taken for the reply's own fence.
  const example = hosted ? `\n${FENCE}${python ? 'python' : 'javascript'}\n${python ? 'print(compute_0(1))' : 'console.log(compute0(1))'}\n${FENCE}\n` : '';
  const block = (path: string, content: string) => `${FENCE}${python ? 'python' : 'javascript'} title="${path}"\n${content}${FENCE}`;

  const script: Record<AgentName, (request: FakeRequest) => FakeReply> = {
    RequirementsAnalystAgent: () => ({
      json: {
        srs: '# SRS\n\n## Functional requirements\n\n- FR-1: compute values.\n',
        use_cases: [{ id: 'UC-1', title: 'Compute a value', actor: 'User', steps: ['enter x', 'read the result'] }],
        acceptance_criteria: modules.map((index) => ({ id: `AC-${index + 1}`, use_case: 'UC-1', criterion: `compute_${index}(1) is ${index + 2}` })),
      },
    }),
    ArchitectAgent: () => ({
      json: {
        document: `# Architecture\n\nOne module per computation.\n${example}`,
        tech_stack: python
          ? { language: 'python', runtime: 'CPython 3', frameworks: [], test_framework: 'pytest' }
          : { language: 'javascript', runtime: 'Node.js 20', frameworks: [], test_framework: 'node --test' },
        file_plan: modules.map((index) => ({
          path: sourcePath(index),
          purpose: `computation ${index}`,
          interfaces: [python ? `compute_${index}(x: int) -> int` : `compute${index}(x: number): number`],
          depends_on: index > 0 ? [sourcePath(index - 1)] : [],
        })),
      },
    }),
    UXUIDesignerAgent: () => ({
      json: { document: `# UI design\n\nA single command.\n${example}`, pages: ['Main'], components: ['Result'], flows: ['enter → result'], mockups: [{ path: 'main.html', html: '<main>result</main>' }] },
    }),
    DeveloperAgent: (request) => {
      const target = targetFileOf(request);
      if (target === undefined) {
        const fixed = options.unfixable ? source(0, true) : source(0, false);
        return { text: `The bug was in module 0.\n\n${block(sourcePath(0), fixed)}\n` };
      }
      const index = modules.find((candidate) => sourcePath(candidate) === target) ?? 0;
      return { text: `Here is \`${target}\`:\n\n${block(target, source(index, options.buggyModule === true && index === 0))}\n` };
    },
    TestEngineerAgent: () => ({ text: modules.map((index) => `### ${testPath(index)}\n\n${block(testPath(index), test(index))}`).join('\n\n') }),
    QualityExpertAgent: () => ({ json: { score: 86, summary: 'Small, readable modules.', findings: [{ severity: 'minor', path: sourcePath(0), message: 'add a docstring' }] } }),
    ProjectManagerAgent: () => ({ json: { readme: `# Calc\n\nRun the tests with the stack test tool.\n${example}`, delivery_summary: '# Delivery\n\nAll modules delivered.\n' } }),
  };

  /** The structured reply as a hosted model writes it (see `replyStyle`). */
  const asHosted = (agent: AgentName, reply: FakeReply): FakeReply => {
    if (reply.json === undefined) return reply;
    const think = `<think>\nThe ${agent} has to answer in JSON. {"draft": true} is not the answer.\n</think>\n\n`;
    const json = JSON.stringify(reply.json, null, 2);
    if (agent === 'ArchitectAgent') return { text: `${think}${json.slice(0, json.lastIndexOf(']'))}` };
    return { text: `${think}Here is the result:\n\n${FENCE}json\n${json}\n${FENCE}\n\nTell me if anything should change.` };
  };

  return (request) => {
    const agent = agentOf(request);
    const scripted = options.override?.(agent, request) ?? (agent ? script[agent](request) : { status: 400, errorMessage: 'the scripted model does not know this agent' });
    return { delayMs, ...(hosted && agent ? asHosted(agent, scripted) : scripted) };
  };
}
