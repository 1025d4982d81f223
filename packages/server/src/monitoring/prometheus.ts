import type { UsageRecord } from '@resoftai/llm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueDepth {
  running: number;
  queued: number;
}

export interface ObservedRequest {
  method: string;
  route: string | null;
  statusCode: number;
  durationMs: number;
}

/** This process's Prometheus metrics (one registry per app, so several apps in one process stay apart). */
export class PrometheusMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'resoftai_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly workflowEvents = new Counter({
    name: 'resoftai_workflow_events_total',
    help: 'Workflows started, completed and failed in this process',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly llmCalls = new Counter({
    name: 'resoftai_llm_calls_total',
    help: 'Model calls by provider, outcome and whether the response cache answered',
    labelNames: ['provider', 'status', 'cached'] as const,
    registers: [this.registry],
  });
  private readonly llmTokens = new Counter({
    name: 'resoftai_llm_tokens_total',
    help: 'Tokens of model calls by provider and kind',
    labelNames: ['provider', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly llmCost = new Counter({
    name: 'resoftai_llm_cost_usd_total',
    help: 'Cost of model calls in USD by provider',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  constructor(queueDepth: () => QueueDepth) {
    new Gauge({
      name: 'resoftai_workflow_queue_depth',
      help: 'Workflows of this process running and waiting for a slot',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const depth = queueDepth();
        this.set({ state: 'running' }, depth.running);
        this.set({ state: 'queued' }, depth.queued);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'resoftai_' });
  }

  observeRequest(request: ObservedRequest): void {
    this.requestDuration.observe(
      { method: request.method, route: request.route ?? 'unmatched', status_code: String(request.statusCode) },
      request.durationMs / 1000,
    );
  }

  observeWorkflowEvent(event: string): void {
    if (event === 'workflow_started' || event === 'workflow_completed' || event === 'workflow_failed') this.workflowEvents.inc({ event: event.slice('workflow_'.length) });
  }

  observeLlmCall(call: UsageRecord): void {
    this.llmCalls.inc({ provider: call.provider, status: call.status, cached: String(call.cached) });
    this.llmTokens.inc({ provider: call.provider, kind: 'prompt' }, call.promptTokens);
    this.llmTokens.inc({ provider: call.provider, kind: 'completion' }, call.completionTokens);
    this.llmCost.inc({ provider: call.provider }, call.costUsd);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
