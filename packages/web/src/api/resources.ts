import type { Schemas } from '@resoftai/sdk';
import { api, clearSession, saveBlob, saveDownload } from './client.ts';

export const STAGES = ['requirements_analysis', 'architecture_design', 'ui_design', 'development', 'testing', 'qa_review', 'completion'] as const;
export type StageName = (typeof STAGES)[number];
export type ProjectStatus = Schemas['ProjectSummary']['status'];

export type User = Schemas['User'];
export type LlmConfig = Schemas['LlmConfig'];
export type LlmTestResult = Schemas['LlmConfigTestResult'];
export type LlmProvider = Schemas['LlmProvider'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type Project = Schemas['ProjectDetail'];
export type ProjectInput = Parameters<typeof api.projects.create>[0];
export type TemplateVariable = Schemas['TemplateVariable'];
export type ProjectFile = Schemas['ProjectFile'];

/** What a completed run delivered (the engine's `Deliverables`): report paths and the tests' outcome. */
export interface Deliverables {
  test_report?: string;
  qa_report?: string;
  quality_score?: number;
  tests?: { executed: boolean; passed: number; failed: number; all_passed: boolean };
}

export const auth = {
  async login(identifier: string, password: string): Promise<User> {
    return (await api.auth.login({ login: identifier, password })).user as User;
  },
  register: api.auth.register,
  me: api.auth.me,
  async logout(): Promise<void> {
    try {
      await api.auth.logout();
    } finally {
      clearSession();
    }
  },
};

export const llmConfigs = {
  list: api.llmConfigs.list,
  providers: api.llmConfigs.providers,
  create: api.llmConfigs.create,
  test: api.llmConfigs.test,
  remove: api.llmConfigs.delete,
};

/** The most events the server returns at once. */
const EVENTS_PAGE = 1000;

export const projects = {
  list: api.projects.list,
  get: api.projects.get,
  create: api.projects.create,
  update: api.projects.update,
  remove: api.projects.delete,
  execute: api.projects.execute,
  stop: api.projects.stop,
  resume: api.projects.resume,
  /** The run's whole activity log (the page shows only its newest lines) as a text file, one line per activity. */
  async downloadActivity(id: number, name: string, runStartSeq: number): Promise<void> {
    const lines: string[] = [];
    for (let since = runStartSeq; ;) {
      const page = await api.projects.events(id, { since, limit: EVENTS_PAGE });
      for (const { seq, event, data } of page) {
        if (event === 'agent_activity') lines.push([seq, data.agent_name, data.stage, data.status, data.message].map(String).join('\t'));
      }
      if (page.length < EVENTS_PAGE) break;
      since = page.at(-1)!.seq;
    }
    saveBlob(new Blob([lines.join('\n'), '\n'], { type: 'text/plain;charset=utf-8' }), `${name}-activity.log`);
  },
  download: (id: number, name: string) => saveDownload(api.http.GET('/api/projects/{project_id}/download', { params: { path: { project_id: id } }, parseAs: 'blob' }), `${name}.zip`),
};

/** The server pages files 100 at a time; the file tree wants them all. */
const FILE_PAGE = 100;

export const files = {
  async list(projectId: number): Promise<ProjectFile[]> {
    const all: ProjectFile[] = [];
    for (;;) {
      const page = await api.files.list({ project_id: projectId, skip: all.length, limit: FILE_PAGE });
      all.push(...page.items);
      if (page.items.length < FILE_PAGE || all.length >= page.total) return all;
    }
  },
  get: api.files.get,
  versions: api.files.versions,
  version: api.files.version,
  upload: (projectId: number, file: File) => api.files.upload(projectId, { path: file.name, content: file }),
  restore: api.files.restore,
  download: (file: ProjectFile) => saveDownload(api.http.GET('/api/files/{file_id}/download', { params: { path: { file_id: file.id } }, parseAs: 'blob' }), file.filename.split('/').at(-1) ?? 'file'),
};

export const teams = {
  mine: api.teams.list,
};

export const templates = {
  list: api.templates.list,
  get: api.templates.get,
  apply: (id: number, projectId: number, variables: Record<string, unknown>) => api.templates.apply(id, { project_id: projectId, variables }),
};

export const apiKeys = {
  list: api.apiKeys.list,
  create: (name: string) => api.apiKeys.create({ name }),
  remove: api.apiKeys.revoke,
};
