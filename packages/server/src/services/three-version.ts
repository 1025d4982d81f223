import type { Db } from '../db/client.ts';
import type { MultisigRequestRow } from '../db/repositories/multisig.ts';
import { type ProfileStage, type ReviewProfileRow, type ServedMetrics, ThreeVersionRepository } from '../db/repositories/three-version.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { prefixedId } from '../governance/ids.ts';
import type { ProfileEvaluation, ProfileEvaluator, ReviewProfileConfig } from '../governance/profile-evaluator.ts';
import type { MultisigService } from './multisig.ts';
import { assertAdmin, type Principal } from './principal.ts';

/** Measured thresholds an experiment must meet to be promoted, and the SLOs the monitor holds production to. */
export interface PromotionCriteria {
  minAccuracy: number;
  maxErrorRate: number;
  maxLatencyP95Ms: number;
  minEvaluatedSamples: number;
  /** Shadow runs needed before error rate and latency count as measured. */
  minShadowRequests: number;
  /** Production requests in the monitor's window needed before a breach counts. */
  minMonitorRequests: number;
}

export const DEFAULT_PROMOTION_CRITERIA: PromotionCriteria = {
  minAccuracy: 0.85,
  maxErrorRate: 0.02,
  maxLatencyP95Ms: 3000,
  minEvaluatedSamples: 50,
  minShadowRequests: 10,
  minMonitorRequests: 20,
};

const DAY_MS = 24 * 3600_000;
const MONITOR_WINDOW_MS = 3600_000;

export interface ExperimentView {
  experiment_id: string;
  name: string;
  config: Record<string, unknown>;
  status: ProfileStage;
  created_by: number | null;
  created_at: string;
  quarantine_id: string | null;
  reevaluated_from: string | null;
  evaluation: { accuracy: number; precision: number; recall: number; samples: number; evaluated_at: string } | null;
  shadow_24h: { requests: number; agreement_rate: number | null; error_rate: number | null; latency_p95_ms: number | null };
  /** Why accuracy could not be measured on this call, when it could not. */
  evaluation_error?: string;
}

interface FailedCriterion { criterion: string; required: string; measured: number | null }

const unavailable = (message: string) => new AppError(503, message, { errorCode: 'EVALUATION_UNAVAILABLE', code: 'SERVICE_UNAVAILABLE' });

function checkEvaluation(evaluation: ProfileEvaluation): ProfileEvaluation {
  const ratio = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
  if (!ratio(evaluation.f1) || !ratio(evaluation.precision) || !ratio(evaluation.recall) || !Number.isInteger(evaluation.samples) || evaluation.samples < 0) {
    throw new Error('The profile evaluator returned an impossible result');
  }
  return evaluation;
}

