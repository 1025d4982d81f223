import { type ClientOptions, createTransport, dataOf, pageOf, type Transport } from './transport.ts';
import type { JsonBody, Query } from './types.ts';
import type { operations } from './generated/api.ts';

type OperationType = operations['putAdminMultisigPoliciesByOperationType']['parameters']['path']['operation_type'];

/**
 * The CodeRev API: static and AI code review with fixes, review-profile versions, the audit chain,
 * multi-signature approvals and user administration. Every operation is also reachable through `http`.
 */
export class CodeRevClient {
  readonly http: Transport['http'];
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = createTransport(options);
    this.http = this.transport.http;
  }

  /** Reviews one piece of code: `{ analysis_id, score, issues, metrics, … }`. `language` is detected when absent. */
  analyze = (body: JsonBody<'postAnalyzeCode'>, options: { acceptLanguage?: string } = {}) =>
    dataOf(this.http.POST('/api/analyze/code', { body, params: { header: options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {} } }));

  /** A stored analysis by its id. */
  results = (analysisId: string) => dataOf(this.http.GET('/api/analyze/{analysis_id}/results', { params: { path: { analysis_id: analysisId } } }));

  /** The fixed code and its diff for one issue of an analysis. */
  applyFix = (body: JsonBody<'postFixesApply'>) => dataOf(this.http.POST('/api/fixes/apply', { body }));

  /** The caller's stored analyses. */
  readonly analyses = {
    /** Newest first, without their issues, by `language`, `status` and `created_from`/`created_to`; `{ items, total }`. */
    list: (query: Query<'getAnalyze'> = {}) => pageOf(this.http.GET('/api/analyze', { params: { query } })),
    /** One analysis with its issues (as `results`). */
    get: (analysisId: string) => this.results(analysisId),
  };

  /** The ResoftAI-format quality report of a code snippet or a whole project. */
  readonly codeAnalysis = {
    analyze: (body: JsonBody<'postCodeAnalysis'>) => dataOf(this.http.POST('/api/code-analysis', { body })),
    project: (projectId: number) => dataOf(this.http.POST('/api/code-analysis/project/{project_id}', { params: { path: { project_id: projectId } } })),
    /** The project's past `project` runs (its score trend), newest first; `{ items, total }`. */
    history: (projectId: number, query: Query<'getCodeAnalysisProjectByProjectIdHistory'> = {}) =>
      pageOf(this.http.GET('/api/code-analysis/project/{project_id}/history', { params: { path: { project_id: projectId }, query } })),
  };

  readonly threeVersion = {
    status: () => dataOf(this.http.GET('/api/three-version/status')),
    experiments: () => dataOf(this.http.GET('/api/three-version/experiments')),
    createExperiment: (body: JsonBody<'postThreeVersionExperiments'>) => dataOf(this.http.POST('/api/three-version/experiments', { body })),
    evaluate: (experimentId: string) => dataOf(this.http.POST('/api/three-version/experiments/{experiment_id}/evaluate', { params: { path: { experiment_id: experimentId } } })),
    /** Opens the multisig request that, once signed, promotes the experiment. */
    promote: (body: JsonBody<'postThreeVersionPromote'>) => dataOf(this.http.POST('/api/three-version/promote', { body })),
    demote: (body: JsonBody<'postThreeVersionDemote'>) => dataOf(this.http.POST('/api/three-version/demote', { body })),
    reevaluate: (body: JsonBody<'postThreeVersionReevaluate'>) => dataOf(this.http.POST('/api/three-version/reevaluate', { body })),
  };

  readonly audit = {
    logs: (query: Query<'getAdminAuditLogs'> = {}) => dataOf(this.http.GET('/api/admin/audit/logs', { params: { query } })),
    /** Walks the hash chain: `{ valid, … }` with the first broken link when it is not. */
    verify: (body: JsonBody<'postAdminAuditVerify'> = {}) => dataOf(this.http.POST('/api/admin/audit/verify', { body })),
    /** The log as JSON or CSV text (where the governance settings allow a direct export). */
    export: (query: Query<'getAdminAuditExport'> = {}) => dataOf(this.http.GET('/api/admin/audit/export', { params: { query }, parseAs: 'text' })),
    requestExport: (body: JsonBody<'postAdminAuditExports'>) => dataOf(this.http.POST('/api/admin/audit/exports', { body })),
    exportRequest: (requestId: string) => dataOf(this.http.GET('/api/admin/audit/exports/{request_id}', { params: { path: { request_id: requestId } }, parseAs: 'text' })),
    /** The ResoftAI log of the caller's organisations (org admins). */
    organizationLogs: (query: Query<'getAuditLogs'> = {}) => dataOf(this.http.GET('/api/audit-logs', { params: { query } })),
  };

  readonly multisig = {
    keys: () => dataOf(this.http.GET('/api/admin/multisig/keys')),
    registerKey: (body: JsonBody<'postAdminMultisigKeys'>) => dataOf(this.http.POST('/api/admin/multisig/keys', { body })),
    revokeKey: (keyId: string) => dataOf(this.http.DELETE('/api/admin/multisig/keys/{key_id}', { params: { path: { key_id: keyId } } })),
    policies: () => dataOf(this.http.GET('/api/admin/multisig/policies')),
    setPolicy: (operationType: OperationType, body: JsonBody<'putAdminMultisigPoliciesByOperationType'>) => dataOf(this.http.PUT('/api/admin/multisig/policies/{operation_type}', { params: { path: { operation_type: operationType } }, body })),
    pending: () => dataOf(this.http.GET('/api/admin/multisig/pending')),
    request: (requestId: string) => dataOf(this.http.GET('/api/admin/multisig/requests/{request_id}', { params: { path: { request_id: requestId } } })),
    /** Submits a signature over the request's `payload_hash` (its ASCII bytes; Ed25519, or ECDSA P-256 in DER), base64. */
    sign: (requestId: string, body: JsonBody<'postAdminMultisigSignByRequestId'>) => dataOf(this.http.POST('/api/admin/multisig/sign/{request_id}', { params: { path: { request_id: requestId } }, body })),
    reject: (requestId: string, body: JsonBody<'postAdminMultisigRejectByRequestId'>) => dataOf(this.http.POST('/api/admin/multisig/reject/{request_id}', { params: { path: { request_id: requestId } }, body })),
  };

  readonly settings = {
    list: () => dataOf(this.http.GET('/api/admin/settings')),
    /** Opens the multisig request that changes a governance setting. */
    requestChange: (body: JsonBody<'postAdminSettingsChanges'>) => dataOf(this.http.POST('/api/admin/settings/changes', { body })),
  };

  readonly users = {
    list: (query: Query<'getAdminUsers'> = {}) => dataOf(this.http.GET('/api/admin/users', { params: { query } })),
    suspend: (userId: number, body: JsonBody<'postAdminUsersByUserIdSuspend'>) => dataOf(this.http.POST('/api/admin/users/{user_id}/suspend', { params: { path: { user_id: userId } }, body })),
    reactivate: (userId: number) => dataOf(this.http.POST('/api/admin/users/{user_id}/reactivate', { params: { path: { user_id: userId } } })),
    /** A temporary password the user must change at the next login (shown once). */
    resetPassword: (userId: number) => dataOf(this.http.POST('/api/admin/users/{user_id}/reset-password', { params: { path: { user_id: userId } } })),
    setRole: (userId: number, body: JsonBody<'putAdminUsersByUserIdRole'>) => dataOf(this.http.PUT('/api/admin/users/{user_id}/role', { params: { path: { user_id: userId } }, body })),
    /** Opens the multisig request that deletes the user. */
    delete: (userId: number, body: JsonBody<'deleteAdminUsersByUserId'>) => dataOf(this.http.DELETE('/api/admin/users/{user_id}', { params: { path: { user_id: userId } }, body })),
  };
}
