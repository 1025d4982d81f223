import { existsSync } from 'node:fs';
import type { Caches } from '../cache/caches.ts';
import { createCaches } from '../cache/create.ts';
import type { BusLog } from '../cache/postgres-bus.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AnalysisRepository } from '../db/repositories/analyses.ts';
import { AgentActivityRepository } from '../db/repositories/agent-activities.ts';
import { ApiKeyRepository } from '../db/repositories/api-keys.ts';
import { FileRepository } from '../db/repositories/files.ts';
import { type Membership, OrganizationRepository } from '../db/repositories/organizations.ts';
import { ProjectRepository } from '../db/repositories/projects.ts';
import { SessionRepository } from '../db/repositories/sessions.ts';
import { SsoRepository } from '../db/repositories/sso.ts';
import { LlmConfigRepository } from '../db/repositories/llm-configs.ts';
import { type UserRow, UserRepository } from '../db/repositories/users.ts';
import { AuditAnchors } from '../governance/audit-anchors.ts';
import { AuditChain } from '../governance/audit-chain.ts';
import { deriveAuditKeys } from '../governance/audit-keys.ts';
import type { ProfileEvaluator } from '../governance/profile-evaluator.ts';
import { WorkflowRepository } from '../db/repositories/workflow.ts';
import { PeriodicRunRepository } from '../db/repositories/periodic-runs.ts';
import { ClusterSchedule } from '../jobs/cluster-schedule.ts';
import { AlertRepository } from '../db/repositories/alerts.ts';
import { LlmUsageRepository } from '../db/repositories/llm-usage.ts';
import { MonitoringRepository } from '../db/repositories/monitoring.ts';
import { AlertRules } from '../monitoring/alert-rules.ts';
import { HostMetrics } from '../monitoring/host-metrics.ts';
import { LiveConnections } from '../monitoring/live-connections.ts';
import { PrometheusMetrics } from '../monitoring/prometheus.ts';
import { RequestLog } from '../monitoring/request-log.ts';
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
import { BackgroundWork, ProfileTraffic } from './profile-traffic.ts';
import { AnalyzerProfileEvaluator } from './review-profiles.ts';
import { GovernanceSettingsService } from './governance-settings.ts';
import { ThreeVersionService } from './three-version.ts';
import { UserAdminService } from './user-admin.ts';
import { UserDeletionService } from './user-deletion.ts';
import { AuthService } from './auth.ts';
import { CodeAnalysisService } from './code-analysis.ts';
import { EnvironmentLlmSetup } from './environment-llm.ts';
import { createLlmServices } from './llm-configs.ts';
import { FileService } from './files.ts';
import { ProjectAccess } from './project-access.ts';
import { ProjectArchiver } from './project-archive.ts';
import { ProjectService } from './projects.ts';
import { AccountChanges } from './account-changes.ts';
import { OrganizationService } from './organizations.ts';
import { OidcProviders } from './oidc-providers.ts';
import { WorkflowDispatch } from '../jobs/workflow-dispatch.ts';
import { SsoService } from './sso.ts';
import { type QuotaAlertSink, QuotaService } from './quotas.ts';
import { TemplateService } from './templates.ts';
import { WorkflowEventHub } from './workflow-events.ts';
import { WorkflowService } from './workflows.ts';
import { AlertService, quotaAlertSink } from './alerts.ts';
import { MonitoringService } from './monitoring.ts';

export interface ServiceOptions {
  /** Replaces the analyzer's labelled-set evaluation of review profiles (`AnalyzerProfileEvaluator`). */
  profileEvaluator?: ProfileEvaluator | undefined;
  /** Decides which requests are shadowed (tests make it deterministic); `Math.random` otherwise. */
  shadowSampler?: (() => number) | undefined;
  /** Errors of background work no request waits for: workflow jobs and recovery (with their project), the production monitor, request records and shadow runs. */
  onBackgroundError?: (error: unknown, context?: { projectId: number }) => void;
  /** Receives quota thresholds (80 %, 90 %, 100 %) as they are crossed, once per period each; by default the alert service. */
  quotaAlerts?: QuotaAlertSink | undefined;
  /** Where failing plugin hooks are reported. */
  pluginLog?: PluginLog;
  /** Where a lost cache invalidation listener is reported. */
  cacheLog?: BusLog;
}

