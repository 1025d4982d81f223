import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { localeOf } from '../http/locale.ts';
import { ANALYSIS_RULES, MAX_CODE_BYTES } from '../services/code-analysis.ts';
import { authenticated, errorResponses, idParam, isoTimestamp, pagingQuery, totalCountHeader } from './schemas.ts';

// Room for 1 MiB of code however JSON escapes it; the code's own size is checked by the service (413).
const ANALYSIS_BODY_LIMIT = 8 * MAX_CODE_BYTES;

const code = z.string().min(1, 'code must not be empty').meta({ description: 'Source code, at most 1 MiB (UTF-8); larger answers 413' });
const language = z.string().trim().min(1).max(50).meta({ description: 'python, javascript, typescript, tsx, java, go, rust, c, cpp, csharp, php (or an alias); else taken from the file extension' });
const filePath = z.string().trim().min(1).max(1024);
const severity = z.enum(['critical', 'high', 'medium', 'low']);
const category = z.enum(['security', 'quality', 'performance']);

const qualityReportSchema = z
  .object({
    score: z.number().int(),
    language: z.string(),
    issues: z.array(z.object({ severity, category, message: z.string(), line: z.number().int(), column: z.number().int(), rule_id: z.string() })),
    metrics: z.object({ lines_of_code: z.number().int(), complexity: z.number().int(), maintainability_index: z.number().int() }),
    suggestions: z.array(z.string()),
  })
  .meta({ id: 'CodeQualityReport' });

const severityCounts = z.object({ critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int() });

const projectQualitySchema = z
  .object({
    project_id: z.number().int(),
    overall_score: z.number().int(),
    total_files: z.number().int(),
    total_lines: z.number().int(),
    files: z.array(z.object({ file_path: z.string(), score: z.number().int(), issues_count: z.number().int() })),
    summary: severityCounts,
    analyzed_at: z.string(),
  })
  .meta({ id: 'ProjectCodeQuality' });

const projectQualityHistoryItemSchema = z
  .object({
    id: z.number().int(),
    project_id: z.number().int(),
    overall_score: z.number().int(),
    total_files: z.number().int(),
    total_lines: z.number().int(),
    summary: severityCounts,
    analyzed_at: z.string(),
  })
  .meta({ id: 'ProjectCodeQualityHistoryItem' });

const analysisIssueSchema = z
  .object({
    id: z.string(),
    rule_id: z.string(),
    type: z.string().meta({ description: 'security, quality, performance or syntax' }),
    category: z.string(),
    severity: z.string(),
    confidence: z.string(),
    cwe: z.string().nullable(),
    title: z.string(),
    message: z.string(),
    suggestion: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    end_line: z.number().int(),
    end_column: z.number().int(),
    fixable: z.boolean(),
    source: z.string().meta({ description: 'static, or ai for findings of the AI review' }),
    fingerprint: z.string().meta({ description: "The analyzer's stable identity of the finding (rule, normalised line text, occurrence): SARIF partialFingerprints.primaryLocationLineHash" }),
  })
  .meta({ id: 'AnalysisIssue' });

const analysisSchema = z
  .object({
    analysis_id: z.string(),
    status: z.literal('completed'),
    language: z.string(),
    file_path: z.string().nullable().meta({ description: 'context.file_path of the request; null when none was given' }),
    score: z.number().int(),
    issues: z.array(analysisIssueSchema),
    metrics: z.object({
      total_issues: z.number().int(),
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
      analysis_time_ms: z.number().int(),
      lines_of_code: z.number().int().meta({ description: "The analyzer's count of code lines (neither blank nor comment) of the analysed code" }),
    }),
    created_at: z.string(),
    completed_at: z.string(),
  })
  .meta({ id: 'Analysis' });

const analysisListItemSchema = z
  .object({
    analysis_id: z.string(),
    status: z.literal('completed'),
    language: z.string(),
    file_path: z.string().nullable(),
    project_ref: z.string().nullable().meta({ description: 'context.project_id of the request, as a string; null when none was given' }),
    score: z.number().int(),
    total_issues: z.number().int(),
    summary: severityCounts,
    created_at: z.string(),
    completed_at: z.string(),
  })
  .meta({ id: 'AnalysisListItem' });

const fixSchema = z
  .object({ success: z.boolean(), fixed_code: z.string(), diff: z.string(), reason: z.string().optional() })
  .meta({ id: 'FixResult' });

const acceptLanguage = z.looseObject({ 'accept-language': z.string().optional().meta({ description: 'zh or en picks the language of messages' }) });

