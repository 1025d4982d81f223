import { posix } from 'node:path';
import { categoryForPath, type FileCategory } from '@resoftai/templates';
import type { UploadConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { FileGoneError, type FileRepository, type FileRow, type FileVersionRow, type SavedVersion, type VersionWrite } from '../db/repositories/files.ts';
import type { PageRequest } from '../db/repositories/paging.ts';
import { type AppError, fieldError, notFound } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { decodeText, inspectContent, sanitizeFilePath } from './file-content.ts';
import type { Principal } from './principal.ts';
import type { ProjectAccess, ProjectAction } from './project-access.ts';

/** Who stores a file: a user (authorized against the project) or the server's own workflow, already authorized. */
export type FileActor = Principal | 'system';

export interface FileSummaryView {
  id: number;
  project_id: number;
  filename: string;
  category: FileCategory;
  size: number;
  mime_type: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FileDetailView extends FileSummaryView {
  /** The text of the current version; null for binary content. */
  content: string | null;
  created_by: number | null;
}

export interface FileVersionView {
  version: number;
  size: number;
  mime_type: string;
  restored_from_version: number | null;
  created_at: string;
  created_by: number | null;
}

export interface FileVersionDetailView extends FileVersionView {
  /** The text of that version; null for binary content. */
  content: string | null;
}

export interface FileDownload {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface GeneratedFileInput {
  path: string;
  content: string | Buffer;
  category?: FileCategory;
}

/** The storage quota of the organisation a project counts against. */
export interface StorageQuota {
  /**
   * Inside the transaction that stores the bytes: takes the organisations' quota locks until it ends, so concurrent
   * uploads cannot both take the last room, and refuses (403 PROJ_003, with the reason) when they would exceed it.
   */
  assertStorageRoom(additions: Array<{ projectId: number; bytes: number }>, tx: Db): Promise<void>;
  /** Raises threshold alerts after the project's stored bytes grew. */
  observeStorage(projectId: number): Promise<void>;
}

const fileNotFound = (): AppError => notFound('File not found');

const toSummaryView = (row: FileRow): FileSummaryView => ({
  id: row.id,
  project_id: row.projectId,
  filename: row.path,
  category: row.category,
  size: row.size,
  mime_type: row.mimeType,
  version: row.currentVersion,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const toVersionView = (row: FileVersionRow): FileVersionView => ({
  version: row.version,
  size: row.size,
  mime_type: row.mimeType,
  restored_from_version: row.restoredFromVersion,
  created_at: row.createdAt.toISOString(),
  created_by: row.createdBy,
});

const creatorOf = (actor: FileActor): number | null => (actor === 'system' ? null : actor.userId);

/** Project files with versions; identical content is stored once (see FileRepository). */
export class FileService {
  constructor(
    private readonly files: FileRepository,
    private readonly access: ProjectAccess,
    private readonly policy: UploadConfig,
    private readonly storage: StorageQuota,
    private readonly audit: AuditChain,
  ) {}

  /** Stores an uploaded file under its sanitized path; an existing file at that path gets a new version. */
  async upload(principal: Principal, input: { projectId: number; filename: string; category?: FileCategory | undefined; content: Buffer }): Promise<FileSummaryView> {
    await this.access.require(principal, input.projectId, 'write');
    if (input.content.length === 0) throw fieldError(422, ['body', 'file'], 'The uploaded file is empty');
    const path = sanitizeFilePath(input.filename);
    const [saved] = await this.save([{ ...(await this.write(input.projectId, path, input.content)), category: input.category, createdBy: principal.userId }], principal);
    return toSummaryView(saved!.file);
  }

  /**
   * Stores files produced by the server itself (templates, the workflow's agents) as versioned project
   * files, all or none. A principal is authorized against the project and audited (`cause` joins each
   * entry's payload); 'system' is trusted, and its run is audited instead.
   */
  async saveGeneratedFiles(actor: FileActor, projectId: number, files: GeneratedFileInput[], cause: Record<string, unknown> = {}): Promise<FileSummaryView[]> {
    if (actor !== 'system') await this.access.require(actor, projectId, 'write');
    const writes: VersionWrite[] = [];
    for (const file of files) {
      const path = sanitizeFilePath(file.path, { keepDotfiles: true });
      const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
      writes.push({ ...(await this.write(projectId, path, content)), category: file.category, createdBy: creatorOf(actor) });
    }
    return (await this.save(writes, actor, cause)).map((saved) => toSummaryView(saved.file));
  }

  async saveGeneratedFile(actor: FileActor, projectId: number, path: string, content: string | Buffer, category?: FileCategory): Promise<FileSummaryView> {
    const [saved] = await this.saveGeneratedFiles(actor, projectId, [{ path, content, ...(category ? { category } : {}) }]);
    return saved!;
  }

  async list(principal: Principal, projectId: number, filter: { category?: FileCategory | undefined }, page: PageRequest): Promise<{ items: FileSummaryView[]; total: number }> {
    await this.access.require(principal, projectId, 'read');
    const { rows, total } = await this.files.list(projectId, filter, page);
    return { items: rows.map(toSummaryView), total };
  }

  async get(principal: Principal, fileId: number): Promise<FileDetailView> {
    const file = await this.authorized(principal, fileId, 'read');
    const content = await this.files.content(file.sha256);
    return { ...toSummaryView(file), content: decodeText(content), created_by: file.createdBy };
  }

  async download(principal: Principal, fileId: number): Promise<FileDownload> {
    const file = await this.authorized(principal, fileId, 'read');
    return { filename: posix.basename(file.path), mimeType: file.mimeType, content: await this.files.content(file.sha256) };
  }

  /** A new version with new content; the file keeps its path and category. */
  async update(principal: Principal, fileId: number, content: Buffer): Promise<FileSummaryView> {
    const file = await this.authorized(principal, fileId, 'write');
    if (content.length === 0) throw fieldError(422, ['body', 'file'], 'The uploaded file is empty');
    const [saved] = await this.save([{ ...(await this.write(file.projectId, file.path, content)), fileId, createdBy: principal.userId }], principal);
    return toSummaryView(saved!.file);
  }

  async delete(principal: Principal, fileId: number): Promise<void> {
    const file = await this.authorized(principal, fileId, 'write');
    const hashes = await this.files.transaction(async (tx) => {
      const referenced = await this.files.delete(fileId, tx);
      if (!referenced) throw fileNotFound();
      await this.audit.append({ ...auditActor(principal), entity: 'file', action: 'delete', resourceId: fileId, payload: { project_id: file.projectId, path: file.path } }, tx);
      return referenced;
    });
    await this.files.collectGarbage(hashes);
  }

  async versions(principal: Principal, fileId: number): Promise<FileVersionView[]> {
    await this.authorized(principal, fileId, 'read');
    return (await this.files.versions(fileId)).map(toVersionView);
  }

  /** One version with its content, so a client can compare two versions. */
  async version(principal: Principal, fileId: number, version: number): Promise<FileVersionDetailView> {
    await this.authorized(principal, fileId, 'read');
    const row = await this.files.findVersion(fileId, version);
    if (!row) throw notFound(`Version ${version} of file ${fileId} does not exist`);
    return { ...toVersionView(row), content: decodeText(await this.files.content(row.sha256)) };
  }

  /** Makes an old version current again by adding a new version with its content. */
  async restore(principal: Principal, fileId: number, version: number): Promise<{ file: FileSummaryView; restoredFrom: number }> {
    const file = await this.authorized(principal, fileId, 'write');
    const old = await this.files.findVersion(fileId, version);
    if (!old) throw notFound(`Version ${version} of file ${fileId} does not exist`);
    const [saved] = await this.save([
      {
        projectId: file.projectId,
        fileId,
        path: file.path,
        defaultCategory: file.category,
        content: { sha256: old.sha256, size: old.size, mimeType: old.mimeType },
        createdBy: principal.userId,
        restoredFromVersion: version,
      },
    ], principal);
    return { file: toSummaryView(saved!.file), restoredFrom: version };
  }

  private async record(principal: Principal, versions: SavedVersion[], cause: Record<string, unknown>, tx: Db): Promise<void> {
    for (const { file, version } of versions) {
      await this.audit.append({
        ...auditActor(principal), entity: 'file', action: version.version === 1 ? 'create' : 'update', resourceId: file.id,
        payload: {
          project_id: file.projectId, path: file.path, version: version.version, size: version.size,
          ...(version.restoredFromVersion !== null ? { restored_from_version: version.restoredFromVersion } : {}), ...cause,
        },
      }, tx);
    }
  }

  private async authorized(principal: Principal, fileId: number, action: ProjectAction): Promise<FileRow> {
    const file = await this.files.findById(fileId);
    if (!file) throw fileNotFound();
    await this.access.require(principal, file.projectId, action, fileNotFound);
    return file;
  }

  private async write(projectId: number, path: string, content: Buffer): Promise<Omit<VersionWrite, 'createdBy'>> {
    return { projectId, path, defaultCategory: categoryForPath(path), content: await inspectContent(path, content, this.policy) };
  }

  /** Every version counts its full size against storage, however its content is shared; a user's versions are audited with them. */
  private async save(writes: VersionWrite[], actor: FileActor, cause: Record<string, unknown> = {}): Promise<SavedVersion[]> {
    const projectIds = [...new Set(writes.map((write) => write.projectId))];
    const additions = projectIds.map((projectId) => ({
      projectId,
      bytes: writes.filter((write) => write.projectId === projectId).reduce((sum, write) => sum + write.content.size, 0),
    }));
    let saved: SavedVersion[];
    try {
      saved = await this.files.saveVersions(writes, {
        before: (tx) => this.storage.assertStorageRoom(additions, tx),
        after: actor === 'system' ? undefined : (tx, versions) => this.record(actor, versions, cause, tx),
      });
    } catch (error) {
      if (error instanceof FileGoneError) throw fileNotFound();
      throw error;
    }
    for (const projectId of projectIds) await this.storage.observeStorage(projectId);
    return saved;
  }
}