export type AppCaches = Caches<UserRow, Membership>;

const PRODUCTION_MONITOR_INTERVAL_MS = 60_000;
const REQUEST_LOG_FLUSH_MS = 1000;

/** Wires repositories into services once per process. */
export function createServices(config: AppConfig, database: Database, options: ServiceOptions) {
  const db = database.db;
  const caches: AppCaches = createCaches(database, options.cacheLog);
  const users = new UserRepository(db, caches);
  const tokens = createTokenIssuer(config.jwtSecret, {
    access: config.accessTokenTtlSeconds,
    refresh: config.refreshTokenTtlSeconds,
  });
  const apiKeyRepository = new ApiKeyRepository(db);
  const sessionRepository = new SessionRepository(db, caches);
  const auditKeys = deriveAuditKeys(config.encryptionKey);
  const { checkpointFile, checkpointIntervalMs } = config.audit;
  const auditAnchors = checkpointFile
    ? new AuditAnchors({ file: checkpointFile, intervalMs: checkpointIntervalMs }, auditKeys, (error) => options.onBackgroundError?.(error))
    : undefined;
  const auditChain = new AuditChain(db, auditKeys.hmacKey, auditAnchors);
  const multisig = new MultisigService(db, auditChain);
  const accountChanges = new AccountChanges();
  const governanceSettings = new GovernanceSettingsService(db, auditChain, multisig);
  const llmConfigRepository = new LlmConfigRepository(db);
  const prometheus: PrometheusMetrics = new PrometheusMetrics(() => workflows.queueDepth());
  // The quota service comes later; the check runs only when a request asks for a model.
  const llm = createLlmServices(
    config, db, llmConfigRepository, auditChain, new LlmUsageRepository(db, (call) => prometheus.observeLlmCall(call)), (userId) => quotas.llmTokensExhaustedForUser(userId),
  );
  const turns = new PeriodicRunRepository(db);
  const productionMonitor: ClusterSchedule = new ClusterSchedule(
    'production_monitor',
    PRODUCTION_MONITOR_INTERVAL_MS,
    turns,
    (): Promise<unknown> => threeVersion.checkProduction(),
    options.onBackgroundError ?? (() => undefined),
  );
  const threeVersion: ThreeVersionService = new ThreeVersionService(
    db, auditChain, multisig, options.profileEvaluator ?? new AnalyzerProfileEvaluator(llm.llmClients, config.analysisTimeoutMs),
    () => governanceSettings.promotionCriteria(), (): boolean => productionMonitor.running,
  );
  const profileTraffic = new ProfileTraffic(
    threeVersion, new BackgroundWork(options.onBackgroundError ?? (() => undefined)), config.shadowShare, config.analysisTimeoutMs, options.shadowSampler,
  );
  const organizationRepository = new OrganizationRepository(db, caches);
  const alerts = new AlertService(new AlertRepository(db), async (userId) => {
    const membership = await organizationRepository.membershipOf(userId);
    return membership && (membership.role === 'owner' || membership.role === 'admin') ? membership.organizationId : undefined;
  }, auditChain);
  const quotas = new QuotaService(organizationRepository, auditChain, options.quotaAlerts ?? quotaAlertSink(alerts), options.onBackgroundError);
  const projectRepository = new ProjectRepository(db);
  const fileRepository = new FileRepository(db);
  const projectAccess = new ProjectAccess(projectRepository);
  const organizations = new OrganizationService(organizationRepository, quotas, auditChain, projectAccess, (organizationId) => sso.assertReadyToEnable(organizationId));
  const files = new FileService(fileRepository, projectAccess, config.upload, quotas, auditChain);
  const agentActivityRepository = new AgentActivityRepository(db);
  const pluginRepository = new PluginRepository(db);
  const pluginSecrets = new SecretBox(config.encryptionKey);
  const pluginHooks = new PluginHookDispatcher(pluginRepository, pluginSecrets, config.plugins.hookTimeoutMs, options.pluginLog ?? { warn: () => undefined });
  const workflowEvents = new WorkflowEventHub();
  workflowEvents.listen((event) => prometheus.observeWorkflowEvent(event.event));
  const workflowRepository = new WorkflowRepository(db);
  const workflowDispatch = config.workflow.queue === 'pg-boss' && database.url
    ? new WorkflowDispatch(database.url, { migrate: config.migrateOnStart, onError: (error) => options.onBackgroundError?.(error) })
    : undefined;
  const workflows = new WorkflowService(
    projectRepository,
    projectAccess,
    llm.llmClients,
    { workflow: workflowRepository, files, activities: agentActivityRepository, hub: workflowEvents },
    quotas,
    auditChain,
    { ...config.workflow, dispatch: workflowDispatch, turns, onError: options.onBackgroundError, hooks: (run) => pluginHooks.forWorkflow(run) },
  );
  const monitoringRecords = new MonitoringRepository(db);
  const reportBackgroundError = options.onBackgroundError ?? (() => undefined);
  const requestLog = new RequestLog(monitoringRecords, { flushIntervalMs: REQUEST_LOG_FLUSH_MS, onError: (error) => reportBackgroundError(error) });
  const liveConnections = new LiveConnections();
  const alertRules = new AlertRules(monitoringRecords, alerts, config.monitoring.rules);
  const environmentLlm = new EnvironmentLlmSetup(users, llm.llmConfigs, config.environmentLlm);
  const auth = new AuthService(
    users, sessionRepository, apiKeyRepository, tokens, auditChain, accountChanges,
    // The account exists already; a model that cannot be set up must not fail its registration.
    (user) => environmentLlm.userRegistered(user).catch((error: unknown) => reportBackgroundError(error)),
    (user) => sso.assertPasswordLoginAllowed(user),
  );
  const sso: SsoService = new SsoService(new SsoRepository(db), organizations, auth, new OidcProviders(), new SecretBox(config.encryptionKey), auditChain);
  return {
    caches,
    auditChain,
    auditAnchors,
    auditPublicKeyPem: auditKeys.publicKeyPem,
    auth,
    sso,
    environmentLlm,
    apiKeys: new ApiKeyService(apiKeyRepository, auditChain, accountChanges),
    audit: new AuditService(auditChain, new AuditRepository(db), multisig, (userId) => organizations.membershipOf(userId)),
    userAdmin: new UserAdminService(users, sessionRepository, apiKeyRepository, auditChain, accountChanges),
    userDeletion: new UserDeletionService(db, caches, auditChain, multisig, accountChanges),
    multisig,
    governanceSettings,
    threeVersion,
    productionMonitor,
    profileTraffic,
    ...llm,
    projectAccess,
    accountChanges,
    organizations,
    quotas,
    projects: new ProjectService(
      projectRepository,
      fileRepository,
      projectAccess,
      async (configId, userId) => (await llmConfigRepository.findForUser(configId, userId)) !== undefined,
      organizations,
      quotas,
      auditChain,
      (projectId) => workflows.abandon(projectId),
      (projectId) => workflows.lastRun(projectId),
    ),
    projectArchiver: new ProjectArchiver(projectRepository, fileRepository, projectAccess),
    files,
    uploadPolicy: config.upload,
    templates: new TemplateService(files),
    agentActivities: new AgentActivityService(agentActivityRepository, projectAccess),
    codeAnalysis: new CodeAnalysisService(
      new AnalysisRepository(db), fileRepository, projectAccess, llm.llmClients, config.analysisTimeoutMs, threeVersion, profileTraffic,
      (userId, analysis) => pluginHooks.analysisCompleted(userId, analysis),
    ),
    plugins: new PluginService(pluginRepository, auditChain, pluginSecrets, VERSION),
    workflowEvents,
    workflowEventLog: workflowRepository,
    workflows,
    workflowDispatch,
    alerts,
    alertRules,
    alertSchedule: new ClusterSchedule('alert_rules', config.monitoring.rules.intervalMs, turns, () => alertRules.tick(), (error) => reportBackgroundError(error)),
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