export const codeAnalysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const { codeAnalysis } = app.services;

  app.post('/api/code-analysis', {
    onRequest: requireAuth,
    bodyLimit: ANALYSIS_BODY_LIMIT,
    schema: {
      tags: ['code-quality'],
      summary: 'Analyse the quality of one piece of code',
      security: authenticated,
      headers: acceptLanguage,
      body: z.strictObject({ code, language: language.optional(), file_path: filePath.optional() }),
      response: { 200: qualityReportSchema, ...errorResponses(401, 403, 413, 415, 422, 504) },
    },
  }, async (request) => {
    const { code: source, language: lang, file_path } = request.body;
    return codeAnalysis.report(principalOf(request), { code: source, language: lang, filePath: file_path }, localeOf(request.headers['accept-language']));
  });

  app.post('/api/code-analysis/project/:project_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['code-quality'],
      summary: "Analyse every current code file of a project",
      security: authenticated,
      headers: acceptLanguage,
      params: idParam('project_id'),
      response: { 200: projectQualitySchema, ...errorResponses(401, 403, 404, 422, 504) },
    },
  }, async (request) => codeAnalysis.reportProject(principalOf(request), request.params.project_id, localeOf(request.headers['accept-language'])));

  app.get('/api/code-analysis/project/:project_id/history', {
    onRequest: requireAuth,
    schema: {
      tags: ['code-quality'],
      summary: "A project's past batch analyses (score trend), newest first (total in X-Total-Count)",
      security: authenticated,
      params: idParam('project_id'),
      querystring: z.strictObject(pagingQuery),
      response: { 200: z.array(projectQualityHistoryItemSchema), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const { rows, total } = await codeAnalysis.projectHistory(principalOf(request), request.params.project_id, request.query);
    return reply.header(totalCountHeader, String(total)).send(rows);
  });

  app.get('/api/analyze', {
    onRequest: requireAuth,
    schema: {
      tags: ['code-analysis'],
      summary: "The caller's stored analyses, newest first, by language, status and creation time (total in X-Total-Count)",
      security: authenticated,
      querystring: z.strictObject({
        language: z.string().trim().min(1).max(50).optional().meta({ description: 'The analysed language as stored (python, javascript, …)' }),
        status: z.enum(['completed']).optional(),
        created_from: isoTimestamp.optional().meta({ description: 'Created at or after this instant (ISO 8601)' }),
        created_to: isoTimestamp.optional().meta({ description: 'Created at or before this instant (ISO 8601); not before created_from' }),
        ...pagingQuery,
      }),
      response: { 200: z.array(analysisListItemSchema), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { language: lang, status, created_from, created_to, skip, limit } = request.query;
    const { rows, total } = await codeAnalysis.list(principalOf(request), { language: lang, status, createdFrom: created_from, createdTo: created_to }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(rows);
  });

  app.post('/api/analyze/code', {
    onRequest: requireAuth,
    bodyLimit: ANALYSIS_BODY_LIMIT,
    schema: {
      tags: ['code-analysis'],
      summary: 'Analyse code and store the result (rules: security, quality, performance; ai adds an LLM review)',
      security: authenticated,
      headers: acceptLanguage,
      body: z.strictObject({
        code,
        language: language.optional(),
        rules: z.array(z.enum(ANALYSIS_RULES)).min(1).max(ANALYSIS_RULES.length).default(['security', 'quality', 'performance']),
        context: z.object({ file_path: filePath.optional(), project_id: z.union([z.string().max(200), z.number()]).optional() }).optional(),
      }),
      response: { 200: analysisSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 502, 504) },
    },
  }, async (request) => {
    const { code: source, language: lang, rules, context } = request.body;
    return codeAnalysis.submit(principalOf(request), {
      code: source,
      language: lang,
      rules: [...new Set(rules)],
      filePath: context?.file_path,
      projectRef: context?.project_id === undefined ? undefined : String(context.project_id),
    }, localeOf(request.headers['accept-language']));
  });

  app.get('/api/analyze/:analysis_id/results', {
    onRequest: requireAuth,
    schema: {
      tags: ['code-analysis'],
      summary: 'A stored analysis of the caller with its issues',
      security: authenticated,
      params: z.strictObject({ analysis_id: z.string().min(1).max(100) }),
      response: { 200: analysisSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => codeAnalysis.results(principalOf(request), request.params.analysis_id));

  app.post('/api/fixes/apply', {
    onRequest: requireAuth,
    schema: {
      tags: ['code-analysis'],
      summary: "Apply an issue's mechanical fix to the analysed code (success false with a reason when it would break the syntax)",
      security: authenticated,
      body: z.strictObject({
        analysis_id: z.string().min(1).max(100),
        issue_id: z.string().min(1).max(100),
        fix_type: z.enum(['suggested']).default('suggested'),
      }),
      response: { 200: fixSchema, ...errorResponses(400, 401, 403, 404, 415) },
    },
  }, async (request) => codeAnalysis.applyFix(principalOf(request), request.body.analysis_id, request.body.issue_id));
};
