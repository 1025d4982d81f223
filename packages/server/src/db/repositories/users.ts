import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { users } from '../schema/index.ts';
import type { Caches } from '../../cache/caches.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Pick<typeof users.$inferInsert, 'username' | 'email' | 'fullName' | 'passwordHash'>;

export type UserChanges = Partial<Pick<UserRow, 'email' | 'fullName' | 'passwordHash' | 'role' | 'status' | 'mustChangePassword' | 'passwordExpiresAt'>>;

export interface UserFilter {
  status?: UserRow['status'] | undefined;
  role?: UserRow['role'] | undefined;
  /** Substring of the email or username, case-insensitive. */
  search?: string | undefined;
}

// Arbitrary constants: serialise registrations so exactly one first user becomes admin, and
// role/status changes so two administrators cannot remove the last administrator concurrently.
const FIRST_USER_LOCK_ID = 7_351_001;
const ADMIN_CHANGE_LOCK_ID = 7_351_002;

const isActiveAdmin = (user: Pick<UserRow, 'role' | 'status'>): boolean => user.role === 'admin' && user.status === 'active';

function filterConditions(filter: UserFilter): SQL | undefined {
  const pattern = filter.search !== undefined ? `%${filter.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` : undefined;
  return and(
    filter.status !== undefined ? eq(users.status, filter.status) : undefined,
    filter.role !== undefined ? eq(users.role, filter.role) : undefined,
    pattern !== undefined ? sql`(lower(${users.email}) LIKE ${pattern} OR lower(${users.username}) LIKE ${pattern})` : undefined,
  );
}

export class UserRepository {
  constructor(
    private readonly db: Db,
    private readonly caches?: Pick<Caches<UserRow, unknown>, 'userChanged'>,
  ) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async findById(id: number): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  async findByLogin(login: string): Promise<UserRow | undefined> {
    const normalized = login.toLowerCase();
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${normalized} OR lower(${users.username}) = ${normalized}`)
      .limit(1);
    return row;
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row;
  }

  async usernameTaken(username: string): Promise<boolean> {
    const [row] = await this.db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
    return row !== undefined;
  }

  async emailTaken(email: string, exceptUserId?: number): Promise<boolean> {
    const row = await this.findByEmail(email);
    return row !== undefined && row.id !== exceptUserId;
  }

  /** The administrator who registered first (the installation's first account, while it is an admin). */
  async firstAdmin(): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.role, 'admin')).orderBy(asc(users.id)).limit(1);
    return row;
  }

  /** Inserts a user; the first user of an empty table becomes admin. */
  async createFirstAdminOrUser(user: NewUser, db: Db = this.db): Promise<UserRow> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK_ID})`);
      const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(users);
      const [row] = await tx
        .insert(users)
        .values({ ...user, role: total === 0 ? 'admin' : 'user' })
        .returning();
      return row!;
    });
  }

  list(filter: UserFilter, limit: number, offset: number): Promise<UserRow[]> {
    return this.db.select().from(users).where(filterConditions(filter)).orderBy(desc(users.id)).limit(limit).offset(offset);
  }

  async count(filter: UserFilter): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(users).where(filterConditions(filter));
    return row?.total ?? 0;
  }

  /** Applies a role or status change unless it would leave no active administrator. */
  async updateKeepingAnAdmin(id: number, changes: Pick<UserChanges, 'role' | 'status'>, db: Db = this.db): Promise<UserRow | 'last_admin' | undefined> {
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_ID})`);
      const [target] = await tx.select().from(users).where(eq(users.id, id));
      if (!target) return undefined;
      if (isActiveAdmin(target) && !isActiveAdmin({ ...target, ...changes })) {
        const [others] = await tx
          .select({ total: count() })
          .from(users)
          .where(and(eq(users.role, 'admin'), eq(users.status, 'active'), ne(users.id, id)));
        if (!others?.total) return 'last_admin' as const;
      }
      const [row] = await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      return row;
    });
    await this.caches?.userChanged(id, db);
    return result;
  }

  async update(id: number, changes: UserChanges, db: Db = this.db): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    await this.caches?.userChanged(id, db);
    return row;
  }
}
