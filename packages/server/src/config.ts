import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { budgetDefaultsFromEnv, type BudgetDefaults, WorkflowConfigError } from '@resoftai/engine';
import { isProvider, loadPriceTable, type PriceTable, PROVIDERS } from '@resoftai/llm';
import { BUILT_IN_CATALOG_DIR } from '@resoftai/plugins';
import { z } from 'zod';
import type { AlertRuleSettings } from './monitoring/alert-rules.ts';

export const RATE_LIMIT_TIERS = ['free', 'starter', 'professional', 'enterprise'] as const;
export type RateLimitTier = (typeof RATE_LIMIT_TIERS)[number];

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const share = (fallback: number) => z.coerce.number().gt(0).max(1).default(fallback);
const flag = (fallback: boolean) =>
  z.enum(['true', 'false', '1', '0']).default(fallback ? 'true' : 'false').transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: flag(false),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt(1800),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt(7 * 24 * 3600),
  RATE_LIMIT_ENABLED: flag(true),
  RATE_LIMIT_DEFAULT_TIER: z.enum(RATE_LIMIT_TIERS).default('free'),
  RATE_LIMIT_FREE_PER_MINUTE: positiveInt(60),
  RATE_LIMIT_PAID_PER_MINUTE: positiveInt(300),
  RATE_LIMIT_ENTERPRISE_PER_MINUTE: positiveInt(1000),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt(10),
  RATE_LIMIT_ANALYSIS_PER_HOUR: positiveInt(100),
  RATE_LIMIT_GENERAL_PER_HOUR: positiveInt(1000),
  RATE_LIMIT_ADMIN_PER_HOUR: positiveInt(500),
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  MAX_UPLOAD_BYTES: positiveInt(10 * 1024 * 1024),
  UPLOAD_ALLOW_ARCHIVES: flag(false),
  ANALYSIS_TIMEOUT_MS: positiveInt(10_000),
  SHADOW_SHARE: z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.1),
  WORKFLOW_AUTO_RESUME: flag(true),
  WORKFLOW_CONCURRENCY: positiveInt(4),
  WORKFLOW_QUEUE: z.enum(['local', 'pg-boss']).optional(),
  WORKFLOW_HEARTBEAT_SECONDS: positiveInt(15),
  SOCKET_ADAPTER: z.enum(['memory', 'postgres']).optional(),
  WORKFLOW_RUN_TESTS: flag(true),
  MONITORING_RULES_INTERVAL_SECONDS: positiveInt(60),
  ALERT_WINDOW_MINUTES: positiveInt(15),
  ALERT_MIN_SAMPLES: positiveInt(10),
  ALERT_WORKFLOW_FAILURE_RATE: share(0.5),
  ALERT_LLM_ERROR_RATE: share(0.2),
  ALERT_API_P95_MS: positiveInt(2000),
  REQUEST_LOG_RETENTION_DAYS: positiveInt(30),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: positiveInt(60),
  MIGRATE_ON_START: flag(true),
  PLUGIN_DIRS: z.string().optional(),
  PLUGIN_HOOK_TIMEOUT_MS: positiveInt(5000),
  RESOFTAI_LLM_PROVIDER: z.string().refine(isProvider, { message: `must be one of ${PROVIDERS.map((info) => info.id).join(', ')}` }).optional(),
  RESOFTAI_LLM_MODEL: z.string().min(1).max(200).optional(),
  RESOFTAI_LLM_API_KEY: z.string().min(1).max(1000).optional(),
  RESOFTAI_LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface RateLimitConfig {
  enabled: boolean;
  defaultTier: RateLimitTier;
  perMinuteByTier: Record<RateLimitTier, number>;
  authPerMinute: number;
  analysisPerHour: number;
  generalPerHour: number;
  adminPerHour: number;
}

export interface UploadConfig {
  /** Largest file content accepted, by upload or generation (413 FILE_001 beyond). */
  maxBytes: number;
  /** zip, tar, gzip and the like are refused (400 FILE_002) unless this is set. */
  allowArchives: boolean;
}

export interface WorkflowSettings {
  /** Runs left `running` by a dead process are resumed at start (otherwise they wait for `/resume`). */
  autoResume: boolean;
  /** Workflows run at once by this process; the rest wait in order. */
  concurrency: number;
  /** `pg-boss`: jobs through the PostgreSQL job queue, run by worker processes; `local`: in this process only. */
  queue: 'local' | 'pg-boss';
  /** Whether this process runs workflows (`serve --no-worker` and API-only processes: false). */
  worker: boolean;
  /** How often a process marks its runs alive; a run silent for four of these belongs to a dead process. */
  heartbeatSeconds: number;
  /** Run the generated project's tests in the sandbox during `testing`. */
  runTests: boolean;
  /** Per-project token and cost caps when a project's config sets none. */
  budget: BudgetDefaults;
}

