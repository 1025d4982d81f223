import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services/container.ts';

/** Counts requests in progress, and records each answered one (request log, Prometheus histogram). */
export function installRequestMetrics(app: FastifyInstance, services: Pick<Services, 'liveConnections' | 'requestLog' | 'prometheus'>): void {
  const { liveConnections, requestLog, prometheus } = services;
  const inProgress = new WeakSet<FastifyRequest>();
  const ended = (request: FastifyRequest) => {
    if (inProgress.delete(request)) liveConnections.requestEnded();
  };
  app.addHook('onRequest', async (request) => {
    inProgress.add(request);
    liveConnections.requestStarted();
  });
  app.addHook('onRequestAbort', async (request) => ended(request));
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    ended(request);
    const durationMs = reply.elapsedTime;
    const observed = { method: request.method, route: request.routeOptions.url ?? null, statusCode: reply.statusCode, durationMs };
    prometheus.observeRequest(observed);
    requestLog.record({ ...observed, receivedAt: new Date(Date.now() - durationMs), userId: request.principal?.userId ?? null });
  });
}
