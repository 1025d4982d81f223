import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PRICES } from '@resoftai/llm';
import { BUILT_IN_CATALOG_DIR } from '@resoftai/plugins';
import pg from 'pg';
import { buildApp, type BuildAppOptions } from '../src/app.ts';
import type { AppConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';

/** A fresh database for one test file: in-memory PGlite, or (TEST_DATABASE=postgres) a new PostgreSQL database dropped on close. */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    return openDatabase({ loadDataDir: template ? new Blob([readFileSync(template)]) : undefined });
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL');
  const name = `resoftai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // A migrated template (scripts/test.mjs makes one per run) spares every file its own migration.
  const template = process.env.TEST_POSTGRES_TEMPLATE;
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Connections still closing when the database is force-dropped report an error that is expected here.
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5, onConnectionError: () => undefined });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: undefined,
    jwtSecret: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32),
    logLevel: 'silent',
    trustProxy: false,
    publicUrl: undefined,
    accessTokenTtlSeconds: 1800,
    refreshTokenTtlSeconds: 7 * 24 * 3600,
    bodyLimitBytes: 1024 * 1024,
    llmPrices: DEFAULT_PRICES,
    analysisTimeoutMs: 10_000,
    shadowShare: 0,
    workflow: { autoResume: true, concurrency: 4, runTests: false, budget: {}, queue: 'local', worker: true, heartbeatSeconds: 15 },
    socketAdapter: 'memory',
    upload: { maxBytes: 10 * 1024 * 1024, allowArchives: false },
    monitoring: {
      rules: { intervalMs: 60_000, windowMinutes: 15, minSamples: 10, workflowFailureRate: 0.5, llmErrorRate: 0.2, apiP95Ms: 2000, requestRetentionDays: 30 },
      metricsToken: undefined,
    },
    plugins: { catalogDirs: [BUILT_IN_CATALOG_DIR], hookTimeoutMs: 5000 },
    environmentLlm: undefined,
    audit: { checkpointFile: undefined, checkpointIntervalMs: 60_000 },
    migrateOnStart: true,
    rateLimit: {
      enabled: false,
      defaultTier: 'free',
      perMinuteByTier: { free: 60, starter: 300, professional: 300, enterprise: 1000 },
      authPerMinute: 10,
      analysisPerHour: 100,
      generalPerHour: 1000,
      adminPerHour: 500,
    },
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<AppConfig> = {}, options: Pick<BuildAppOptions, 'profileEvaluator' | 'quotaAlerts' | 'shadowSampler' | 'webDistDir'> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, database, logger: false, ...options });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const STRONG_PASSWORD = 'SecurePass123!';

export interface TestUser {
  id: number;
  username: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

let userCounter = 0;

/** Registers and logs in a new user with a unique name. */
export async function createUser(app: FastifyInstance, name = `user${++userCounter}`): Promise<TestUser> {
  const email = `${name}@example.com`;
  const register = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: name, email, password: STRONG_PASSWORD } });
  if (register.statusCode !== 201) throw new Error(`register failed: ${register.body}`);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: STRONG_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const tokens = login.json() as { access_token: string; refresh_token: string; user: { id: number } };
  return {
    id: tokens.user.id,
    username: name,
    email,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    auth: { authorization: `Bearer ${tokens.access_token}` },
  };
}

/** Runs raw SQL in a test; PGlite and node-postgres both answer with `rows`. */
export async function queryRows<T>(database: Database, query: SQL): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