export interface MonitoringSettings {
  rules: AlertRuleSettings;
  /** Bearer token `GET /metrics` requires; without one it answers loopback clients only. */
  metricsToken: string | undefined;
}

export interface AuditSettings {
  /** Signed checkpoints of the chain's head go here (JSON Lines); undefined writes none. */
  checkpointFile: string | undefined;
  checkpointIntervalMs: number;
}

export interface PluginSettings {
  /** Catalog folders (`<slug>/<version>/plugin.json`) loaded into the marketplace at start. */
  catalogDirs: string[];
  /** Longest one plugin hook handler may run before it is abandoned and the plugin disabled for the run. */
  hookTimeoutMs: number;
}

/** A model named in the environment: it becomes the first administrator's default LLM config. */
export interface EnvironmentLlm {
  provider: string;
  model: string | undefined;
  apiKey: string;
  apiBase: string | undefined;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  jwtSecret: string;
  encryptionKey: Buffer;
  logLevel: string;
  trustProxy: boolean;
  /** The address users reach the server at (single sign-on redirects); the request's own host when unset. */
  publicUrl: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bodyLimitBytes: number;
  upload: UploadConfig;
  rateLimit: RateLimitConfig;
  /** Longest a code analysis may run before it is answered with 504. */
  analysisTimeoutMs: number;
  /** Share (0–1) of production `/api/analyze/code` requests also run, in the background, by every v1 experiment. */
  shadowShare: number;
  /** USD per million tokens: the bundled table with `LLM_PRICES` laid over it. */
  llmPrices: PriceTable;
  workflow: WorkflowSettings;
  /** `postgres`: Socket.IO events cross processes through PostgreSQL (@socket.io/postgres-adapter); `memory`: this process only. */
  socketAdapter: 'memory' | 'postgres';
  monitoring: MonitoringSettings;
  plugins: PluginSettings;
  environmentLlm: EnvironmentLlm | undefined;
  audit: AuditSettings;
  /** Apply pending migrations at start; off when the server runs as a database role that does not own the schema. */
  migrateOnStart: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface GeneratedSecrets {
  jwt_secret: string;
  encryption_key: string;
}

/** Embedded mode keeps its secrets in DATA_DIR, generated on first start and reused after. */
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const path = join(dataDir, 'secrets.json');
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<GeneratedSecrets>;
    if (typeof stored.jwt_secret !== 'string' || typeof stored.encryption_key !== 'string') {
      throw new ConfigError(`${path}: stored secrets are incomplete; remove the file to generate new ones`);
    }
    return { jwt_secret: stored.jwt_secret, encryption_key: stored.encryption_key };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { jwt_secret: randomBytes(48).toString('base64url'), encryption_key: randomBytes(32).toString('hex') };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return secrets;
}

/** PostgreSQL shares workflow jobs between processes through pg-boss; the embedded database has one process only. */
function workflowQueue(chosen: 'local' | 'pg-boss' | undefined, databaseUrl: string | undefined): 'local' | 'pg-boss' {
  if (chosen === 'pg-boss' && !databaseUrl) throw new ConfigError('Invalid environment variable WORKFLOW_QUEUE: pg-boss needs DATABASE_URL (PostgreSQL)');
  return chosen ?? (databaseUrl ? 'pg-boss' : 'local');
}

/** Processes sharing one PostgreSQL relay each other's socket events; the embedded database has one process only. */
function socketAdapter(chosen: 'memory' | 'postgres' | undefined, databaseUrl: string | undefined): 'memory' | 'postgres' {
  if (chosen === 'postgres' && !databaseUrl) throw new ConfigError('Invalid environment variable SOCKET_ADAPTER: postgres needs DATABASE_URL (PostgreSQL)');
  return chosen ?? (databaseUrl ? 'postgres' : 'memory');
}

function loadBudget(env: Record<string, string | undefined>): BudgetDefaults {
  try {
    return budgetDefaultsFromEnv(env);
  } catch (error) {
    if (error instanceof WorkflowConfigError) throw new ConfigError(`Invalid environment variable ${error.message}`);
    throw error;
  }
}

function loadLlmPrices(env: Record<string, string | undefined>): PriceTable {
  try {
    return loadPriceTable(env);
  } catch (error) {
    throw new ConfigError(`Invalid environment variable LLM_PRICES: ${(error as Error).message}`);
  }
}

// What a server that checks no key is given (Ollama, llama.cpp, vLLM without --api-key).
const KEYLESS_SERVER_API_KEY = 'none';

