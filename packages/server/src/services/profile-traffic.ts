import { analyze, type Category, type Issue, type Locale } from '@resoftai/analyzer';
import type { ReviewProfileConfig } from '../governance/profile-evaluator.ts';
import { ruleSelectionOf } from './review-profiles.ts';

/** What serving analyses needs of three-version control. */
export interface ProfileRegistry {
  productionProfile(): Promise<{ id: string; config: ReviewProfileConfig } | undefined>;
  activeExperiments(): Promise<{ id: string; config: ReviewProfileConfig }[]>;
  recordRequest(profileId: string, role: 'production' | 'shadow', outcome: { latencyMs: number; failed: boolean; agreed?: boolean | null }): Promise<void>;
}

/** One served analysis, as a shadow run repeats it. */
export interface ShadowInput {
  code: string;
  language: string;
  filePath: string | undefined;
  categories: Category[];
  locale: Locale;
}

/** Work a request starts but its response does not wait for; closing the server waits for it. */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(task: () => Promise<unknown>): void {
    const promise: Promise<void> = Promise.resolve()
      .then(task)
      .then(() => undefined, this.onError)
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  /** Resolves once nothing is running, including work started meanwhile. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

/** Shadow runs agree when they report the same findings: rule, position and severity. */
function findingsKey(issues: readonly Issue[]): string {
  return issues.map((issue) => `${issue.rule_id}:${issue.line}:${issue.column}:${issue.severity}`).sort().join('|');
}

/**
 * Records what the production profile served and, for a `shadowShare` of requests, runs every v1 experiment on
 * the same input in the background: its latency, failure and agreement with production are recorded per profile.
 */
export class ProfileTraffic {
  constructor(
    private readonly registry: ProfileRegistry,
    private readonly background: BackgroundWork,
    private readonly shadowShare: number,
    private readonly timeoutMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  recordProduction(profileId: string, latencyMs: number, failed: boolean): void {
    this.background.run(() => this.registry.recordRequest(profileId, 'production', { latencyMs, failed }));
  }

  /** Starts the shadow runs of this request when it is sampled; never delays the caller. */
  shadow(input: ShadowInput, productionIssues: readonly Issue[]): void {
    if (this.shadowShare <= 0 || this.random() >= this.shadowShare) return;
    const expected = findingsKey(productionIssues);
    this.background.run(async () => {
      for (const experiment of await this.registry.activeExperiments()) {
        const started = performance.now();
        let agreed: boolean | null = null;
        try {
          const result = await analyze({ ...input, rules: ruleSelectionOf(experiment.config), timeoutMs: this.timeoutMs });
          agreed = findingsKey(result.issues) === expected;
        } catch {
          // A run that throws or times out is exactly what the experiment's error rate measures.
        }
        await this.registry.recordRequest(experiment.id, 'shadow', { latencyMs: performance.now() - started, failed: agreed === null, agreed });
      }
    });
  }

  /** Waits for recording and shadow runs in flight (shutdown and tests). */
  idle(): Promise<void> {
    return this.background.idle();
  }
}
