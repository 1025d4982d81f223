import { randomBytes } from 'node:crypto';
import { type AppError, badRequest, fieldError, forbidden, unauthorized } from '../errors.ts';
import type { Db } from '../db/client.ts';
import type { ApiKeyRepository } from '../db/repositories/api-keys.ts';
import type { SessionRepository } from '../db/repositories/sessions.ts';
import type { UserRepository, UserRow } from '../db/repositories/users.ts';
import { hashPassword, passwordWeakness, verifyPassword } from '../security/passwords.ts';
import type { TokenIssuer } from '../security/tokens.ts';
import { type AuditChain, auditActor, auditOrigin } from '../governance/audit-chain.ts';
import { hashApiKey, isApiKey } from './api-keys.ts';
import type { AccountChanges } from './account-changes.ts';
import type { Principal, RequestMeta } from './principal.ts';

export interface UserView {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  role: 'admin' | 'user';
  is_admin: boolean;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    is_admin: user.role === 'admin',
    is_active: user.status === 'active',
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export interface LoginResult {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: UserView;
}

export interface AccessTokenResult {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

// API keys authenticate on every request; their last use is recorded at most once a minute.
const API_KEY_TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly tokens: TokenIssuer,
    private readonly audit: AuditChain,
    private readonly accountChanges: AccountChanges,
    /** After an account was created (its row and audit entry are written). */
    private readonly onRegistered: (user: { id: number; role: string }) => Promise<void> = async () => {},
    /** Refuses a correct password when the account must sign in another way (its organisation's single sign-on). */
    private readonly passwordLoginPolicy: (user: UserRow) => Promise<void> = async () => {},
  ) {}

