import { forbidden } from '../errors.ts';
import type { UserRow } from '../db/repositories/users.ts';

/** Who is calling: every service method takes this first and authorizes against it. */
export interface Principal {
  userId: number;
  role: 'admin' | 'user';
  isAdmin: boolean;
  /** The login session behind a JWT; null when the caller used an API key. */
  sessionId: string | null;
  apiKeyId: number | null;
  /** When the access token stops being accepted (epoch ms); null for an API key, which does not expire. */
  expiresAt: number | null;
  /** The user as read when this request was authenticated. */
  user: UserRow;
  /** Where the request came from, for the audit chain. */
  meta: RequestMeta;
}

export interface RequestMeta {
  ipAddress: string | null;
  userAgent: string | null;
}

/** The authorization line of every administrator-only service method. */
export function assertAdmin(principal: Principal): void {
  if (!principal.isAdmin) throw forbidden('Administrator role required');
}
