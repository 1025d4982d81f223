/** What a review profile configures: analyzer rules and the optional AI review. */
export interface ReviewProfileConfig {
  rules?: { enabled?: string[]; disabled?: string[]; severity_overrides?: Record<string, string> };
  ai_review?: boolean;
  provider?: string;
  model?: string;
  temperature?: number;
  max_tokens?: number;
  prompt?: string;
}

/** A profile's accuracy on the labelled evaluation set: F1 over expected findings. */
export interface ProfileEvaluation {
  f1: number;
  precision: number;
  recall: number;
  /** How many labelled code samples were evaluated. */
  samples: number;
}

/**
 * Measures a profile against the labelled code samples shipped with the analyzer. The server takes one
 * at construction (`BuildAppOptions.profileEvaluator`); without one, accuracy is reported as unmeasured.
 */
export interface ProfileEvaluator {
  evaluate(config: ReviewProfileConfig): Promise<ProfileEvaluation>;
}
