import { and, asc, count, desc, eq, getTableColumns, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { codeAnalyses, codeAnalysisIssues, projectQualityReports } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type AnalysisRow = typeof codeAnalyses.$inferSelect;
export type NewAnalysis = typeof codeAnalyses.$inferInsert;
export type AnalysisIssueRow = typeof codeAnalysisIssues.$inferSelect;
export type NewAnalysisIssue = typeof codeAnalysisIssues.$inferInsert;
export type ProjectQualityReportRow = typeof projectQualityReports.$inferSelect;
export type NewProjectQualityReport = typeof projectQualityReports.$inferInsert;

/** A listed analysis: everything but the analysed code. */
export type AnalysisSummaryRow = Omit<AnalysisRow, 'code'>;

export interface AnalysisFilter {
  language?: string | undefined;
  status?: AnalysisRow['status'] | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
}

const { code: _code, ...summaryColumns } = getTableColumns(codeAnalyses);

function conditions(userId: number, filter: AnalysisFilter): SQL | undefined {
  return and(
    eq(codeAnalyses.userId, userId),
    filter.language === undefined ? undefined : eq(codeAnalyses.language, filter.language),
    filter.status === undefined ? undefined : eq(codeAnalyses.status, filter.status),
    filter.createdFrom === undefined ? undefined : gte(codeAnalyses.createdAt, filter.createdFrom),
    filter.createdTo === undefined ? undefined : lte(codeAnalyses.createdAt, filter.createdTo),
  );
}

export class AnalysisRepository {
  constructor(private readonly db: Db) {}

  /** Stores an analysis with its issues in one transaction. */
  async create(analysis: NewAnalysis, issues: NewAnalysisIssue[]): Promise<AnalysisRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(codeAnalyses).values(analysis).returning();
      if (issues.length > 0) await tx.insert(codeAnalysisIssues).values(issues);
      return row!;
    });
  }

  async findForUser(id: string, userId: number): Promise<AnalysisRow | undefined> {
    const [row] = await this.db.select().from(codeAnalyses).where(and(eq(codeAnalyses.id, id), eq(codeAnalyses.userId, userId)));
    return row;
  }

  /** One user's analyses matching the filter, newest first. */
  async listForUser(userId: number, filter: AnalysisFilter, page: PageRequest): Promise<Page<AnalysisSummaryRow>> {
    const where = conditions(userId, filter);
    const rows = await this.db
      .select({ ...summaryColumns, total: totalCount })
      .from(codeAnalyses)
      .where(where)
      .orderBy(desc(codeAnalyses.createdAt), desc(codeAnalyses.id))
      .offset(page.skip)
      .limit(page.limit);
    return toPage(rows, page, async () => (await this.db.select({ n: count() }).from(codeAnalyses).where(where))[0]!.n);
  }

  issues(analysisId: string): Promise<AnalysisIssueRow[]> {
    return this.db.select().from(codeAnalysisIssues).where(eq(codeAnalysisIssues.analysisId, analysisId)).orderBy(asc(codeAnalysisIssues.position));
  }

  async findIssue(analysisId: string, issueId: string): Promise<AnalysisIssueRow | undefined> {
    const [row] = await this.db
      .select()
      .from(codeAnalysisIssues)
      .where(and(eq(codeAnalysisIssues.id, issueId), eq(codeAnalysisIssues.analysisId, analysisId)));
    return row;
  }

  async createProjectReport(report: NewProjectQualityReport): Promise<ProjectQualityReportRow> {
    const [row] = await this.db.insert(projectQualityReports).values(report).returning();
    return row!;
  }

  /** A project's stored batch analyses, newest first. */
  async listProjectReports(projectId: number, page: PageRequest): Promise<Page<ProjectQualityReportRow>> {
    const where = eq(projectQualityReports.projectId, projectId);
    const rows = await this.db
      .select({ ...getTableColumns(projectQualityReports), total: totalCount })
      .from(projectQualityReports)
      .where(where)
      .orderBy(desc(projectQualityReports.analyzedAt), desc(projectQualityReports.id))
      .offset(page.skip)
      .limit(page.limit);
    return toPage(rows, page, async () => (await this.db.select({ n: count() }).from(projectQualityReports).where(where))[0]!.n);
  }
}
