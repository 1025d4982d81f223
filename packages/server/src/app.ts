import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { WEB_DIST_DIR } from '@resoftai/web/dist-dir';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import { type Database, pingDatabase } from './db/client.ts';
import { RateLimitCounterRepository } from './db/repositories/rate-limits.ts';
import { installAuthentication } from './http/authentication.ts';
import { clientErrorReply, frameworkErrorReply, installErrorEnvelope, sendError } from './http/error-envelope.ts';
import { installInputRules } from './http/input-rules.ts';
import { OneLineRequestLogController } from './http/log-controller.ts';
import { openApiOptions } from './http/openapi.ts';
import { webAppRoutes } from './http/web-app.ts';
import { serializeError } from './http/log-serializers.ts';
import { installRequestMetrics } from './http/request-metrics.ts';
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore, rateLimitExceeded, rateLimitHeaders, ReservingRateLimitStore } from './http/rate-limit.ts';
import { adminAuditRoutes, auditLogRoutes } from './routes/audit.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { agentActivityRoutes } from './routes/agent-activities.ts';
import { authRoutes } from './routes/auth.ts';
import { ssoRoutes } from './routes/sso.ts';
import { codeAnalysisRoutes } from './routes/code-analysis.ts';
import { fileRoutes } from './routes/files.ts';
import { multisigRoutes } from './routes/multisig.ts';
import { governanceSettingRoutes } from './routes/governance-settings.ts';
import { threeVersionRoutes } from './routes/three-version.ts';
import { healthRoutes } from './routes/health.ts';
import { llmConfigRoutes } from './routes/llm-configs.ts';
import { pluginRoutes } from './routes/plugins.ts';
import { projectRoutes } from './routes/projects.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { postgresSocketAdapter } from './realtime/postgres-adapter.ts';
import { attachSocketGateway } from './realtime/socket-gateway.ts';
import { templateRoutes } from './routes/templates.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { createServices, type Services } from './services/container.ts';
import type { QuotaAlertSink } from './services/quotas.ts';
import type { ProfileEvaluator } from './governance/profile-evaluator.ts';
import { VERSION } from './version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  rateLimitStore?: RateLimitStore;
  /** Set false in tests that do not want request logs. */
  logger?: boolean;
  /** Replaces the measurement of review profiles on the analyzer's blind corpus. */
  profileEvaluator?: ProfileEvaluator;
  /** Where crossed quota thresholds go; by default alerts about the organisation. */
  quotaAlerts?: QuotaAlertSink;
  /** Returns a number in [0, 1) per analysis; below `SHADOW_SHARE` the request is shadowed. */
  shadowSampler?: () => number;
  /** The built web app served at `/`; the web package's build by default. */
  webDistDir?: string;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: { paths: LOG_REDACTIONS, censor: '[redacted]' }, serializers: { err: serializeError } },
    requestIdHeader: false,
    logController: new OneLineRequestLogController(),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : `req-${randomUUID()}`;
    },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorReply,
    clientErrorHandler: clientErrorReply,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every endpoint speaks JSON, forms or multipart; plain text is refused with 415 instead of failing validation.
  app.removeContentTypeParser('text/plain');
  installErrorEnvelope(app);
  installInputRules(app);

  const services = createServices(config, database, {
    profileEvaluator: options.profileEvaluator,
    quotaAlerts: options.quotaAlerts,
    shadowSampler: options.shadowSampler,
    onBackgroundError: (error, context) =>
      app.log.error({ err: error, project_id: context?.projectId }, context ? 'workflow background work failed' : 'background check failed'),
    pluginLog: { warn: (details, message) => app.log.warn(details, message) },
    cacheLog: { warn: (details, message) => app.log.warn(details, message) },
  });
  app.decorate('services', services);
  for (const broken of await services.plugins.syncCatalog(config.plugins.catalogDirs)) {
    app.log.warn({ plugin: broken.slug, version: broken.version }, `plugin version cannot be installed: ${broken.problem}`);
  }
  app.addHook('onReady', async () => {
    await services.caches.start();
    await services.auditChain.sealLegacyEntries();
    await services.auditAnchors?.checkpoint(await services.auditChain.head());
    services.auditAnchors?.start(() => services.auditChain.head());
    services.productionMonitor.start();
    services.alertSchedule.start();
    services.requestLog.start();
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installRequestMetrics(app, services);
  installAuthentication(app, services.auth);

  // On PostgreSQL the counters are shared, so a limit holds across every API process.
  const rateLimitStore = options.rateLimitStore ?? (database.kind === 'postgres' ? new ReservingRateLimitStore(new RateLimitCounterRepository(database.db)) : new MemoryRateLimitStore());
  const limiter = config.rateLimit.enabled ? new RateLimiter(config.rateLimit, rateLimitStore) : undefined;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') || path === '/api/health' || path === '/api/ready') return;
    // An active organisation's tier sets its members' per-minute limit; its api_calls quota counts their calls.
    const membership = request.principal ? await services.organizations.membershipOf(request.principal.userId) : undefined;
    if (limiter) {
      const decision = await limiter.check({
        path,
        ip: request.ip,
        userId: request.principal?.userId ?? null,
        tier: membership?.isActive ? membership.tier : config.rateLimit.defaultTier,
      });
      reply.headers(rateLimitHeaders(decision));
      if (decision.exceeded) return sendError(request, reply, rateLimitExceeded(decision));
    }
    if (membership) await services.quotas.countApiCall(membership);
  });

  // One file part and a few short fields; the file size limit is the upload limit (413 FILE_001).
  await app.register(multipart, { limits: { fileSize: config.upload.maxBytes, files: 2, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 } });
  await app.register(swagger, openApiOptions(VERSION));
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes({
    version: VERSION,
    database: database.kind,
    ping: () => pingDatabase(database.db),
    // On the embedded database invalidations are direct calls: nothing to check.
    readinessChecks: {
      ...(database.kind === 'postgres' ? { cache_invalidation: () => services.caches.check() } : {}),
      ...(services.workflowDispatch ? { job_queue: () => services.workflowDispatch!.check() } : {}),
    },
  }));
  await app.register(authRoutes);
  await app.register(ssoRoutes({ publicUrl: config.publicUrl }));
  await app.register(llmConfigRoutes);
  await app.register(projectRoutes);
  await app.register(fileRoutes);
  await app.register(templateRoutes);
  await app.register(agentActivityRoutes);
  await app.register(codeAnalysisRoutes);
  await app.register(adminAuditRoutes);
  await app.register(auditLogRoutes);
  await app.register(adminUserRoutes);
  await app.register(multisigRoutes);
  await app.register(governanceSettingRoutes);
  await app.register(threeVersionRoutes);
  await app.register(workflowRoutes);
  await app.register(organizationRoutes);
  await app.register(monitoringRoutes({ metricsToken: config.monitoring.metricsToken }));
  await app.register(pluginRoutes);
  await app.register(webAppRoutes(options.webDistDir ?? WEB_DIST_DIR));

  const cluster = config.socketAdapter === 'postgres' && database.url ? postgresSocketAdapter(database.url, app.log) : undefined;
  const io = attachSocketGateway(app, cluster);
  services.liveConnections.countSocketsWith(() => io.of('/').sockets.size);
  // One hook, so the order is explicit: fastify runs onClose hooks last-registered first. The database closes after it.
  app.addHook('onClose', async () => {
    services.productionMonitor.stop();
    services.alertSchedule.stop();
    // Running workflows end `interrupted` (resumed by the next start).
    await services.workflows.close();
    await services.profileTraffic.idle();
    // Last, so the requests and model calls of those final moments are stored too.
    await services.requestLog.stop();
    services.auditAnchors?.stop();
    await services.auditAnchors?.checkpoint(await services.auditChain.head());
    await services.caches.close();
  });

  return app;
}
