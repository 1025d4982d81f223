import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, users } from '../schema/index.ts';
import type { Caches } from '../../cache/caches.ts';
import type { UserRow } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionRepository {
  constructor(
    private readonly db: Db,
    private readonly caches?: Pick<Caches<UserRow, unknown>, 'sessions' | 'sessionRevoked' | 'userChanged'>,
  ) {}

  async create(session: { id: string; userId: number; expiresAt: Date; ipAddress: string | null; userAgent: string | null }, db: Db = this.db): Promise<void> {
    await db.insert(sessions).values(session);
  }

  /** The user behind a session that is neither revoked nor expired. */
  async findActiveUser(sessionId: string, userId: number): Promise<UserRow | undefined> {
    const cache = this.caches?.sessions;
    const cached = cache?.get(sessionId, userId);
    if (cached) return cached;
    const stamp = cache?.readStamp() ?? 0;
    const [row] = await this.db
      .select({ user: users, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
    if (row) cache?.set(sessionId, row.user, row.expiresAt, stamp);
    return row?.user;
  }

  async revoke(sessionId: string, db: Db = this.db): Promise<void> {
    await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    await this.caches?.sessionRevoked(sessionId, db);
  }

  async revokeAllForUser(userId: number, exceptSessionId?: string, db: Db = this.db): Promise<void> {
    const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
    if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
    await db.update(sessions).set({ revokedAt: new Date() }).where(and(...conditions));
    await this.caches?.userChanged(userId, db);
  }
}
