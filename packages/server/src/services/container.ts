import { existsSync } from 'node:fs';
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
import { AlertRepository } from '../db/repositories/alerts.ts';
import { LlmUsageRepository } from '../db/repositories/llm-usage.ts';
import { MonitoringRepository } from '../db/repositories/monitoring.ts';
import { AlertRules } from '../monitoring/alert-rules.ts';
import { HostMetrics } from '../monitoring/host-metrics.ts';
import { LiveConnections } from '../monitoring/live-connections.ts';
import { PrometheusMetrics } from '../monitoring/prometheus.ts';
import { RequestLog } from '../monitoring/request-log.ts';
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
import { AlertService } from './alerts.ts';
import { MonitoringService } from './monitoring.ts';

export interface ServiceOptions {
  /** Measures review profiles on the labelled evaluation set; without it accuracy stays unmeasured. */
  profileEvaluator?: ProfileEvaluator | undefined;
  /** Errors of background work no request waits for: workflow jobs and recovery (with their project), the production monitor. */
  onBackgroundError?: (error: unknown, context?: { projectId: number }) => void;
}

const PRODUCTION_MONITOR_INTERVAL_MS = 60_000;
const REQUEST_LOG_FLUSH_MS = 1000;

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
  const prometheus: PrometheusMetrics = new PrometheusMetrics(() => workflows.queueDepth());
  const llm = createLlmServices(config, db, llmConfigRepository, new LlmUsageRepository(db, (call) => prometheus.observeLlmCall(call)));
  const workflowEvents = new WorkflowEventHub();
  workflowEvents.listen((event) => prometheus.observeWorkflowEvent(event.event));
  const workflowRepository = new WorkflowRepository(db);
  const workflows = new WorkflowService(
    projectRepository,
    projectAccess,
    llm.llmClients,
    { workflow: workflowRepository, files, activities: agentActivityRepository, hub: workflowEvents },
    { ...config.workflow, onError: options.onBackgroundError },
  );
  const monitoringRecords = new MonitoringRepository(db);
  const alerts = new AlertService(new AlertRepository(db));
  const reportBackgroundError = options.onBackgroundError ?? (() => undefined);
  const requestLog = new RequestLog(monitoringRecords, { flushIntervalMs: REQUEST_LOG_FLUSH_MS, onError: (error) => reportBackgroundError(error) });
  const liveConnections = new LiveConnections();
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
    codeAnalysis: new CodeAnalysisService(new AnalysisRepository(db), fileRepository, projectAccess, llm.llmClients, config.analysisTimeoutMs),
    workflowEvents,
    workflowEventLog: workflowRepository,
    workflows,
    alerts,
    alertRules: new AlertRules(monitoringRecords, alerts, config.monitoring.rules, (error) => reportBackgroundError(error)),
    requestLog,
    liveConnections,
    prometheus,
    monitoring: new MonitoringService({
      records: monitoringRecords,
      access: projectAccess,
      alerts,
      host: new HostMetrics(() => (existsSync(config.dataDir) ? config.dataDir : process.cwd())),
      connections: liveConnections,
      requests: requestLog,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
