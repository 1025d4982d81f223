import type { StageCompletion, WorkflowHooks } from '@resoftai/engine';
import type { LlmMessage } from '@resoftai/llm';
import { invokeHook, loadPlugin, manifestSchema, type HookName, type HookPayloads, type HookResults } from '@resoftai/plugins';
import type { InstalledPlugin, PluginRepository } from '../db/repositories/plugins.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { missingRequired, openSettings } from './plugin-settings.ts';
import { analyseProjectCode } from './project-code-analysis.ts';

/** Where plugin failures are reported (the server's logger). */
export interface PluginLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Plugins that failed once in a run (or analysis) are skipped for the rest of it. */
type DisabledPlugins = Set<string>;

type StageAnalysis = NonNullable<HookPayloads['stage.completed']['analysis']>;

/** The static analyzer over a project's code files, as the `stage.completed` payload of `qa_review` carries it. */
async function analyseCode(files: StageCompletion['code_files']): Promise<StageAnalysis> {
  const { score, summary, issues } = await analyseProjectCode(files);
  return {
    score,
    summary,
    findings: issues.map((issue) => ({ file_path: issue.file_path, line: issue.line, severity: issue.severity, rule_id: issue.rule_id, message: issue.message })),
  };
}

const isMessages = (value: unknown): value is LlmMessage[] =>
  Array.isArray(value) && value.every((message) => typeof message?.content === 'string' && ['system', 'user', 'assistant'].includes(message?.role));

/**
 * Runs the hooks of a user's active plugin installations: in installation order, each handler under
 * the time limit. A handler that throws, times out or answers nonsense is logged and its plugin
 * skipped for the rest of that run; the caller never sees the failure.
 */
export class PluginHookDispatcher {
  constructor(
    private readonly plugins: PluginRepository,
    private readonly box: SecretBox,
    private readonly timeoutMs: number,
    private readonly log: PluginLog,
    private readonly analyse: (files: StageCompletion['code_files']) => Promise<StageAnalysis> = analyseCode,
  ) {}

  /** The engine's hook port for one run of a user's workflow. */
  forWorkflow(run: { userId: number; projectId: number; workflowId: string }): WorkflowHooks {
    const disabled: DisabledPlugins = new Set();
    const ids = { project_id: run.projectId, workflow_id: run.workflowId };
    const fire = <H extends HookName>(hook: H, payload: () => Promise<HookPayloads[H]> | HookPayloads[H], apply?: (slug: string, result: HookResults[H]) => void) =>
      this.fire(run.userId, hook, payload, disabled, apply);
    return {
      workflowStarted: async (data) => {
        await fire('workflow.started', () => ({ ...ids, strategy: data.strategy, resumed: data.resumed, started_at: data.started_at }));
      },
      stageCompleted: async (completion) => {
        const rejections: string[] = [];
        await fire('stage.completed', async () => ({
          ...ids,
          stage: completion.stage,
          duration_seconds: completion.duration_seconds,
          tokens_used: completion.tokens_used,
          ...(completion.stage === 'qa_review' ? await this.qaAnalysis(completion.code_files, run.userId) : { analysis: null, analysis_error: null }),
        }), (slug, result) => {
          if (result && typeof result.fail === 'string') rejections.push(`plugin ${slug} failed ${completion.stage}: ${result.fail}`);
        });
        return { rejection: rejections.length > 0 ? rejections.join('; ') : null };
      },
      workflowCompleted: async (data) => {
        await fire('workflow.completed', () => ({ ...ids, duration_seconds: data.duration_seconds, tokens_used: data.tokens_used, cost_usd: data.cost_usd }));
      },
      workflowFailed: async (data) => {
        await fire('workflow.failed', () => ({ ...ids, stage: data.stage, error_code: data.error_code, error_message: data.error_message }));
      },
      fileSaving: async (file) => {
        const current = { ...ids, stage: file.stage, path: file.path, category: file.category, content: file.content };
        await fire('file.saving', () => current, (slug, result) => {
          if (result?.content === undefined) return;
          if (typeof result.content !== 'string') throw new TypeError(`plugin ${slug} returned file content that is not a string`);
          current.content = result.content;
        });
        return current.content;
      },
      llmPrompt: async (prompt) => {
        const current = { ...ids, stage: prompt.stage, agent: prompt.agent, system: prompt.system ?? null, messages: prompt.messages };
        await fire('llm.prompt', () => current, (slug, result) => {
          if (!result) return;
          if (result.system !== undefined && typeof result.system !== 'string') throw new TypeError(`plugin ${slug} returned a system prompt that is not a string`);
          if (result.messages !== undefined && !isMessages(result.messages)) throw new TypeError(`plugin ${slug} returned messages that are not {role, content} strings`);
          current.system = result.system ?? current.system;
          current.messages = result.messages ?? current.messages;
        });
        return { system: current.system ?? undefined, messages: current.messages };
      },
    };
  }

  /** The analysis `qa_review` hands its plugins, or why there is none, so a gate can refuse unchecked code. */
  private async qaAnalysis(files: StageCompletion['code_files'], userId: number): Promise<Pick<HookPayloads['stage.completed'], 'analysis' | 'analysis_error'>> {
    try {
      return { analysis: await this.analyse(files), analysis_error: null };
    } catch (error) {
      this.log.warn({ err: error, hook: 'stage.completed', user_id: userId }, 'the qa_review analysis failed; plugins get analysis_error instead');
      return { analysis: null, analysis_error: `the static analyzer failed on the project's code: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** `analysis.completed` for one of the user's code analyses. */
  async analysisCompleted(userId: number, payload: HookPayloads['analysis.completed']): Promise<void> {
    await this.fire(userId, 'analysis.completed', () => payload, new Set());
  }

  private async fire<H extends HookName>(
    userId: number,
    hook: H,
    payload: () => Promise<HookPayloads[H]> | HookPayloads[H],
    disabled: DisabledPlugins,
    apply?: (slug: string, result: HookResults[H]) => void,
  ): Promise<void> {
    const subscribers = (await this.plugins.installed(userId, { activeOnly: true })).filter((entry) => this.subscribes(entry, hook, disabled));
    if (subscribers.length === 0) return;
    let built: HookPayloads[H];
    try {
      built = await payload();
    } catch (error) {
      this.log.warn({ err: error, hook, user_id: userId }, `the ${hook} payload could not be built; its plugins were not run`);
      return;
    }
    for (const { installation, plugin, version } of subscribers) {
      const slug = plugin.slug;
      if (disabled.has(slug)) continue;
      const manifest = manifestSchema.parse(version!.manifest);
      // A plugin whose required settings are unset (e.g. no webhook URL yet) waits until they are.
      if (missingRequired(installation, manifest.settings).length > 0) continue;
      try {
        const handlers = await loadPlugin(version!.dir, manifest);
        const handler = handlers[hook]!;
        const settings = openSettings(this.box, installation, manifest.settings);
        const result = await invokeHook(hook, handler, built, { user_id: userId, settings }, this.timeoutMs);
        apply?.(slug, result);
      } catch (error) {
        disabled.add(slug);
        this.log.warn({ err: error, plugin: slug, version: manifest.version, hook, user_id: userId }, `plugin ${slug} failed in ${hook} and is disabled for the rest of this run`);
      }
    }
  }

  private subscribes(entry: InstalledPlugin, hook: HookName, disabled: DisabledPlugins): boolean {
    if (disabled.has(entry.plugin.slug) || !entry.version?.manifest) return false;
    return (entry.version.manifest.hooks as string[] | undefined)?.includes(hook) ?? false;
  }
}
