import { download, request, requestPage, saveTokens } from './client.ts';

export const STAGES = ['requirements_analysis', 'architecture_design', 'ui_design', 'development', 'testing', 'qa_review', 'completion'] as const;
export type StageName = (typeof STAGES)[number];
export type ProjectStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface User {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  role: 'admin' | 'user';
  is_admin: boolean;
}

export interface LlmConfig {
  id: number;
  name: string;
  provider: string;
  model: string;
  api_base: string | null;
  api_key_mask: string;
  is_default: boolean;
  is_active: boolean;
  created_at: string;
}

export interface LlmConfigInput {
  name: string;
  provider: string;
  model?: string;
  api_key: string;
  api_base?: string | null;
  is_default?: boolean;
}

export interface LlmTestResult {
  success: boolean;
  model: string;
  response_time_ms: number;
  test_output: string | null;
  error: { kind: string; provider_status: number | null; reason: string } | null;
}

export interface LlmProvider {
  id: string;
  label: string;
  default_model: string | null;
  default_api_base: string | null;
}

export interface ProjectSummary {
  id: number;
  name: string;
  description: string | null;
  status: ProjectStatus;
  progress: number;
  current_stage: StageName | null;
  created_at: string;
  updated_at: string;
}

/** What a completed run delivered (the engine's `Deliverables`): report paths and the tests' outcome. */
export interface Deliverables {
  test_report?: string;
  qa_report?: string;
  quality_score?: number;
  tests?: { executed: boolean; passed: number; failed: number; all_passed: boolean };
}

export interface Project extends ProjectSummary {
  requirements: string;
  team_id: number | null;
  config: Record<string, unknown>;
  deliverables: Deliverables;
  llm_config_id: number | null;
}

export interface ProjectInput {
  name: string;
  description?: string | null;
  requirements: string;
  llm_config_id?: number | null;
  team_id?: number | null;
  config?: { execution_strategy?: 'sequential' | 'parallel' | 'adaptive' };
}

export interface Team {
  id: number;
  organization_id: number;
  name: string;
  role: 'owner' | 'admin' | 'member' | 'viewer';
}

export interface TemplateVariable {
  type: 'string' | 'boolean' | 'enum' | 'integer';
  description: string;
  required: boolean;
  default?: unknown;
  pattern?: string;
  options?: string[];
  min?: number;
  max?: number;
}

export interface TemplateSummary {
  id: number;
  name: string;
  description: string;
  category: string;
  version: string;
  variables: Record<string, TemplateVariable>;
}

export interface Template extends TemplateSummary {
  files: string[];
  preview: string;
}

export interface TemplateApplication {
  project_id: number;
  generated_files: string[];
}

export interface ProjectFile {
  id: number;
  project_id: number;
  filename: string;
  category: string;
  size: number;
  version: number;
  updated_at: string;
}

export interface ProjectFileDetail extends ProjectFile {
  /** Null for binary files. */
  content: string | null;
}

export interface FileVersion {
  version: number;
  size: number;
  restored_from_version: number | null;
  created_at: string;
}

export interface FileVersionDetail extends FileVersion {
  content: string | null;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix?: string;
  created_at: string;
  last_used_at?: string | null;
}

interface LoginReply {
  access_token: string;
  refresh_token: string;
  user: User;
}

export const auth = {
  async login(identifier: string, password: string): Promise<User> {
    const field = identifier.includes('@') ? 'email' : 'username';
    const reply = await request<LoginReply>('POST', '/api/auth/login', { body: { [field]: identifier, password } });
    saveTokens({ access_token: reply.access_token, refresh_token: reply.refresh_token });
    return reply.user;
  },
  register: (input: { username: string; email: string; password: string; full_name?: string }) => request<User>('POST', '/api/auth/register', { body: input }),
  me: () => request<User>('GET', '/api/auth/me'),
  async logout(): Promise<void> {
    try {
      await request('POST', '/api/auth/logout');
    } finally {
      saveTokens(undefined);
    }
  },
};

export const llmConfigs = {
  list: () => request<LlmConfig[]>('GET', '/api/llm-configs'),
  providers: () => request<LlmProvider[]>('GET', '/api/llm-configs/providers'),
  create: (input: LlmConfigInput) => request<LlmConfig>('POST', '/api/llm-configs', { body: input }),
  test: (id: number) => request<LlmTestResult>('POST', `/api/llm-configs/${id}/test`),
  remove: (id: number) => request<void>('DELETE', `/api/llm-configs/${id}`),
};

export const projects = {
  list: (query: { skip: number; limit: number; status?: string }) => requestPage<ProjectSummary>('/api/projects', query),
  get: (id: number) => request<Project>('GET', `/api/projects/${id}`),
  create: (input: ProjectInput) => request<Project>('POST', '/api/projects', { body: input }),
  update: (id: number, input: Partial<ProjectInput>) => request<Project>('PUT', `/api/projects/${id}`, { body: input }),
  remove: (id: number) => request<void>('DELETE', `/api/projects/${id}`),
  execute: (id: number) => request('POST', `/api/projects/${id}/execute`),
  stop: (id: number) => request('POST', `/api/projects/${id}/stop`),
  resume: (id: number) => request('POST', `/api/projects/${id}/resume`),
  download: (id: number, name: string) => download(`/api/projects/${id}/download`, `${name}.zip`),
};

/** The server pages files 100 at a time; the file tree wants them all. */
const FILE_PAGE = 100;

export const files = {
  async list(projectId: number): Promise<ProjectFile[]> {
    const all: ProjectFile[] = [];
    for (;;) {
      const page = await requestPage<ProjectFile>('/api/files', { project_id: projectId, skip: all.length, limit: FILE_PAGE });
      all.push(...page.items);
      if (page.items.length < FILE_PAGE || all.length >= page.total) return all;
    }
  },
  get: (id: number) => request<ProjectFileDetail>('GET', `/api/files/${id}`),
  versions: (id: number) => request<FileVersion[]>('GET', `/api/files/${id}/versions`),
  version: (id: number, version: number) => request<FileVersionDetail>('GET', `/api/files/${id}/versions/${version}`),
  upload(projectId: number, file: File): Promise<ProjectFile> {
    const form = new FormData();
    form.set('project_id', String(projectId));
    form.set('file', file);
    return request<ProjectFile>('POST', '/api/files', { body: form });
  },
  restore: (id: number, version: number) => request('POST', `/api/files/${id}/versions/${version}/restore`),
  download: (file: ProjectFile) => download(`/api/files/${file.id}/download`, file.filename.split('/').at(-1) ?? 'file'),
};

export const teams = {
  mine: () => request<Team[]>('GET', '/api/teams'),
};

export const templates = {
  list: () => request<TemplateSummary[]>('GET', '/api/templates'),
  get: (id: number) => request<Template>('GET', `/api/templates/${id}`),
  apply: (id: number, projectId: number, variables: Record<string, unknown>) =>
    request<TemplateApplication>('POST', `/api/templates/${id}/apply`, { body: { project_id: projectId, variables } }),
};

export const apiKeys = {
  list: () => request<ApiKey[]>('GET', '/api/auth/api-keys'),
  create: (name: string) => request<ApiKey & { key: string }>('POST', '/api/auth/api-keys', { body: { name } }),
  remove: (id: number) => request<void>('DELETE', `/api/auth/api-keys/${id}`),
};