function loadEnvironmentLlm(e: z.infer<typeof envSchema>): EnvironmentLlm | undefined {
  if (!e.RESOFTAI_LLM_PROVIDER) {
    const stray = (['RESOFTAI_LLM_MODEL', 'RESOFTAI_LLM_API_KEY', 'RESOFTAI_LLM_BASE_URL'] as const).find((name) => e[name] !== undefined);
    if (stray) throw new ConfigError(`Invalid environment variable RESOFTAI_LLM_PROVIDER: required when ${stray} is set`);
    return undefined;
  }
  if (!e.RESOFTAI_LLM_API_KEY && !e.RESOFTAI_LLM_BASE_URL) {
    throw new ConfigError('Invalid environment variable RESOFTAI_LLM_API_KEY: required unless RESOFTAI_LLM_BASE_URL points at a server that needs none');
  }
  return { provider: e.RESOFTAI_LLM_PROVIDER, model: e.RESOFTAI_LLM_MODEL, apiKey: e.RESOFTAI_LLM_API_KEY ?? KEYLESS_SERVER_API_KEY, apiBase: e.RESOFTAI_LLM_BASE_URL };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as shells and .env files commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const llmPrices = loadLlmPrices(present);
  const dataDir = resolve(e.DATA_DIR);
  let jwtSecret = e.JWT_SECRET;
  let encryptionKey = e.ENCRYPTION_KEY;
  if (!jwtSecret || !encryptionKey) {
    if (e.DATABASE_URL) {
      const missing = jwtSecret ? 'ENCRYPTION_KEY' : 'JWT_SECRET';
      throw new ConfigError(`Invalid environment variable ${missing}: required when DATABASE_URL is set (every process must share it)`);
    }
    const generated = loadOrCreateSecrets(dataDir);
    jwtSecret ??= generated.jwt_secret;
    encryptionKey ??= generated.encryption_key;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    jwtSecret,
    encryptionKey: Buffer.from(encryptionKey, 'hex'),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    llmPrices,
    environmentLlm: loadEnvironmentLlm(e),
    analysisTimeoutMs: e.ANALYSIS_TIMEOUT_MS,
    audit: {
      checkpointFile: resolve(dataDir, e.AUDIT_CHECKPOINT_FILE ?? 'audit-checkpoints.jsonl'),
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
    },
    migrateOnStart: e.MIGRATE_ON_START,
    shadowShare: e.SHADOW_SHARE,
    workflow: {
      autoResume: e.WORKFLOW_AUTO_RESUME, concurrency: e.WORKFLOW_CONCURRENCY, runTests: e.WORKFLOW_RUN_TESTS, budget: loadBudget(present),
      queue: workflowQueue(e.WORKFLOW_QUEUE, e.DATABASE_URL), worker: true, heartbeatSeconds: e.WORKFLOW_HEARTBEAT_SECONDS,
    },
    socketAdapter: socketAdapter(e.SOCKET_ADAPTER, e.DATABASE_URL),
    monitoring: {
      rules: {
        intervalMs: e.MONITORING_RULES_INTERVAL_SECONDS * 1000,
        windowMinutes: e.ALERT_WINDOW_MINUTES,
        minSamples: e.ALERT_MIN_SAMPLES,
        workflowFailureRate: e.ALERT_WORKFLOW_FAILURE_RATE,
        llmErrorRate: e.ALERT_LLM_ERROR_RATE,
        apiP95Ms: e.ALERT_API_P95_MS,
        requestRetentionDays: e.REQUEST_LOG_RETENTION_DAYS,
      },
      metricsToken: e.METRICS_TOKEN,
    },
    upload: { maxBytes: e.MAX_UPLOAD_BYTES, allowArchives: e.UPLOAD_ALLOW_ARCHIVES },
    plugins: {
      catalogDirs: [BUILT_IN_CATALOG_DIR, ...(e.PLUGIN_DIRS ?? '').split(delimiter).filter((dir) => dir.length > 0).map((dir) => resolve(dir))],
      hookTimeoutMs: e.PLUGIN_HOOK_TIMEOUT_MS,
    },
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      defaultTier: e.RATE_LIMIT_DEFAULT_TIER,
      perMinuteByTier: {
        free: e.RATE_LIMIT_FREE_PER_MINUTE,
        starter: e.RATE_LIMIT_PAID_PER_MINUTE,
        professional: e.RATE_LIMIT_PAID_PER_MINUTE,
        enterprise: e.RATE_LIMIT_ENTERPRISE_PER_MINUTE,
      },
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      analysisPerHour: e.RATE_LIMIT_ANALYSIS_PER_HOUR,
      generalPerHour: e.RATE_LIMIT_GENERAL_PER_HOUR,
      adminPerHour: e.RATE_LIMIT_ADMIN_PER_HOUR,
    },
  };
}
