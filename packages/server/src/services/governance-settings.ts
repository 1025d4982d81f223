import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { MultisigRequestRow } from '../db/repositories/multisig.ts';
import { GovernanceSettingsRepository } from '../db/repositories/governance-settings.ts';
import { conflict, fieldError, notFound } from '../errors.ts';
import type { AuditChain } from '../governance/audit-chain.ts';
import type { MultisigService } from './multisig.ts';
import { assertAdmin, type Principal } from './principal.ts';
import { DEFAULT_PROMOTION_CRITERIA, type PromotionCriteria } from './three-version.ts';

interface SettingDefinition {
  criterion: keyof PromotionCriteria;
  description: string;
  schema: z.ZodType<number>;
}

const ratio = z.number().min(0).max(1);
const count = z.number().int().min(1).max(1_000_000);

/** The settings a `config_change` request can change: the thresholds promotion and the SLO monitor apply. */
const SETTINGS: Record<string, SettingDefinition> = {
  'promotion.min_accuracy': { criterion: 'minAccuracy', description: 'F1 on the analyzer blind corpus an experiment needs', schema: ratio },
  'promotion.max_error_rate': { criterion: 'maxErrorRate', description: 'Highest shadow (and production SLO) error rate', schema: ratio },
  'promotion.max_latency_p95_ms': { criterion: 'maxLatencyP95Ms', description: 'Highest shadow (and production SLO) latency p95 in ms', schema: z.number().int().min(1).max(600_000) },
  'promotion.min_evaluated_samples': { criterion: 'minEvaluatedSamples', description: 'Labelled samples an evaluation must cover', schema: count },
  'promotion.min_shadow_requests': { criterion: 'minShadowRequests', description: 'Shadow runs in 24 h before error rate and latency count', schema: count },
  'monitor.min_requests': { criterion: 'minMonitorRequests', description: 'Production requests in the last hour before the monitor judges an SLO breach', schema: count },
};

export interface SettingView {
  name: string;
  description: string;
  value: number;
  default: number;
  updated_at: string | null;
  request_id: string | null;
}

/** Governance thresholds, changed only through approved `config_change` requests. */
export class GovernanceSettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditChain,
    private readonly multisig: MultisigService,
  ) {
    multisig.registerExecutor('config_change', (request, tx) => this.apply(request, tx));
  }

  async list(principal: Principal): Promise<SettingView[]> {
    assertAdmin(principal);
    const stored = new Map((await new GovernanceSettingsRepository(this.db).list()).map((row) => [row.name, row]));
    return Object.entries(SETTINGS).map(([name, definition]) => {
      const row = stored.get(name);
      return {
        name,
        description: definition.description,
        value: row?.value ?? DEFAULT_PROMOTION_CRITERIA[definition.criterion],
        default: DEFAULT_PROMOTION_CRITERIA[definition.criterion],
        updated_at: row?.updatedAt.toISOString() ?? null,
        request_id: row?.requestId ?? null,
      };
    });
  }

  /** Opens a `config_change` approval request; the value is checked now and again when it is applied. */
  async requestChange(principal: Principal, name: string, value: number, reason: string) {
    assertAdmin(principal);
    const definition = SETTINGS[name];
    if (!definition) throw notFound(`Unknown setting ${name}; settings: ${Object.keys(SETTINGS).join(', ')}`);
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) throw fieldError(400, ['body', 'value'], `${name}: ${parsed.error.issues[0]!.message}`);
    const current = (await this.list(principal)).find((setting) => setting.name === name)!;
    if (current.value === parsed.data) throw conflict(`${name} is already ${parsed.data}`);
    const request = await this.multisig.open(principal, 'config_change', { setting: name, from: current.value, to: parsed.data, reason });
    return { success: true as const, status: 'pending_approval' as const, request_id: request.id, setting: name, from: current.value, to: parsed.data };
  }

  /** The promotion criteria in force: stored settings over the built-in defaults. */
  async promotionCriteria(): Promise<PromotionCriteria> {
    const criteria = { ...DEFAULT_PROMOTION_CRITERIA };
    for (const row of await new GovernanceSettingsRepository(this.db).list()) {
      const definition = SETTINGS[row.name];
      if (definition) criteria[definition.criterion] = row.value;
    }
    return criteria;
  }

  private async apply(request: MultisigRequestRow, tx: Db): Promise<Record<string, unknown>> {
    const name = String(request.payload.setting);
    const definition = SETTINGS[name];
    const parsed = definition?.schema.safeParse(request.payload.to);
    if (!definition || !parsed?.success) throw conflict(`The approved change of ${name} is no longer valid`);
    const repository = new GovernanceSettingsRepository(tx);
    const from = (await repository.find(name))?.value ?? DEFAULT_PROMOTION_CRITERIA[definition.criterion];
    await repository.upsert(name, parsed.data, request.id);
    await this.audit.append({ actorId: null, entity: 'setting', action: 'update', resourceId: name, payload: { from, to: parsed.data, request_id: request.id } }, tx);
    return { setting: name, from, to: parsed.data };
  }
}
