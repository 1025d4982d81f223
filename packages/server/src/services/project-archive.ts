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

function deliverableMarkdown(key: string, value: unknown): string {
  if (typeof value === 'string') return value.endsWith('\n') ? value : `${value}\n`;
  return `# ${key}\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
}

/** One Markdown file per deliverable under docs/, named after its key, never over a project file. */
function deliverableDocs(deliverables: Record<string, unknown>, taken: Set<string>): DeliverableDoc[] {
  const docs: DeliverableDoc[] = [];
  for (const [key, value] of Object.entries(deliverables)) {
    if (value === null || value === undefined || value === '') continue;
    const base = key.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+/u, '').slice(0, 100) || 'deliverable';
    let path = `docs/${base}.md`;
    for (let n = 2; taken.has(path); n++) path = `docs/${base}-${n}.md`;
    taken.add(path);
    docs.push({ path, markdown: deliverableMarkdown(key, value) });
  }
  return docs;
}

/** Streams a project as a zip: every current file under its path, plus the deliverables as Markdown. */
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
