import { followProject, type FollowOptions, type WorkflowEvent } from './follow.ts';
import { type ClientOptions, createTransport, dataOf, pageOf, type Transport } from './transport.ts';
import type { JsonBody, Query, Schemas } from './types.ts';

type FileCategory = Schemas['ProjectFile']['category'];

/** A file to upload: its content and the path it takes in the project. */
export interface Upload {
  path: string;
  content: Blob | Uint8Array<ArrayBuffer> | string;
}

const blobOf = (content: Upload['content']) => (content instanceof Blob ? content : new Blob([content]));

function uploadForm(upload: Upload, fields: Record<string, string | number | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  form.append('file', blobOf(upload.content), upload.path);
  return form;
}

// The transport's fetch sends a FormData body as multipart; openapi-fetch would otherwise serialise it as JSON.
const asMultipart = { bodySerializer: (body: unknown) => body as FormData };

/**
 * The ResoftAI API: projects and their workflow, files, LLM configs, templates, organisations, plugins, monitoring.
 * Every operation of the OpenAPI document is also reachable, typed, through `http` (e.g. `http.GET('/api/quotas')`).
 */
export class ResoftClient {
  readonly http: Transport['http'];
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = createTransport(options);
    this.http = this.transport.http;
  }

  health = () => dataOf(this.http.GET('/api/health'));

  readonly auth = {
    register: (body: JsonBody<'postAuthRegister'>) => dataOf(this.http.POST('/api/auth/register', { body })),
    /** Logs in (with these credentials, or the client's own) and uses the session from then on. */
    login: (credentials?: { login: string; password: string }) => this.transport.session.login(credentials),
    logout: async () => {
      await this.http.POST('/api/auth/logout');
      this.transport.session.forget();
    },
    me: () => dataOf(this.http.GET('/api/auth/me')),
    updateMe: (body: JsonBody<'putAuthMe'>) => dataOf(this.http.PUT('/api/auth/me', { body })),
    changePassword: (body: JsonBody<'postAuthChangePassword'>) => dataOf(this.http.POST('/api/auth/change-password', { body })),
  };

  readonly apiKeys = {
    list: () => dataOf(this.http.GET('/api/auth/api-keys')),
    /** The key itself is in the reply only this once. */
    create: (body: JsonBody<'postAuthApiKeys'>) => dataOf(this.http.POST('/api/auth/api-keys', { body })),
    revoke: (keyId: number) => dataOf(this.http.DELETE('/api/auth/api-keys/{key_id}', { params: { path: { key_id: keyId } } })),
  };

  readonly llmConfigs = {
    providers: () => dataOf(this.http.GET('/api/llm-configs/providers')),
    list: () => dataOf(this.http.GET('/api/llm-configs')),
    get: (configId: number) => dataOf(this.http.GET('/api/llm-configs/{config_id}', { params: { path: { config_id: configId } } })),
    create: (body: JsonBody<'postLlmConfigs'>) => dataOf(this.http.POST('/api/llm-configs', { body })),
    update: (configId: number, body: JsonBody<'putLlmConfigsByConfigId'>) => dataOf(this.http.PUT('/api/llm-configs/{config_id}', { params: { path: { config_id: configId } }, body })),
    delete: (configId: number) => dataOf(this.http.DELETE('/api/llm-configs/{config_id}', { params: { path: { config_id: configId } } })),
    /** Calls the model once through the config: latency and output, or the provider's error. */
    test: (configId: number) => dataOf(this.http.POST('/api/llm-configs/{config_id}/test', { params: { path: { config_id: configId } } })),
  };

  readonly projects = {
    list: (query: Query<'getProjects'> = {}) => pageOf(this.http.GET('/api/projects', { params: { query } })),
    get: (projectId: number) => dataOf(this.http.GET('/api/projects/{project_id}', { params: { path: { project_id: projectId } } })),
    create: (body: JsonBody<'postProjects'>) => dataOf(this.http.POST('/api/projects', { body })),
    update: (projectId: number, body: JsonBody<'putProjectsByProjectId'>) => dataOf(this.http.PUT('/api/projects/{project_id}', { params: { path: { project_id: projectId } }, body })),
    delete: (projectId: number) => dataOf(this.http.DELETE('/api/projects/{project_id}', { params: { path: { project_id: projectId } } })),
    /** The project's files as a zip archive. */
    download: async (projectId: number): Promise<Uint8Array> => new Uint8Array(await dataOf(this.http.GET('/api/projects/{project_id}/download', { params: { path: { project_id: projectId } }, parseAs: 'arrayBuffer' }))),
    execute: (projectId: number) => dataOf(this.http.POST('/api/projects/{project_id}/execute', { params: { path: { project_id: projectId } } })),
    stop: (projectId: number) => dataOf(this.http.POST('/api/projects/{project_id}/stop', { params: { path: { project_id: projectId } } })),
    resume: (projectId: number) => dataOf(this.http.POST('/api/projects/{project_id}/resume', { params: { path: { project_id: projectId } } })),
    /** Stored workflow events after `since`, oldest first. */
    events: (projectId: number, query: Query<'getProjectsByProjectIdEvents'> = {}) => dataOf(this.http.GET('/api/projects/{project_id}/events', { params: { path: { project_id: projectId }, query } })),
    /** The workflow's events live over Socket.IO, history first; reconnects and replays what a dropped connection missed. */
    follow: (projectId: number, options?: FollowOptions): AsyncGenerator<WorkflowEvent, void, undefined> => followProject(this.transport, projectId, options),
    analyzeCode: (projectId: number) => dataOf(this.http.POST('/api/code-analysis/project/{project_id}', { params: { path: { project_id: projectId } } })),
    /** The project's past `analyzeCode` runs (its score trend), newest first; `{ items, total }`. */
    codeQualityHistory: (projectId: number, query: Query<'getCodeAnalysisProjectByProjectIdHistory'> = {}) =>
      pageOf(this.http.GET('/api/code-analysis/project/{project_id}/history', { params: { path: { project_id: projectId }, query } })),
  };

  readonly files = {
    list: (query: Query<'getFiles'>) => pageOf(this.http.GET('/api/files', { params: { query } })),
    get: (fileId: number) => dataOf(this.http.GET('/api/files/{file_id}', { params: { path: { file_id: fileId } } })),
    upload: (projectId: number, upload: Upload, category?: FileCategory) => dataOf(this.http.POST('/api/files', {
      body: uploadForm(upload, { project_id: projectId, category }) as never,
      ...asMultipart,
    })),
    /** Saves a new version of the file's content. */
    update: (fileId: number, content: Upload['content']) => dataOf(this.http.PUT('/api/files/{file_id}', {
      params: { path: { file_id: fileId } },
      body: uploadForm({ path: 'content', content }, {}) as never,
      ...asMultipart,
    })),
    delete: (fileId: number) => dataOf(this.http.DELETE('/api/files/{file_id}', { params: { path: { file_id: fileId } } })),
    download: async (fileId: number): Promise<Uint8Array> => new Uint8Array(await dataOf(this.http.GET('/api/files/{file_id}/download', { params: { path: { file_id: fileId } }, parseAs: 'arrayBuffer' }))),
    versions: (fileId: number) => dataOf(this.http.GET('/api/files/{file_id}/versions', { params: { path: { file_id: fileId } } })),
    version: (fileId: number, version: number) => dataOf(this.http.GET('/api/files/{file_id}/versions/{version}', { params: { path: { file_id: fileId, version } } })),
    restore: (fileId: number, version: number) => dataOf(this.http.POST('/api/files/{file_id}/versions/{version}/restore', { params: { path: { file_id: fileId, version } } })),
  };

  readonly templates = {
    list: (query: Query<'getTemplates'> = {}) => dataOf(this.http.GET('/api/templates', { params: { query } })),
    get: (templateId: number) => dataOf(this.http.GET('/api/templates/{template_id}', { params: { path: { template_id: templateId } } })),
    apply: (templateId: number, body: JsonBody<'postTemplatesByTemplateIdApply'>) => dataOf(this.http.POST('/api/templates/{template_id}/apply', { params: { path: { template_id: templateId } }, body })),
  };

  readonly agentActivities = {
    list: (query: Query<'getAgentActivities'>) => pageOf(this.http.GET('/api/agent-activities', { params: { query } })),
    get: (activityId: number) => dataOf(this.http.GET('/api/agent-activities/{activity_id}', { params: { path: { activity_id: activityId } } })),
  };

  readonly organizations = {
    list: () => dataOf(this.http.GET('/api/organizations')),
    create: (body: JsonBody<'postOrganizations'>) => dataOf(this.http.POST('/api/organizations', { body })),
    update: (orgId: number, body: JsonBody<'putOrganizationsByOrgId'>) => dataOf(this.http.PUT('/api/organizations/{org_id}', { params: { path: { org_id: orgId } }, body })),
    teams: (orgId: number) => dataOf(this.http.GET('/api/organizations/{org_id}/teams', { params: { path: { org_id: orgId } } })),
    /** Single sign-on settings (OpenID Connect); the client secret is never returned. */
    sso: (orgId: number) => dataOf(this.http.GET('/api/organizations/{org_id}/sso', { params: { path: { org_id: orgId } } })),
    configureSso: (orgId: number, body: JsonBody<'putOrganizationsByOrgIdSso'>) => dataOf(this.http.PUT('/api/organizations/{org_id}/sso', { params: { path: { org_id: orgId } }, body })),
    testSso: (orgId: number) => dataOf(this.http.POST('/api/organizations/{org_id}/sso/test', { params: { path: { org_id: orgId } } })),
  };

  readonly teams = {
    list: () => dataOf(this.http.GET('/api/teams')),
    create: (body: JsonBody<'postTeams'>) => dataOf(this.http.POST('/api/teams', { body })),
    members: (teamId: number) => dataOf(this.http.GET('/api/teams/{team_id}/members', { params: { path: { team_id: teamId } } })),
    addMember: (teamId: number, body: JsonBody<'postTeamsByTeamIdMembers'>) => dataOf(this.http.POST('/api/teams/{team_id}/members', { params: { path: { team_id: teamId } }, body })),
    setMemberRole: (teamId: number, userId: number, body: JsonBody<'putTeamsByTeamIdMembersByUserIdRole'>) => dataOf(this.http.PUT('/api/teams/{team_id}/members/{user_id}/role', { params: { path: { team_id: teamId, user_id: userId } }, body })),
    removeMember: (teamId: number, userId: number) => dataOf(this.http.DELETE('/api/teams/{team_id}/members/{user_id}', { params: { path: { team_id: teamId, user_id: userId } } })),
  };

  readonly quotas = {
    list: (query: Query<'getQuotas'>) => dataOf(this.http.GET('/api/quotas', { params: { query } })),
    update: (quotaId: number, body: JsonBody<'putQuotasByQuotaId'>) => dataOf(this.http.PUT('/api/quotas/{quota_id}', { params: { path: { quota_id: quotaId } }, body })),
  };

  readonly monitoring = {
    overview: () => dataOf(this.http.GET('/api/monitoring/dashboard/overview')),
    workflowStats: (query: Query<'getMonitoringWorkflowsStats'> = {}) => dataOf(this.http.GET('/api/monitoring/workflows/stats', { params: { query } })),
    agentsSummary: (query: Query<'getMonitoringAgentsSummary'> = {}) => dataOf(this.http.GET('/api/monitoring/agents/summary', { params: { query } })),
    systemMetrics: () => dataOf(this.http.GET('/api/monitoring/system/metrics')),
    llmUsage: (query: Query<'getMonitoringLlmUsage'> = {}) => dataOf(this.http.GET('/api/monitoring/llm/usage', { params: { query } })),
    alerts: (query: Query<'getMonitoringAlerts'> = {}) => pageOf(this.http.GET('/api/monitoring/alerts', { params: { query } })),
    createAlert: (body: JsonBody<'postMonitoringAlerts'>) => dataOf(this.http.POST('/api/monitoring/alerts', { body })),
    resolveAlert: (alertId: number) => dataOf(this.http.POST('/api/monitoring/alerts/{alert_id}/resolve', { params: { path: { alert_id: alertId } } })),
  };

  readonly plugins = {
    marketplace: (query: Query<'getMarketplacePlugins'> = {}) => dataOf(this.http.GET('/api/marketplace/plugins', { params: { query } })),
    get: (slug: string) => dataOf(this.http.GET('/api/marketplace/plugins/{slug}', { params: { path: { slug } } })),
    install: (slug: string, body: JsonBody<'postMarketplacePluginsBySlugInstall'> = {}) => dataOf(this.http.POST('/api/marketplace/plugins/{slug}/install', { params: { path: { slug } }, body })),
    update: (slug: string) => dataOf(this.http.POST('/api/marketplace/plugins/{slug}/update', { params: { path: { slug } } })),
    review: (slug: string, body: JsonBody<'postMarketplacePluginsBySlugReviews'>) => dataOf(this.http.POST('/api/marketplace/plugins/{slug}/reviews', { params: { path: { slug } }, body })),
    checkUpdates: () => dataOf(this.http.GET('/api/marketplace/updates/check')),
    installed: () => dataOf(this.http.GET('/api/plugins/installed')),
    /** Enables a disabled plugin or disables an enabled one. */
    toggle: (slug: string) => dataOf(this.http.POST('/api/plugins/{slug}/toggle', { params: { path: { slug } } })),
    settings: (slug: string) => dataOf(this.http.GET('/api/plugins/{slug}/settings', { params: { path: { slug } } })),
    configure: (slug: string, body: JsonBody<'putPluginsBySlugSettings'>) => dataOf(this.http.PUT('/api/plugins/{slug}/settings', { params: { path: { slug } }, body })),
    uninstall: (slug: string) => dataOf(this.http.DELETE('/api/plugins/{slug}', { params: { path: { slug } } })),
  };
}
