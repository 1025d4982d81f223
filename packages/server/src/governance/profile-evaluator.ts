import type { Principal } from '../services/principal.ts';

/** What a review profile configures: analyzer rules and the optional AI review. */
export interface ReviewProfileConfig {
  rules?: { enabled?: string[]; disabled?: string[]; severity_overrides?: Partial<Record<string, string>> };
  ai_review?: boolean;
  provider?: string;
  model?: string;
  temperature?: number;
  max_tokens?: number;
  prompt?: string;
}

/** A profile's accuracy on the analyzer's blind corpus: F1 over expected findings. */
export interface ProfileEvaluation {
  f1: number;
  precision: number;
  recall: number;
  /** How many labelled code samples were evaluated. */
  samples: number;
  /** The counts behind the ratios, when the evaluator reports them. */
  true_positives?: number;
  false_positives?: number;
  false_negatives?: number;
}

/**
 * Measures a profile against the labelled code samples shipped with the analyzer. The server uses
 * `AnalyzerProfileEvaluator` unless `BuildAppOptions.profileEvaluator` replaces it. A profile with the AI review
 * is measured with the requesting administrator's default LLM config.
 */
export interface ProfileEvaluator {
  evaluate(config: ReviewProfileConfig, context: { principal: Principal }): Promise<ProfileEvaluation>;
}
