// The CodeRev calls of this area, made as packages/sdk/src/coderev-client.ts makes them.
import type { Schemas } from '@resoftai/sdk';
import { api } from '../../api/client.ts';

export type Analysis = Schemas['Analysis'];
export type AnalysisIssue = Schemas['AnalysisIssue'];
export type AnalysisListItem = Schemas['AnalysisListItem'];
export type FixResult = Schemas['FixResult'];
export type ProjectQuality = Schemas['ProjectCodeQuality'];
export type ProjectQualityHistoryItem = Schemas['ProjectCodeQualityHistoryItem'];

export const RULES = ['security', 'quality', 'performance'] as const;
export type Rule = (typeof RULES)[number] | 'ai';

/** Critical first; severities the server might add later go last. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export interface AnalysisRequest {
  code: string;
  language?: string;
  filePath?: string;
  rules: Rule[];
}

export interface AnalysisFilter {
  language?: string;
  createdFrom?: string;
  createdTo?: string;
  skip: number;
  limit: number;
}

// The transport throws ApiError for every failed call, so a returned body is there.
const bodyOf = async <T>(call: Promise<{ data?: T }>): Promise<T> => (await call).data as T;
const totalOf = (response: Response, items: unknown[]) => Number(response.headers.get('x-total-count') ?? items.length);

export const review = {
  /** Messages of the analysis in the page's language (`accept-language`). */
  analyze: ({ code, language, filePath, rules }: AnalysisRequest, locale: string) => bodyOf(api.http.POST('/api/analyze/code', {
    body: { code, language, rules, context: filePath ? { file_path: filePath } : undefined },
    params: { header: { 'accept-language': locale } },
  })),
  results: (analysisId: string) => bodyOf(api.http.GET('/api/analyze/{analysis_id}/results', { params: { path: { analysis_id: analysisId } } })),
  applyFix: (analysisId: string, issueId: string) => bodyOf(api.http.POST('/api/fixes/apply', { body: { analysis_id: analysisId, issue_id: issueId, fix_type: 'suggested' } })),
  async history({ language, createdFrom, createdTo, skip, limit }: AnalysisFilter) {
    const { data, response } = await api.http.GET('/api/analyze', {
      params: { query: { language, created_from: createdFrom, created_to: createdTo, skip, limit } },
    });
    const items = data ?? [];
    return { items, total: totalOf(response, items) };
  },
  analyzeProject: (projectId: number, locale: string) => bodyOf(api.http.POST('/api/code-analysis/project/{project_id}', {
    params: { path: { project_id: projectId }, header: { 'accept-language': locale } },
  })),
  async projectHistory(projectId: number, limit: number) {
    const { data, response } = await api.http.GET('/api/code-analysis/project/{project_id}/history', {
      params: { path: { project_id: projectId }, query: { limit } },
    });
    const items = data ?? [];
    return { items, total: totalOf(response, items) };
  },
};
