import type { ReportedAnalysis } from '../types.ts';
import { summarise } from './summary.ts';

export function formatJson(results: readonly ReportedAnalysis[]): string {
  return `${JSON.stringify({ summary: summarise(results), files: results }, null, 2)}\n`;
}
