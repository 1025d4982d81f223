import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HookName, PluginManifest } from './manifest.ts';

type Severity = 'critical' | 'high' | 'medium' | 'low';
type Message = { role: 'system' | 'user' | 'assistant'; content: string };

/** What each hook hands its handlers. */
export interface HookPayloads {
  'workflow.started': { project_id: number; workflow_id: string; strategy: string; resumed: boolean; started_at: string };
  'stage.completed': {
    project_id: number;
    workflow_id: string;
    stage: string;
    duration_seconds: number;
    tokens_used: number;
    /** The static analyzer over the project's code at the end of `qa_review` (null for other stages). */
    analysis: { score: number; summary: Record<Severity, number>; findings: { file_path: string; line: number; severity: Severity; rule_id: string; message: string }[] } | null;
    /** Why `analysis` is null at the end of `qa_review`: the analyzer failed on the project's code (null otherwise). */
    analysis_error: string | null;
  };
  'workflow.completed': { project_id: number; workflow_id: string; duration_seconds: number; tokens_used: number; cost_usd: number };
  'workflow.failed': { project_id: number; workflow_id: string; stage: string | null; error_code: string; error_message: string };
  'file.saving': { project_id: number; workflow_id: string; stage: string; path: string; category: string; content: string };
  'llm.prompt': { project_id: number; workflow_id: string; stage: string; agent: string; system: string | null; messages: Message[] };
  'analysis.completed': { analysis_id: string | null; project_id: number | null; file_path: string | null; language: string | null; score: number; summary: Record<Severity, number> };
}

/** What a handler may answer: a transformed file or prompt, or a verdict that fails the stage. */
export interface HookResults {
  'workflow.started': void;
  'stage.completed': { fail?: string } | void;
  'workflow.completed': void;
  'workflow.failed': void;
  'file.saving': { content?: string } | void;
  'llm.prompt': { system?: string; messages?: Message[] } | void;
  'analysis.completed': void;
}

export interface HookContext {
  /** The user who installed the plugin (whose workflow or analysis this is). */
  user_id: number;
  /** The installation's settings, secrets opened, defaults filled in. */
  settings: Record<string, unknown>;
  /** Aborted when the handler runs out of time. */
  signal: AbortSignal;
}

export type HookHandler<H extends HookName> = (payload: HookPayloads[H], context: HookContext) => HookResults[H] | Promise<HookResults[H]>;
export type PluginHandlers = { [H in HookName]?: HookHandler<H> };

/** A plugin's entry module cannot be used; `message` names the plugin and the problem. */
export class PluginLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginLoadError';
  }
}

/** A handler ran past its time limit. */
export class HookTimeoutError extends Error {
  constructor(readonly hook: HookName, readonly timeoutMs: number) {
    super(`${hook} handler did not finish within ${timeoutMs} ms`);
    this.name = 'HookTimeoutError';
  }
}

const modules = new Map<string, Promise<{ hooks?: unknown }>>();

/** Imports an entry module once per path; a failed import is retried next time (the folder may have been fixed). */
function importEntry(path: string): Promise<{ hooks?: unknown }> {
  let module = modules.get(path);
  if (!module) {
    module = import(pathToFileURL(path).href) as Promise<{ hooks?: unknown }>;
    module.catch(() => modules.delete(path));
    modules.set(path, module);
  }
  return module;
}

/** The handlers of a plugin version's entry module, checked against the hooks its manifest declares. */
export async function loadPlugin(dir: string, manifest: PluginManifest): Promise<PluginHandlers> {
  const where = `plugin ${manifest.slug} ${manifest.version}`;
  let module: { hooks?: unknown };
  try {
    module = await importEntry(join(dir, manifest.entry));
  } catch (error) {
    throw new PluginLoadError(`${where}: entry ${manifest.entry} cannot be loaded: ${(error as Error).message}`, { cause: error });
  }
  const hooks = module.hooks;
  if (typeof hooks !== 'object' || hooks === null) throw new PluginLoadError(`${where}: entry ${manifest.entry} does not export \`hooks\``);
  for (const hook of manifest.hooks) {
    if (typeof (hooks as Record<string, unknown>)[hook] !== 'function') {
      throw new PluginLoadError(`${where}: entry ${manifest.entry} declares hook ${hook} but exports no handler for it`);
    }
  }
  return hooks as PluginHandlers;
}

/** Runs one handler under a time limit; on timeout its signal is aborted and `HookTimeoutError` thrown. */
export async function invokeHook<H extends HookName>(
  hook: H,
  handler: HookHandler<H>,
  payload: HookPayloads[H],
  context: Omit<HookContext, 'signal'>,
  timeoutMs: number,
): Promise<HookResults[H]> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HookTimeoutError(hook, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(payload, { ...context, signal: controller.signal })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
