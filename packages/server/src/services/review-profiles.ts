import { analyze, type EvaluationCounts, loadBlindCorpus, mergeFindings, type RuleSelection, scoreSample, type Severity, summariseEvaluation } from '@resoftai/analyzer';
import type { LlmClient } from '@resoftai/llm';
import { AppError } from '../errors.ts';
import type { ProfileEvaluation, ProfileEvaluator, ReviewProfileConfig } from '../governance/profile-evaluator.ts';
import { type AiReviewSettings, reviewWithLlm } from './ai-review.ts';
import type { LlmClientFactory } from './llm-clients.ts';
import type { Principal } from './principal.ts';

// Samples analysed at once: the static rules are quick, AI reviews wait on the provider.
const EVALUATION_CONCURRENCY = 4;

/** The analyzer's rule settings of a review profile. */
export function ruleSelectionOf(config: ReviewProfileConfig): RuleSelection {
  const rules = config.rules ?? {};
  return {
    ...(rules.enabled ? { enabled: rules.enabled } : {}),
    ...(rules.disabled ? { disabled: rules.disabled } : {}),
    ...(rules.severity_overrides ? { severityOverrides: rules.severity_overrides as Record<string, Severity> } : {}),
  };
}

/**
 * The AI review settings of a profile for the caller's LLM client. The client is the caller's own default config,
 * so a profile naming another provider or model is refused rather than silently run on a different model.
 */
export function aiSettingsOf(config: ReviewProfileConfig, client: LlmClient): AiReviewSettings {
  const wanted = [config.provider && config.provider !== client.provider ? `provider ${config.provider}` : null, config.model && config.model !== client.model ? `model ${config.model}` : null]
    .filter((part): part is string => part !== null);
  if (wanted.length > 0) {
    throw new AppError(422, `The review profile runs the AI review on ${wanted.join(' and ')}; your default LLM config uses ${client.provider} ${client.model}`, { errorCode: 'LLM_002' });
  }
  return { temperature: config.temperature, maxTokens: config.max_tokens, prompt: config.prompt };
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Measures a profile on the analyzer's blind corpus (realistic snippets labelled without reading the rules): its rule selection over every sample, plus,
 * when the profile has the AI review on, one review per sample with the requester's default LLM config
 * (the sample's label markers blanked). Micro-averaged precision, recall and F1 over the labels.
 */
export class AnalyzerProfileEvaluator implements ProfileEvaluator {
  constructor(
    private readonly llmClients: LlmClientFactory,
    private readonly timeoutMs: number,
  ) {}

  async evaluate(config: ReviewProfileConfig, { principal }: { principal: Principal }): Promise<ProfileEvaluation> {
    const llm = config.ai_review ? await this.llmClients.forConfig(principal, 'default') : null;
    const settings = llm ? aiSettingsOf(config, llm) : undefined;
    const rules = ruleSelectionOf(config);
    const counts = await mapConcurrently(loadBlindCorpus(), EVALUATION_CONCURRENCY, async (sample): Promise<EvaluationCounts> => {
      const result = await analyze({ code: sample.code, filePath: sample.filePath, rules, timeoutMs: this.timeoutMs });
      if (!llm) return scoreSample(sample, result.issues);
      const aiIssues = await reviewWithLlm(llm, {
        code: sample.unlabelledCode, language: result.language, filePath: null, locale: 'en', userId: principal.userId, signal: AbortSignal.timeout(this.timeoutMs),
      }, this.timeoutMs, settings);
      return scoreSample(sample, mergeFindings(result.issues, aiIssues));
    });
    const score = summariseEvaluation(counts);
    return {
      f1: score.f1, precision: score.precision, recall: score.recall, samples: score.samples,
      true_positives: score.true_positives, false_positives: score.false_positives, false_negatives: score.false_negatives,
    };
  }
}