/** Three-version control of review profiles: v1 experiments, v2 production, v3 quarantine. */
export class ThreeVersionService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditChain,
    private readonly multisig: MultisigService,
    private readonly evaluator: ProfileEvaluator | undefined,
    /** The thresholds in force (approved `config_change` settings over the defaults). */
    private readonly criteria: () => Promise<PromotionCriteria> = async () => DEFAULT_PROMOTION_CRITERIA,
    private readonly monitorRunning: () => boolean = () => false,
  ) {
    multisig.registerExecutor('version_promotion', (request, tx) => this.executePromotion(request, tx));
    multisig.registerExecutor('version_demotion', (request, tx) => this.executeDemotion(request, tx));
  }

  async createExperiment(principal: Principal, name: string, config: ReviewProfileConfig): Promise<ExperimentView> {
    assertAdmin(principal);
    const profile = await this.db.transaction(async (tx) => {
      const created = await new ThreeVersionRepository(tx).createProfile({ id: prefixedId('exp'), name, config: { ...config }, createdBy: principal.userId, reevaluatedFrom: null });
      await this.audit.append({ ...auditActor(principal), entity: 'experiment', action: 'create', resourceId: created.id, payload: { name, config: { ...config } } }, tx);
      return created;
    });
    return this.evaluateQuietly(principal, profile);
  }

  async listExperiments(stage?: ProfileStage): Promise<ExperimentView[]> {
    const repository = new ThreeVersionRepository(this.db);
    const rows = stage ? await repository.listByStage(stage) : (await Promise.all((['experimenting', 'production', 'archived', 'quarantined'] as const).map((s) => repository.listByStage(s)))).flat();
    return Promise.all(rows.map((row) => this.toView(row)));
  }

  /** Measures accuracy on the labelled set now; 503 when no evaluator is configured or it fails. */
  async evaluate(principal: Principal, experimentId: string): Promise<ExperimentView> {
    assertAdmin(principal);
    const profile = await new ThreeVersionRepository(this.db).findProfile(experimentId);
    if (!profile) throw notFound('Experiment not found');
    return this.toView(await this.runEvaluation(principal, profile));
  }

  async status() {
    const repository = new ThreeVersionRepository(this.db);
    const now = new Date();
    const [experiments, production, quarantine, pendingPromotions] = await Promise.all([
      repository.listByStage('experimenting'),
      repository.findProduction(),
      repository.countQuarantined(),
      repository.countOpenPromotions(now),
    ]);
    const measured = experiments.filter((e) => e.accuracy !== null);
    const served = production ? await repository.servedMetrics(production.id, 'production', new Date(now.getTime() - DAY_MS)) : undefined;
    const running = this.monitorRunning();
    return {
      cycle_running: running,
      current_phase: running ? ('monitoring' as const) : ('idle' as const),
      v1: {
        status: 'experimenting' as const,
        active_experiments: experiments.length,
        avg_accuracy: measured.length > 0 ? measured.reduce((sum, e) => sum + e.accuracy!, 0) / measured.length : null,
        pending_promotion: pendingPromotions,
      },
      v2: {
        status: production ? ('production' as const) : ('empty' as const),
        version_id: production?.id ?? null,
        requests_24h: served?.requests ?? 0,
        accuracy: production?.accuracy ?? null,
        error_rate: served?.errorRate ?? null,
        latency_p95_ms: served?.latencyP95Ms ?? null,
      },
      v3: { status: 'quarantine' as const, archived_count: quarantine.total, pending_reevaluation: quarantine.awaitingReevaluation },
    };
  }

  /** Checks the measured metrics and opens a `version_promotion` approval request; 422 names every failing criterion. */
  async promote(principal: Principal, experimentId: string, reason: string, claimed: Record<string, unknown> | undefined) {
    assertAdmin(principal);
    const repository = new ThreeVersionRepository(this.db);
    const experiment = await repository.findProfile(experimentId);
    if (!experiment) throw notFound('Experiment not found');
    if (experiment.stage !== 'experimenting') throw conflict(`Only experiments can be promoted; ${experimentId} is ${experiment.stage}`);
    if ((await repository.countOpenPromotions(new Date(), experimentId)) > 0) throw conflict('A promotion of this experiment is already awaiting approval');
    const shadow = await repository.servedMetrics(experimentId, 'shadow', new Date(Date.now() - DAY_MS));
    const failures = this.failedCriteria(experiment, shadow, await this.criteria());
    if (failures.length > 0) {
      const message = `Promotion criteria not met: ${failures.map((f) => `${f.criterion} ${f.measured ?? 'not measured'} (required ${f.required})`).join('; ')}`;
      throw new AppError(422, message, {
        code: 'PROMOTION_CRITERIA_NOT_MET',
        errorCode: 'PROMOTION_CRITERIA_NOT_MET',
        validation: failures.map((f) => ({ loc: ['metrics', f.criterion], msg: `${f.measured ?? 'not measured'}; required ${f.required}`, type: 'promotion_criteria' })),
      });
    }
    const previous = await repository.findProduction();
    const measured = { accuracy: experiment.accuracy, evaluated_samples: experiment.evaluatedSamples, error_rate: shadow.errorRate, latency_p95_ms: shadow.latencyP95Ms, shadow_requests: shadow.requests };
    const promotionId = prefixedId('promo');
    const request = await this.db.transaction(async (tx) => {
      const opened = await this.multisig.open(principal, 'version_promotion', { promotion_id: promotionId, experiment_id: experimentId, previous_version_id: previous?.id ?? null, reason, measured }, tx);
      await new ThreeVersionRepository(tx).createPromotion({
        id: promotionId, experimentId, previousVersionId: previous?.id ?? null, requestId: opened.id, reason, measured, claimed: claimed ?? null, requestedBy: principal.userId,
      });
      return opened;
    });
    return {
      success: true as const,
      status: 'pending_approval' as const,
      promotion_id: promotionId,
      request_id: request.id,
      previous_version: previous?.id ?? null,
      new_version: experimentId,
      promoted_at: null,
      measured,
    };
  }

  /** Opens a `version_demotion` request: production goes to quarantine and the last archived profile returns. */
  async demote(principal: Principal, versionId: string, reason: string, evidence: Record<string, unknown>) {
    assertAdmin(principal);
    const repository = new ThreeVersionRepository(this.db);
    const production = await repository.findProduction();
    if (!production) throw conflict('Nothing is in production to demote');
    if (versionId !== production.id && versionId !== 'v2') throw notFound(`${versionId} is not the production version`);
    if ((await repository.countOpenRequests('version_demotion', production.id, new Date())) > 0) throw conflict('A demotion of this version is already awaiting approval');
    const request = await this.openDemotion(principal, production.id, reason, evidence);
    return { success: true as const, status: 'pending_approval' as const, request_id: request.id, version_id: production.id, restore_version: (request.payload.restore_version_id as string | null) };
  }

  private async openDemotion(principal: Principal | null, versionId: string, reason: string, evidence: Record<string, unknown>): Promise<MultisigRequestRow> {
    const restore = await new ThreeVersionRepository(this.db).lastArchived();
    return this.multisig.open(principal, 'version_demotion', { version_id: versionId, restore_version_id: restore?.id ?? null, reason, evidence });
  }

  /** Brings a quarantined profile back as a new v1 experiment with the given configuration changes. */
  async reevaluate(principal: Principal, quarantineId: string, newConfig: ReviewProfileConfig): Promise<ExperimentView> {
    assertAdmin(principal);
    const repository = new ThreeVersionRepository(this.db);
    const quarantined = await repository.findByQuarantineId(quarantineId);
    if (!quarantined || quarantined.stage !== 'quarantined') throw notFound('Quarantined version not found');
    if (quarantined.reevaluatedAs) throw conflict(`Already re-evaluated as ${quarantined.reevaluatedAs}`);
    const old = quarantined.config as ReviewProfileConfig;
    const config: ReviewProfileConfig = { ...old, ...newConfig, ...(old.rules || newConfig.rules ? { rules: { ...old.rules, ...newConfig.rules } } : {}) };
    const experiment = await this.db.transaction(async (tx) => {
      const txRepository = new ThreeVersionRepository(tx);
      const created = await txRepository.createProfile({ id: prefixedId('exp'), name: `${quarantined.name} (re-evaluation)`, config: { ...config }, createdBy: principal.userId, reevaluatedFrom: quarantined.id });
      await txRepository.update(quarantined.id, { reevaluatedAs: created.id });
      await this.audit.append({ ...auditActor(principal), entity: 'experiment', action: 'reevaluate', resourceId: created.id, payload: { quarantine_id: quarantineId, new_config: { ...newConfig } } }, tx);
      return created;
    });
    return this.evaluateQuietly(principal, experiment);
  }

  /** One monitor pass: opens a demotion request (by the system) when production breaches its SLOs. */
  async checkProduction(): Promise<MultisigRequestRow | undefined> {
    const repository = new ThreeVersionRepository(this.db);
    const production = await repository.findProduction();
    if (!production) return undefined;
    const served = await repository.servedMetrics(production.id, 'production', new Date(Date.now() - MONITOR_WINDOW_MS));
    const criteria = await this.criteria();
    if (served.requests < criteria.minMonitorRequests) return undefined;
    const breaches = [
      served.errorRate! > criteria.maxErrorRate ? `error rate ${served.errorRate!.toFixed(4)} > ${criteria.maxErrorRate}` : undefined,
      served.latencyP95Ms! > criteria.maxLatencyP95Ms ? `latency p95 ${served.latencyP95Ms} ms > ${criteria.maxLatencyP95Ms} ms` : undefined,
    ].filter((b): b is string => b !== undefined);
    if (breaches.length === 0 || (await repository.countOpenRequests('version_demotion', production.id, new Date())) > 0) return undefined;
    const evidence = { window_minutes: MONITOR_WINDOW_MS / 60_000, requests: served.requests, error_rate: served.errorRate, latency_p95_ms: served.latencyP95Ms };
    return this.openDemotion(null, production.id, `SLO breach: ${breaches.join('; ')}`, evidence);
  }

  /** The profile `/api/analyze/code` runs with; undefined means the analyzer's built-in defaults. */
  async productionProfile(): Promise<{ id: string; config: ReviewProfileConfig } | undefined> {
    const production = await new ThreeVersionRepository(this.db).findProduction();
    return production ? { id: production.id, config: production.config as ReviewProfileConfig } : undefined;
  }

  /** The v1 experiments shadow runs exercise. */
  async activeExperiments(): Promise<{ id: string; config: ReviewProfileConfig }[]> {
    return (await new ThreeVersionRepository(this.db).listByStage('experimenting')).map((row) => ({ id: row.id, config: row.config as ReviewProfileConfig }));
  }

  /** Records one analysis served by a profile, as production or as a shadow run of an experiment. */
  async recordRequest(profileId: string, role: 'production' | 'shadow', outcome: { latencyMs: number; failed: boolean; agreed?: boolean | null }): Promise<void> {
    await new ThreeVersionRepository(this.db).recordRequest({ profileId, role, latencyMs: Math.round(outcome.latencyMs), failed: outcome.failed, agreed: outcome.agreed ?? null });
  }

  private failedCriteria(experiment: ReviewProfileRow, shadow: ServedMetrics, c: PromotionCriteria): FailedCriterion[] {
    const failures: FailedCriterion[] = [];
    if (experiment.accuracy === null || experiment.accuracy < c.minAccuracy) failures.push({ criterion: 'accuracy', required: `>= ${c.minAccuracy}`, measured: experiment.accuracy });
    if ((experiment.evaluatedSamples ?? 0) < c.minEvaluatedSamples) failures.push({ criterion: 'evaluated_samples', required: `>= ${c.minEvaluatedSamples}`, measured: experiment.evaluatedSamples });
    if (shadow.requests < c.minShadowRequests) failures.push({ criterion: 'shadow_requests', required: `>= ${c.minShadowRequests}`, measured: shadow.requests });
    if (shadow.errorRate === null || shadow.errorRate > c.maxErrorRate) failures.push({ criterion: 'error_rate', required: `<= ${c.maxErrorRate}`, measured: shadow.errorRate });
    if (shadow.latencyP95Ms === null || shadow.latencyP95Ms > c.maxLatencyP95Ms) failures.push({ criterion: 'latency_p95_ms', required: `<= ${c.maxLatencyP95Ms}`, measured: shadow.latencyP95Ms });
    return failures;
  }

  private async runEvaluation(principal: Principal, profile: ReviewProfileRow): Promise<ReviewProfileRow> {
    if (!this.evaluator) throw unavailable('Accuracy cannot be measured: no profile evaluator is configured on this server');
    let evaluation: ProfileEvaluation;
    try {
      evaluation = checkEvaluation(await this.evaluator.evaluate(profile.config as ReviewProfileConfig, { principal }));
    } catch (error) {
      throw unavailable(`Evaluation failed: ${(error as Error).message}`);
    }
    return this.db.transaction(async (tx) => {
      const updated = await new ThreeVersionRepository(tx).update(profile.id, {
        accuracy: evaluation.f1, precision: evaluation.precision, recall: evaluation.recall, evaluatedSamples: evaluation.samples, evaluatedAt: new Date(),
      });
      await this.audit.append({ ...auditActor(principal), entity: 'experiment', action: 'evaluate', resourceId: profile.id, payload: { ...evaluation } }, tx);
      return updated;
    });
  }

  // Creation succeeds without a measurement; the view then says why accuracy is missing.
  private async evaluateQuietly(principal: Principal, profile: ReviewProfileRow): Promise<ExperimentView> {
    try {
      return await this.toView(await this.runEvaluation(principal, profile));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ...(await this.toView(profile)), evaluation_error: error.message };
    }
  }

  private async executePromotion(request: MultisigRequestRow, tx: Db): Promise<Record<string, unknown>> {
    const repository = new ThreeVersionRepository(tx);
    const promotionId = String(request.payload.promotion_id);
    const promotion = await repository.findPromotion(promotionId);
    if (!promotion) throw conflict('The promotion record is missing');
    const experiment = await repository.findProfile(promotion.experimentId);
    if (experiment?.stage !== 'experimenting') throw conflict(`${promotion.experimentId} is no longer an experiment`);
    const current = await repository.findProduction();
    if ((current?.id ?? null) !== promotion.previousVersionId) throw conflict('Production changed since the promotion was requested');
    if (current) await repository.moveTo(current.id, 'archived');
    await repository.moveTo(experiment.id, 'production');
    const promotedAt = new Date();
    await repository.markPromoted(promotion.id, promotedAt);
    await this.audit.append({
      actorId: null, entity: 'version', action: 'promote', resourceId: experiment.id,
      payload: { from: 'v1', to: 'v2', promotion_id: promotion.id, request_id: request.id, previous_version: current?.id ?? null },
    }, tx);
    return { promotion_id: promotion.id, previous_version: current?.id ?? null, new_version: experiment.id, promoted_at: promotedAt.toISOString() };
  }

  private async executeDemotion(request: MultisigRequestRow, tx: Db): Promise<Record<string, unknown>> {
    const repository = new ThreeVersionRepository(tx);
    const versionId = String(request.payload.version_id);
    const restoreId = request.payload.restore_version_id === null ? null : String(request.payload.restore_version_id);
    const current = await repository.findProduction();
    if (current?.id !== versionId) throw conflict(`${versionId} is no longer in production`);
    const restore = restoreId ? await repository.findProfile(restoreId) : undefined;
    if (restoreId && restore?.stage !== 'archived') throw conflict(`${restoreId} can no longer be restored`);
    const quarantineId = prefixedId('q');
    await repository.moveTo(versionId, 'quarantined', { quarantineId });
    if (restore) await repository.moveTo(restore.id, 'production');
    await this.audit.append({
      actorId: null, entity: 'version', action: 'demote', resourceId: versionId,
      payload: { from: 'v2', to: 'v3', quarantine_id: quarantineId, restored_version: restore?.id ?? null, request_id: request.id, reason: request.payload.reason ?? null },
    }, tx);
    return { version_id: versionId, quarantine_id: quarantineId, restored_version: restore?.id ?? null };
  }

  private async toView(profile: ReviewProfileRow): Promise<ExperimentView> {
    const shadow = await new ThreeVersionRepository(this.db).servedMetrics(profile.id, 'shadow', new Date(Date.now() - DAY_MS));
    return {
      experiment_id: profile.id,
      name: profile.name,
      config: profile.config,
      status: profile.stage,
      created_by: profile.createdBy,
      created_at: profile.createdAt.toISOString(),
      quarantine_id: profile.quarantineId,
      reevaluated_from: profile.reevaluatedFrom,
      evaluation: profile.accuracy === null
        ? null
        : { accuracy: profile.accuracy, precision: profile.precision!, recall: profile.recall!, samples: profile.evaluatedSamples!, evaluated_at: profile.evaluatedAt!.toISOString() },
      shadow_24h: { requests: shadow.requests, agreement_rate: shadow.agreementRate, error_rate: shadow.errorRate, latency_p95_ms: shadow.latencyP95Ms },
    };
  }
}
