import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import type { AuthService } from '../services/auth.ts';
import type { Principal, RequestMeta } from '../services/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    authError: AppError | null;
  }
}

/** The credential a request carries: `X-API-Key`, or `Authorization: Bearer <jwt | rsk_…>`. */
export function credentialOf(request: FastifyRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey;
  return bearerToken(request);
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ipAddress: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** Resolves the caller once per request; routes that need a caller call `requireAuth`. */
export function installAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authError', null);
  app.addHook('onRequest', async (request) => {
    const credential = credentialOf(request);
    if (!credential) return;
    try {
      request.principal = await auth.authenticate(credential, requestMeta(request));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      request.authError = error;
    }
  });
}

// What a user whose password an administrator reset may still do until they choose a new one.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['POST /api/auth/change-password', 'GET /api/auth/me', 'POST /api/auth/logout']);

export async function requireAuth(request: FastifyRequest): Promise<void> {
  if (request.authError) throw request.authError;
  if (!request.principal) throw unauthorized('Not authenticated');
  if (request.principal.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${request.routeOptions.url}`)) {
    throw passwordChangeRequired();
  }
}

export const passwordChangeRequired = (): AppError =>
  new AppError(403, 'Password change required: call POST /api/auth/change-password first', {
    errorCode: 'PASSWORD_CHANGE_REQUIRED',
    code: 'PASSWORD_CHANGE_REQUIRED',
  });

/** For administrator-only routes: 401 without credentials, 403 for other users, before the body is validated. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  await requireAuth(request);
  if (!request.principal!.isAdmin) throw forbidden('Administrator role required');
}

/** The authenticated caller of a route guarded by `requireAuth`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('Not authenticated');
  return request.principal;
}