  async register(input: { username: string; email: string; password: string; full_name?: string | null | undefined }, meta: RequestMeta): Promise<UserView> {
    const weakness = passwordWeakness(input.password);
    if (weakness) throw fieldError(422, ['body', 'password'], weakness, 'value_error.password');
    if (await this.users.usernameTaken(input.username)) throw badRequest('Username already registered');
    if (await this.users.emailTaken(input.email)) throw badRequest('Email already registered');
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.users.transaction(async (tx) => {
        const created = await this.users.createFirstAdminOrUser({ username: input.username, email: input.email.toLowerCase(), fullName: input.full_name ?? null, passwordHash }, tx);
        await this.audit.append({
          ...auditOrigin(meta), actorId: created.id, entity: 'user', action: 'create', resourceId: created.id,
          payload: { username: created.username, email: created.email, role: created.role },
        }, tx);
        return created;
      });
      await this.onRegistered(user);
      return toUserView(user);
    } catch (error) {
      throw uniqueViolationToBadRequest(error);
    }
  }

  async login(input: { login: string; password: string }, meta: RequestMeta): Promise<LoginResult> {
    const user = await this.users.findByLogin(input.login);
    // Unknown users cost one hash verification too, so response time does not reveal which accounts exist.
    const valid = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyPassword(await this.getDummyHash(), input.password).then(() => false);
    const temporaryExpired = user?.passwordExpiresAt != null && user.passwordExpiresAt.getTime() <= Date.now();
    if (!user || !valid || user.status !== 'active' || temporaryExpired) {
      const reason = !user || !valid ? 'bad_credentials' : user.status !== 'active' ? 'suspended' : 'temporary_password_expired';
      await this.audit.append({
        ...auditOrigin(meta), actorId: user?.id ?? null, entity: 'user', action: 'login', resourceId: user?.id, status: 'failure',
        payload: { login: input.login.slice(0, 254), reason },
      });
      if (reason === 'suspended') throw forbidden('Account is suspended');
      if (reason === 'temporary_password_expired') throw unauthorized('Temporary password has expired; ask an administrator for a new one');
      throw unauthorized('Incorrect username or password');
    }
    try {
      await this.passwordLoginPolicy(user);
    } catch (error) {
      await this.audit.append({
        ...auditOrigin(meta), actorId: user.id, entity: 'user', action: 'login', resourceId: user.id, status: 'failure',
        payload: { login: input.login.slice(0, 254), reason: 'sso_required' },
      });
      throw error;
    }
    return this.users.transaction((tx) => this.openSession(user, meta, { entity: 'user', action: 'login' }, tx));
  }

  /** Opens a login session for a user whose identity is already established, with its audit entry, in `tx`. */
  async openSession(
    user: UserRow,
    meta: RequestMeta,
    audit: { entity: string; action: string; organizationId?: number; payload?: Record<string, unknown> },
    tx: Db,
  ): Promise<LoginResult> {
    const sessionId = randomBytes(18).toString('base64url');
    const refreshTtl = this.tokens.ttlSeconds('refresh');
    await this.sessions.create({
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + refreshTtl * 1000),
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    }, tx);
    await this.audit.append({ ...auditOrigin(meta), actorId: user.id, resourceId: user.id, ...audit }, tx);
    return {
      access_token: this.tokens.sign('access', user.id, sessionId),
      refresh_token: this.tokens.sign('refresh', user.id, sessionId),
      token_type: 'bearer',
      expires_in: this.tokens.ttlSeconds('access'),
      user: toUserView(user),
    };
  }

  async refresh(refreshToken: string): Promise<AccessTokenResult> {
    const check = this.tokens.verify(refreshToken, 'refresh');
    if (!check.ok) throw tokenFailure(check.reason, 'refresh');
    const user = await this.sessions.findActiveUser(check.claims.sid, Number(check.claims.sub));
    if (!user) throw unauthorized('Session has been revoked or has expired');
    if (user.status !== 'active') throw forbidden('Account is suspended');
    return {
      access_token: this.tokens.sign('access', user.id, check.claims.sid),
      token_type: 'bearer',
      expires_in: this.tokens.ttlSeconds('access'),
    };
  }

  /** Resolves a bearer token or API key to the calling principal; refuses anything revoked, expired or forged. */
  async authenticate(credential: string, meta: RequestMeta): Promise<Principal> {
    if (isApiKey(credential)) return this.authenticateApiKey(credential, meta);
    const check = this.tokens.verify(credential, 'access');
    if (!check.ok) throw tokenFailure(check.reason, 'access');
    const user = await this.sessions.findActiveUser(check.claims.sid, Number(check.claims.sub));
    if (!user) throw unauthorized('Session has been revoked or has expired');
    if (user.status !== 'active') throw forbidden('Account is suspended');
    return { userId: user.id, role: user.role, isAdmin: user.role === 'admin', sessionId: check.claims.sid, apiKeyId: null, expiresAt: check.claims.exp * 1000, user, meta };
  }

  private async authenticateApiKey(key: string, meta: RequestMeta): Promise<Principal> {
    const found = await this.apiKeys.findByHash(hashApiKey(key));
    if (!found) throw unauthorized('Invalid API key');
    if (found.user.status !== 'active') throw forbidden('Account is suspended');
    const now = new Date();
    if (!found.key.lastUsedAt || now.getTime() - found.key.lastUsedAt.getTime() > API_KEY_TOUCH_INTERVAL_MS) {
      await this.apiKeys.touch(found.key.id, now, API_KEY_TOUCH_INTERVAL_MS);
    }
    const user = found.user;
    return { userId: user.id, role: user.role, isAdmin: user.role === 'admin', sessionId: null, apiKeyId: found.key.id, expiresAt: null, user, meta };
  }

  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) throw badRequest('API keys have no session to log out of; delete the key instead');
    const sessionId = principal.sessionId;
    await this.users.transaction(async (tx) => {
      await this.sessions.revoke(sessionId, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'logout', resourceId: principal.userId }, tx);
    });
    this.accountChanges.changed(principal.userId);
  }

  me(principal: Principal): UserView {
    return toUserView(principal.user);
  }

  async updateMe(principal: Principal, changes: { full_name?: string | null | undefined; email?: string | undefined }): Promise<UserView> {
    const email = changes.email?.toLowerCase();
    if (email !== undefined && (await this.users.emailTaken(email, principal.userId))) throw badRequest('Email already registered');
    try {
      const fields = { ...(email !== undefined ? { email } : {}), ...(changes.full_name !== undefined ? { fullName: changes.full_name } : {}) };
      const updated = await this.users.transaction(async (tx) => {
        const row = await this.users.update(principal.userId, fields, tx);
        if (!row) throw unauthorized('User no longer exists');
        // Which fields changed, not their values: the entry outlives the account's data.
        await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'update', resourceId: principal.userId, payload: { fields: Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined) } }, tx);
        return row;
      });
      return toUserView(updated);
    } catch (error) {
      throw uniqueViolationToBadRequest(error);
    }
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.requireUser(principal.userId);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.audit.append({
        ...auditActor(principal), entity: 'user', action: 'password_change', resourceId: user.id, status: 'failure',
        payload: { reason: 'wrong_current_password' },
      });
      throw unauthorized('Current password is incorrect');
    }
    const weakness = passwordWeakness(newPassword);
    if (weakness) throw fieldError(422, ['body', 'new_password'], weakness, 'value_error.password');
    if (newPassword === currentPassword) throw fieldError(422, ['body', 'new_password'], 'New password must differ from the current one');
    const passwordHash = await hashPassword(newPassword);
    await this.users.transaction(async (tx) => {
      await this.users.update(user.id, { passwordHash, mustChangePassword: false, passwordExpiresAt: null }, tx);
      await this.sessions.revokeAllForUser(user.id, principal.sessionId ?? undefined, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'password_change', resourceId: user.id }, tx);
    });
    this.accountChanges.changed(user.id);
  }

  private async requireUser(userId: number): Promise<UserRow> {
    const user = await this.users.findById(userId);
    if (!user) throw unauthorized('User no longer exists');
    return user;
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}

function tokenFailure(reason: 'expired' | 'invalid' | 'wrong_type', expected: 'access' | 'refresh'): AppError {
  if (reason === 'expired') return unauthorized('Token has expired', 'AUTH_002');
  if (reason === 'wrong_type') return unauthorized(`An ${expected} token is required`);
  return unauthorized('Invalid token');
}

function uniqueViolationToBadRequest(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const source = pgError.code ? pgError : pgError.cause;
  if (source?.code !== '23505') return error;
  return badRequest(source.constraint === 'users_username_key' ? 'Username already registered' : 'Email already registered');
}
