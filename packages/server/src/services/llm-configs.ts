import { isProvider, LlmConfigError, probeLlmConfig, resolveLlmConfig, type LlmClientConfig, type LlmConfigProbe, type LlmFailureKind } from '@resoftai/llm';
import type { AppConfig, EnvironmentLlm } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { LlmConfigRepository} from '../db/repositories/llm-configs.ts';
import { type LlmConfigChanges, type LlmConfigRow } from '../db/repositories/llm-configs.ts';
import { LlmResponseCacheRepository } from '../db/repositories/llm-response-cache.ts';
import { LlmUsageRepository } from '../db/repositories/llm-usage.ts';
import type { LlmConfigSettings } from '../db/schema/index.ts';
import { AppError, fieldError, notFound } from '../errors.ts';
import { type AuditActor, type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { maskSecret, SecretBox } from '../security/secret-box.ts';
import { apiKeyContext, clientSettings, invalidLlmConfig, LlmClientFactory } from './llm-clients.ts';
import type { Principal } from './principal.ts';

export interface LlmConfigView {
  id: number;
  user_id: number;
  name: string;
  provider: string;
  model: string;
  api_base: string | null;
  /** The key's ends only (`sk-x…abcd`); the key itself is never returned. */
  api_key_mask: string;
  is_default: boolean;
  is_active: boolean;
  config: LlmConfigSettings;
  created_at: string;
  updated_at: string;
}

export interface LlmConfigInput {
  name: string;
  provider: string;
  model?: string | undefined;
  api_key: string;
  api_base?: string | null | undefined;
  is_default?: boolean | undefined;
  is_active?: boolean | undefined;
  config?: LlmConfigSettings | undefined;
}

/** A partial update; `config` merges key by key and a null member removes that key. */
export interface LlmConfigPatch {
  name?: string | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  api_key?: string | undefined;
  api_base?: string | null | undefined;
  is_default?: boolean | undefined;
  is_active?: boolean | undefined;
  config?: { [K in keyof LlmConfigSettings]?: LlmConfigSettings[K] | null } | undefined;
}

export interface LlmConfigTestResult {
  success: boolean;
  model: string;
  response_time_ms: number;
  test_output: string | null;
  error: { kind: LlmFailureKind; provider_status: number | null; reason: string } | null;
}

// A test answers the browser that asked; it does not wait as long as a workflow call may.
const TEST_TIMEOUT_MS = 30_000;
const TEST_STAGE = 'llm_config_test';

// Names of the llm package's config fields as the API spells them.
const API_FIELDS: Record<string, string[]> = {
  provider: ['provider'],
  model: ['model'],
  apiKey: ['api_key'],
  apiBase: ['api_base'],
  timeoutMs: ['config', 'timeout_seconds'],
  maxConcurrency: ['config', 'max_concurrency'],
  'defaults.temperature': ['config', 'temperature'],
  'defaults.maxTokens': ['config', 'max_tokens'],
  'defaults.topP': ['config', 'top_p'],
};

function toView(row: LlmConfigRow): LlmConfigView {
  return {
    id: row.id,
    user_id: row.userId,
    name: row.name,
    provider: row.provider,
    model: row.model,
    api_base: row.apiBase,
    api_key_mask: row.apiKeyMask,
    is_default: row.isDefault,
    is_active: row.isActive,
    config: row.settings,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function requireKnownProvider(provider: string): void {
  // The documented answer for this case is 400 with this message, unlike other field checks (422).
  if (!isProvider(provider)) throw new AppError(400, `Invalid provider: ${provider}`, { errorCode: 'LLM_002' });
}

/** Checks a config as the llm layer will use it; failures name the API field (422), nothing is saved. */
function validateForClient(config: LlmClientConfig): string {
  try {
    return resolveLlmConfig(config).model;
  } catch (error) {
    if (!(error instanceof LlmConfigError)) throw error;
    throw fieldError(422, ['body', ...(API_FIELDS[error.field] ?? [error.field])], error.message);
  }
}

function mergeSettings(current: LlmConfigSettings, patch: NonNullable<LlmConfigPatch['config']>): LlmConfigSettings {
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  return merged as LlmConfigSettings;
}

/** The name of the config that `RESOFTAI_LLM_*` keep current. */
export const ENVIRONMENT_CONFIG_NAME = 'environment';

export class LlmConfigService {
  constructor(
    private readonly configs: LlmConfigRepository,
    private readonly secrets: SecretBox,
    private readonly clients: LlmClientFactory,
    private readonly audit: AuditChain,
  ) {}

  async create(principal: Principal, input: LlmConfigInput): Promise<LlmConfigView> {
    return this.createFor(principal.userId, input, auditActor(principal));
  }

  /**
   * Makes the model named in the environment the user's default: their config named `environment`,
   * created or brought up to date. Nothing changes when it already matches.
   */
  async applyEnvironment(userId: number, llm: EnvironmentLlm): Promise<LlmConfigView> {
    const current = (await this.configs.listForUser(userId)).find((row) => row.name === ENVIRONMENT_CONFIG_NAME);
    const input = { provider: llm.provider, api_key: llm.apiKey, api_base: llm.apiBase ?? null, is_default: true };
    // The server itself makes this change, from its environment: no user acts.
    const system = { actorId: null };
    if (!current) return this.createFor(userId, { name: ENVIRONMENT_CONFIG_NAME, ...input, ...(llm.model ? { model: llm.model } : {}) }, system);
    return this.updateFor(userId, current.id, { ...input, ...(llm.model ? { model: llm.model } : {}) }, system);
  }

  /** Refuses, naming the setting, a model from the environment that could not be used. */
  checkEnvironment(llm: EnvironmentLlm): void {
    requireKnownProvider(llm.provider);
    validateForClient(clientSettings({ provider: llm.provider, model: llm.model, apiKey: llm.apiKey, apiBase: llm.apiBase ?? null, settings: {} }));
  }

  private async createFor(userId: number, input: LlmConfigInput, actor: AuditActor): Promise<LlmConfigView> {
    requireKnownProvider(input.provider);
    const settings = input.config ?? {};
    const model = validateForClient(clientSettings({ ...input, apiKey: input.api_key, apiBase: input.api_base, settings }));
    const row = await this.configs.transaction(async (tx) => {
      const created = await this.configs.create(
        {
          userId,
          name: input.name,
          provider: input.provider,
          model,
          apiKeySealed: this.secrets.seal(input.api_key, apiKeyContext(userId)),
          apiKeyMask: maskSecret(input.api_key),
          apiBase: input.api_base ?? null,
          isActive: input.is_active ?? true,
          settings,
        },
        // A user's first config becomes their default unless they say otherwise.
        input.is_default ?? 'if-first',
        tx,
      );
      await this.audit.append({ ...actor, entity: 'llm_config', action: 'create', resourceId: created.id, payload: { owner_id: userId, name: created.name, provider: created.provider, model: created.model, is_default: created.isDefault } }, tx);
      return created;
    });
    return toView(row);
  }

  async list(principal: Principal): Promise<LlmConfigView[]> {
    return (await this.configs.listForUser(principal.userId)).map(toView);
  }

  async get(principal: Principal, id: number): Promise<LlmConfigView> {
    return toView(await this.owned(principal, id));
  }

  async update(principal: Principal, id: number, patch: LlmConfigPatch): Promise<LlmConfigView> {
    return this.updateFor(principal.userId, id, patch, auditActor(principal));
  }

  private async updateFor(userId: number, id: number, patch: LlmConfigPatch, actor: AuditActor): Promise<LlmConfigView> {
    const current = await this.ownedBy(userId, id);
    if (patch.provider !== undefined) requireKnownProvider(patch.provider);
    const provider = patch.provider ?? current.provider;
    // A new provider without a model named gets that provider's default model.
    const model = patch.model ?? (provider === current.provider ? current.model : undefined);
    const apiBase = patch.api_base === undefined ? current.apiBase : patch.api_base;
    const settings = patch.config ? mergeSettings(current.settings, patch.config) : current.settings;
    const apiKey = patch.api_key ?? this.storedKey(current);
    const resolvedModel = validateForClient(clientSettings({ provider, model, apiKey, apiBase, settings }));

    const changes: LlmConfigChanges = { provider, model: resolvedModel, apiBase, settings };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.is_active !== undefined) changes.isActive = patch.is_active;
    if (patch.api_key !== undefined) {
      changes.apiKeySealed = this.secrets.seal(patch.api_key, apiKeyContext(userId));
      changes.apiKeyMask = maskSecret(patch.api_key);
    }
    const row = await this.configs.transaction(async (tx) => {
      const updated = await this.configs.updateForUser(id, userId, changes, patch.is_default, tx);
      if (!updated) throw notFound('LLM config not found');
      // The names of the fields sent, never their values: one of them may be the API key.
      await this.audit.append({ ...actor, entity: 'llm_config', action: 'update', resourceId: id, payload: { owner_id: userId, fields: Object.keys(patch).filter((key) => patch[key as keyof LlmConfigPatch] !== undefined) } }, tx);
      return updated;
    });
    return toView(row);
  }

  async delete(principal: Principal, id: number): Promise<void> {
    await this.configs.transaction(async (tx) => {
      if (!(await this.configs.deleteForUser(id, principal.userId, tx))) throw notFound('LLM config not found');
      await this.audit.append({ ...auditActor(principal), entity: 'llm_config', action: 'delete', resourceId: id }, tx);
    });
    this.clients.forget(id);
  }

  /**
   * One short real call through the config. A provider that refuses or cannot be reached is a
   * test result (`success: false` with the reason); a config that cannot be used is 400 LLM_002.
   */
  async test(principal: Principal, id: number): Promise<LlmConfigTestResult> {
    const row = await this.owned(principal, id);
    await this.clients.assertTokensLeft(principal.userId);
    const probe = await this.probe(row);
    return {
      success: probe.success,
      model: probe.model,
      response_time_ms: probe.responseTimeMs,
      test_output: probe.output ?? null,
      error: probe.error ? { kind: probe.error.kind, provider_status: probe.error.status ?? null, reason: probe.error.reason } : null,
    };
  }

  private async probe(row: LlmConfigRow): Promise<LlmConfigProbe> {
    try {
      const config = this.clients.clientConfigOf(row);
      const timeoutMs = Math.min(config.timeoutMs ?? TEST_TIMEOUT_MS, TEST_TIMEOUT_MS);
      return await probeLlmConfig({ ...config, timeoutMs }, this.clients.depsFor(row), { context: { userId: row.userId, stage: TEST_STAGE } });
    } catch (error) {
      if (error instanceof LlmConfigError) throw invalidLlmConfig(400, error);
      throw error;
    }
  }

  private storedKey(row: LlmConfigRow): string {
    try {
      return this.clients.clientConfigOf(row).apiKey;
    } catch (error) {
      if (error instanceof LlmConfigError) throw fieldError(422, ['body', 'api_key'], error.message);
      throw error;
    }
  }

  private owned(principal: Principal, id: number): Promise<LlmConfigRow> {
    return this.ownedBy(principal.userId, id);
  }

  private async ownedBy(userId: number, id: number): Promise<LlmConfigRow> {
    const row = await this.configs.findForUser(id, userId);
    if (!row) throw notFound('LLM config not found');
    return row;
  }
}

/** The LLM config service and the client factory the workflow uses, wired once per process. */
export function createLlmServices(
  config: AppConfig, db: Db, configs: LlmConfigRepository, audit: AuditChain, usage = new LlmUsageRepository(db),
  tokensExhausted?: (userId: number) => Promise<string | null>,
): { llmConfigs: LlmConfigService; llmClients: LlmClientFactory } {
  const secrets = new SecretBox(config.encryptionKey);
  const llmClients = new LlmClientFactory(configs, secrets, usage, new LlmResponseCacheRepository(db), { prices: config.llmPrices, tokensExhausted });
  return { llmConfigs: new LlmConfigService(configs, secrets, llmClients, audit), llmClients };
}
