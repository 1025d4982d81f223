import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { codeAnalyses, codeAnalysisIssues } from '../schema/index.ts';

export type AnalysisRow = typeof codeAnalyses.$inferSelect;
export type NewAnalysis = typeof codeAnalyses.$inferInsert;
export type AnalysisIssueRow = typeof codeAnalysisIssues.$inferSelect;
export type NewAnalysisIssue = typeof codeAnalysisIssues.$inferInsert;

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
}
