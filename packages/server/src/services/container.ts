import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AnalysisRepository } from '../db/repositories/analyses.ts';
import { AgentActivityRepository } from '../db/repositories/agent-activities.ts';
import { ApiKeyRepository } from '../db/repositories/api-keys.ts';
import { FileRepository } from '../db/repositories/files.ts';
import { ProjectRepository } from '../db/repositories/projects.ts';
import { SessionRepository } from '../db/repositories/sessions.ts';
import { LlmConfigRepository } from '../db/repositories/llm-configs.ts';
import { UserRepository } from '../db/repositories/users.ts';
import { AuditChain } from '../governance/audit-chain.ts';
import { ProductionMonitor } from '../governance/production-monitor.ts';
import type { ProfileEvaluator } from '../governance/profile-evaluator.ts';
import { WorkflowRepository } from '../db/repositories/workflow.ts';
import { PluginRepository } from '../db/repositories/plugins.ts';
import { SecretBox } from '../security/secret-box.ts';
import { VERSION } from '../version.ts';
import { type PluginLog, PluginHookDispatcher } from './plugin-hooks.ts';
import { PluginService } from './plugins.ts';
import { createTokenIssuer } from '../security/tokens.ts';
import { AgentActivityService } from './agent-activities.ts';
import { AuditRepository } from '../db/repositories/audit.ts';
import { ApiKeyService } from './api-keys.ts';
import { AuditService } from './audit.ts';
import { MultisigService } from './multisig.ts';
import { DEFAULT_PROMOTION_CRITERIA, ThreeVersionService } from './three-version.ts';
import { UserAdminService } from './user-admin.ts';
import { AuthService } from './auth.ts';
import { CodeAnalysisService } from './code-analysis.ts';
import { createLlmServices } from './llm-configs.ts';
import { FileService } from './files.ts';
import { ProjectAccess } from './project-access.ts';
import { ProjectArchiver } from './project-archive.ts';
import { ProjectService } from './projects.ts';
import { TemplateService } from './templates.ts';
import { WorkflowEventHub } from './workflow-events.ts';
import { WorkflowService } from './workflows.ts';

export interface ServiceOptions {
  /** Measures review profiles on the labelled evaluation set; without it accuracy stays unmeasured. */
  profileEvaluator?: ProfileEvaluator | undefined;
  /** Errors of background work no request waits for: workflow jobs and recovery (with their project), the production monitor. */
  onBackgroundError?: (error: unknown, context?: { projectId: number }) => void;
  /** Where failing plugin hooks are reported. */
  pluginLog?: PluginLog;
}

const PRODUCTION_MONITOR_INTERVAL_MS = 60_000;

/** Wires repositories into services once per process. */
export function createServices(config: AppConfig, database: Database, options: ServiceOptions = {}) {
  const db = database.db;
  const sessionCache = database.sessionCache;
  const users = new UserRepository(db, sessionCache);
  const tokens = createTokenIssuer(config.jwtSecret, {
    access: config.accessTokenTtlSeconds,
    refresh: config.refreshTokenTtlSeconds,
  });
  const apiKeyRepository = new ApiKeyRepository(db);
  const sessionRepository = new SessionRepository(db, sessionCache);
  const auditChain = new AuditChain(db);
  const multisig = new MultisigService(db, auditChain);
  const productionMonitor: ProductionMonitor = new ProductionMonitor(
    (): Promise<unknown> => threeVersion.checkProduction(),
    PRODUCTION_MONITOR_INTERVAL_MS,
    options.onBackgroundError ?? (() => undefined),
  );
  const threeVersion: ThreeVersionService = new ThreeVersionService(
    db, auditChain, multisig, options.profileEvaluator, DEFAULT_PROMOTION_CRITERIA, (): boolean => productionMonitor.running,
  );
  const projectRepository = new ProjectRepository(db);
  const fileRepository = new FileRepository(db);
  const projectAccess = new ProjectAccess(projectRepository);
  const files = new FileService(fileRepository, projectAccess, config.upload);
  const agentActivityRepository = new AgentActivityRepository(db);
  const llmConfigRepository = new LlmConfigRepository(db);
  const llm = createLlmServices(config, db, llmConfigRepository);
  const pluginRepository = new PluginRepository(db);
  const pluginSecrets = new SecretBox(config.encryptionKey);
  const pluginHooks = new PluginHookDispatcher(pluginRepository, pluginSecrets, config.plugins.hookTimeoutMs, options.pluginLog ?? { warn: () => undefined });
  const workflowEvents = new WorkflowEventHub();
  const workflowRepository = new WorkflowRepository(db);
  const workflows = new WorkflowService(
    projectRepository,
    projectAccess,
    llm.llmClients,
    { workflow: workflowRepository, files, activities: agentActivityRepository, hub: workflowEvents },
    { ...config.workflow, onError: options.onBackgroundError, hooks: (run) => pluginHooks.forWorkflow(run) },
  );
  return {
    auditChain,
    auth: new AuthService(users, sessionRepository, apiKeyRepository, tokens, auditChain),
    apiKeys: new ApiKeyService(apiKeyRepository, auditChain),
    audit: new AuditService(auditChain, new AuditRepository(db)),
    userAdmin: new UserAdminService(users, sessionRepository, apiKeyRepository, auditChain),
    multisig,
    threeVersion,
    productionMonitor,
    ...llm,
    projectAccess,
    projects: new ProjectService(
      projectRepository,
      fileRepository,
      projectAccess,
      async (configId, userId) => (await llmConfigRepository.findForUser(configId, userId)) !== undefined,
      (projectId) => workflows.abandon(projectId),
    ),
    projectArchiver: new ProjectArchiver(projectRepository, fileRepository, projectAccess),
    files,
    uploadPolicy: config.upload,
    templates: new TemplateService(files),
    agentActivities: new AgentActivityService(agentActivityRepository, projectAccess),
    codeAnalysis: new CodeAnalysisService(
      new AnalysisRepository(db), fileRepository, projectAccess, llm.llmClients, config.analysisTimeoutMs,
      (userId, analysis) => pluginHooks.analysisCompleted(userId, analysis),
    ),
    plugins: new PluginService(pluginRepository, auditChain, pluginSecrets, VERSION),
    workflowEvents,
    workflowEventLog: workflowRepository,
    workflows,
  };
}

export type Services = ReturnType<typeof createServices>;
