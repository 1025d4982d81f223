import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { FileRepository, FileRow } from '../db/repositories/files.ts';
import type { ProjectRepository } from '../db/repositories/projects.ts';
import type { Principal } from './principal.ts';
import { type ProjectAccess, projectNotFound } from './project-access.ts';

export interface ProjectArchive {
  /** `project_<id>.zip`: plain ASCII, so it goes into Content-Disposition as is. */
  filename: string;
  stream: Readable;
}

interface DeliverableDoc {
  path: string;
  markdown: string;
}

// Images, audio and the like are compressed already; deflating them again costs time for nothing.
const isCompressible = (mimeType: string): boolean =>
  mimeType.startsWith('text/') || mimeType.includes('json') || mimeType.includes('xml') || mimeType.includes('javascript') || mimeType === 'application/octet-stream';

/** A project-relative path as it goes into the archive; stored paths are sanitized, this guards the invariant. */
function archivePath(path: string): string {
  const normalized = posix.normalize(path);
  if (normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../') || normalized === '.') {
    throw new Error(`refusing to archive unsafe path ${JSON.stringify(path)}`);
  }
  return normalized;
}

const freePath = (wanted: string, extension: string, taken: Set<string>): string => {
  let path = `${wanted}${extension}`;
  for (let n = 2; taken.has(path); n++) path = `${wanted}-${n}${extension}`;
  taken.add(path);
  return path;
};

/** A deliverable that names project files (the workflow's report paths, its file lists): those files are in the zip already. */
function namesProjectFiles(value: unknown, paths: Set<string>): boolean {
  if (typeof value === 'string') return paths.has(value);
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && paths.has(item));
}

/**
 * The deliverables that are not project files already: Markdown text as docs/<key>.md, the structured rest
 * (scores, test counts, …) together in docs/deliverables.json; never over a project file.
 */
function deliverableDocs(deliverables: Record<string, unknown>, paths: Set<string>): DeliverableDoc[] {
  const taken = new Set(paths);
  const docs: DeliverableDoc[] = [];
  const structured: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(deliverables)) {
    if (value === null || value === undefined || value === '' || namesProjectFiles(value, paths)) continue;
    if (typeof value !== 'string') {
      structured[key] = value;
      continue;
    }
    const base = key.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+/u, '').slice(0, 100) || 'deliverable';
    docs.push({ path: freePath(`docs/${base}`, '.md', taken), markdown: value.endsWith('\n') ? value : `${value}\n` });
  }
  if (Object.keys(structured).length > 0) {
    docs.push({ path: freePath('docs/deliverables', '.json', taken), markdown: `${JSON.stringify(structured, null, 2)}\n` });
  }
  return docs;
}

/** Streams a project as a zip: every current file under its path, plus the deliverables that are not files (see deliverableDocs). */
export class ProjectArchiver {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly files: FileRepository,
    private readonly access: ProjectAccess,
  ) {}

  async archive(principal: Principal, projectId: number): Promise<ProjectArchive> {
    await this.access.require(principal, projectId, 'read');
    const project = await this.projects.findById(projectId);
    if (!project) throw projectNotFound();
    const files = await this.files.listAll(projectId);
    const docs = deliverableDocs(project.deliverables, new Set(files.map((f) => f.path)));
    const docsTime = project.completedAt ?? project.updatedAt;
    return { filename: `project_${projectId}.zip`, stream: Readable.from(this.zipChunks(files, docs, docsTime)) };
  }

  /** Reads one file's content at a time, so memory stays at one file plus the compressed output not yet sent. */
  private async *zipChunks(files: FileRow[], docs: DeliverableDoc[], docsTime: Date): AsyncGenerator<Uint8Array> {
    const pending: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else pending.push(chunk);
    });
    const add = (path: string, content: Uint8Array, mtime: Date, compress: boolean) => {
      const entry = compress ? new ZipDeflate(archivePath(path), { level: 6 }) : new ZipPassThrough(archivePath(path));
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(content, true);
    };
    for (const file of files) {
      add(file.path, await this.files.content(file.sha256), file.updatedAt, isCompressible(file.mimeType));
      if (failure) throw failure;
      yield* pending.splice(0);
    }
    for (const doc of docs) add(doc.path, Buffer.from(doc.markdown, 'utf8'), docsTime, true);
    zip.end();
    if (failure) throw failure;
    yield* pending.splice(0);
  }
}
