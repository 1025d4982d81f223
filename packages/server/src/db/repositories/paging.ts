import { sql } from 'drizzle-orm';

export interface PageRequest {
  skip: number;
  limit: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** Selected beside a page's columns, so one query gives both the page and the number of matches. */
export const totalCount = sql<number>`count(*) over ()`.mapWith(Number);

/** Strips the window total from a page; a page past the end has no row to carry it, so it is counted apart. */
export async function toPage<T extends { total: number }>(
  rows: T[],
  request: PageRequest,
  countAll: () => Promise<number>,
): Promise<Page<Omit<T, 'total'>>> {
  const total = rows[0]?.total ?? (request.skip > 0 ? await countAll() : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}
