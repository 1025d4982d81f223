import { and, asc, count, desc, eq, getTableColumns, inArray, notExists, type SQL } from 'drizzle-orm';
import type { FileCategory } from '@resoftai/templates';
import type { Db } from '../client.ts';
import { fileBlobs, fileVersions, projectFiles } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type FileRow = typeof projectFiles.$inferSelect;
export type FileVersionRow = typeof fileVersions.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewContent {
  sha256: string;
  size: number;
  mimeType: string;
  /** Absent when the content is known to be stored already (a restore). */
  bytes?: Buffer;
}

/** One version to add: to the file `fileId`, or to the file at `path` (created when missing). */
export interface VersionWrite {
  projectId: number;
  fileId?: number;
  path: string;
  /** Applied to the file; when absent a new file gets `defaultCategory` and an existing one keeps its own. */
  category?: FileCategory | undefined;
  defaultCategory: FileCategory;
  content: NewContent;
  createdBy: number | null;
  restoredFromVersion?: number;
}

export interface SavedVersion {
  file: FileRow;
  version: FileVersionRow;
}

/** Work that shares the transaction of a save, on every attempt. */
export interface SaveSteps {
  /** Runs first (e.g. a quota check). */
  before?: ((tx: Db) => Promise<void>) | undefined;
  /** Runs last, with what was saved (e.g. the audit entries). */
  after?: ((tx: Db, saved: SavedVersion[]) => Promise<void>) | undefined;
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const RETRYABLE = new Set([UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION, SERIALIZATION_FAILURE, DEADLOCK]);
const MAX_ATTEMPTS = 4;

/** The SQLSTATE of a failed query; drizzle wraps driver errors in `cause`. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export class FileRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async findById(id: number): Promise<FileRow | undefined> {
    const [row] = await this.db.select().from(projectFiles).where(eq(projectFiles.id, id));
    return row;
  }

  async list(projectId: number, filter: { category?: FileCategory | undefined }, page: PageRequest): Promise<Page<FileRow>> {
    const conditions: SQL[] = [eq(projectFiles.projectId, projectId)];
    if (filter.category) conditions.push(eq(projectFiles.category, filter.category));
    const where = and(...conditions);
    const rows = await this.db
      .select({ ...getTableColumns(projectFiles), total: totalCount })
      .from(projectFiles)
      .where(where)
      .orderBy(asc(projectFiles.path))
      .offset(page.skip)
      .limit(page.limit);
    return toPage(rows, page, async () => (await this.db.select({ n: count() }).from(projectFiles).where(where))[0]!.n);
  }

  /** Every current file of a project, by path, without content. */
  listAll(projectId: number): Promise<FileRow[]> {
    return this.db.select().from(projectFiles).where(eq(projectFiles.projectId, projectId)).orderBy(asc(projectFiles.path));
  }

  async content(sha256: string): Promise<Buffer> {
    const [row] = await this.db.select({ content: fileBlobs.content }).from(fileBlobs).where(eq(fileBlobs.sha256, sha256));
    if (!row) throw new Error(`content ${sha256} is missing from file_blobs`);
    return row.content;
  }

  versions(fileId: number): Promise<FileVersionRow[]> {
    return this.db.select().from(fileVersions).where(eq(fileVersions.fileId, fileId)).orderBy(desc(fileVersions.version));
  }

  async findVersion(fileId: number, version: number): Promise<FileVersionRow | undefined> {
    const [row] = await this.db.select().from(fileVersions).where(and(eq(fileVersions.fileId, fileId), eq(fileVersions.version, version)));
    return row;
  }

  /**
   * Adds versions in one transaction. The file row is locked while its next number is taken, and a
   * race the lock cannot cover (two first uploads of one path, content collected meanwhile) is retried.
   */
  async saveVersions(writes: VersionWrite[], steps: SaveSteps = {}): Promise<SavedVersion[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          await steps.before?.(tx);
          const saved: SavedVersion[] = [];
          for (const write of writes) saved.push(await this.saveVersion(tx, write));
          await steps.after?.(tx, saved);
          return saved;
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      }
    }
  }

  private async saveVersion(tx: Tx, write: VersionWrite): Promise<SavedVersion> {
    const { content } = write;
    if (content.bytes) {
      await tx.insert(fileBlobs).values({ sha256: content.sha256, size: content.size, content: content.bytes }).onConflictDoNothing();
    }
    const file = write.fileId !== undefined ? await this.lockFile(tx, eq(projectFiles.id, write.fileId)) : await this.lockOrCreateFile(tx, write);
    if (!file) throw new FileGoneError();
    const [version] = await tx
      .insert(fileVersions)
      .values({
        fileId: file.id,
        version: file.currentVersion + 1,
        sha256: content.sha256,
        size: content.size,
        mimeType: content.mimeType,
        restoredFromVersion: write.restoredFromVersion ?? null,
        createdBy: write.createdBy,
      })
      .returning();
    const [updated] = await tx
      .update(projectFiles)
      .set({
        currentVersion: version!.version,
        sha256: content.sha256,
        size: content.size,
        mimeType: content.mimeType,
        updatedAt: version!.createdAt,
        ...(write.category ? { category: write.category } : {}),
      })
      .where(eq(projectFiles.id, file.id))
      .returning();
    return { file: updated!, version: version! };
  }

  private async lockFile(tx: Tx, where: SQL): Promise<FileRow | undefined> {
    const [row] = await tx.select().from(projectFiles).where(where).for('update');
    return row;
  }

  private async lockOrCreateFile(tx: Tx, write: VersionWrite): Promise<FileRow | undefined> {
    const [created] = await tx
      .insert(projectFiles)
      .values({
        projectId: write.projectId,
        path: write.path,
        category: write.category ?? write.defaultCategory,
        mimeType: write.content.mimeType,
        size: write.content.size,
        sha256: write.content.sha256,
        currentVersion: 0,
        createdBy: write.createdBy,
      })
      .onConflictDoNothing({ target: [projectFiles.projectId, projectFiles.path] })
      .returning();
    return created ?? this.lockFile(tx, and(eq(projectFiles.projectId, write.projectId), eq(projectFiles.path, write.path))!);
  }

  /** Deletes a file with all its versions; returns the content hashes they referenced, undefined when the file was gone. */
  async delete(id: number, db: Db = this.db): Promise<string[] | undefined> {
    return db.transaction(async (tx) => {
      const hashes = await tx.selectDistinct({ sha256: fileVersions.sha256 }).from(fileVersions).where(eq(fileVersions.fileId, id));
      const deleted = await tx.delete(projectFiles).where(eq(projectFiles.id, id)).returning({ id: projectFiles.id });
      return deleted.length > 0 ? hashes.map((h) => h.sha256) : undefined;
    });
  }

  /** Removes content no version refers to any more; content taken up again meanwhile stays. */
  async collectGarbage(hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    try {
      await this.db
        .delete(fileBlobs)
        .where(and(inArray(fileBlobs.sha256, hashes), notExists(this.db.select({ one: fileVersions.id }).from(fileVersions).where(eq(fileVersions.sha256, fileBlobs.sha256)))));
    } catch (error) {
      // A version inserted concurrently references the content: keeping it is the right outcome.
      if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
}

/** The file was deleted while a version was being added to it. */
export class FileGoneError extends Error {
  override readonly name = 'FileGoneError';
  constructor() {
    super('The file no longer exists');
  }
}

