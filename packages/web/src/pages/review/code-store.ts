import type { AnalysisRequest } from './review-api.ts';

// The results reply does not carry the analysed code, so the tab keeps what it submitted, by analysis id.
const PREFIX = 'resoftai.review.';

/** What was sent for one analysis: enough to show the code again and to re-run it. */
export type Submission = AnalysisRequest;

export function rememberSubmission(analysisId: string, submission: Submission): void {
  try {
    sessionStorage.setItem(PREFIX + analysisId, JSON.stringify(submission));
  } catch {
    // Storage full or refused: the result page then says the code is not available.
  }
}

export function recallSubmission(analysisId: string): Submission | undefined {
  try {
    const stored = sessionStorage.getItem(PREFIX + analysisId);
    return stored ? (JSON.parse(stored) as Submission) : undefined;
  } catch {
    return undefined;
  }
}
