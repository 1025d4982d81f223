import { randomUUID } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  sub: string;
  sid: string;
  typ: TokenType;
  jti: string;
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'expired' | 'invalid' | 'wrong_type' };

export interface TokenIssuer {
  sign(type: TokenType, userId: number, sessionId: string): string;
  verify(token: string, expected: TokenType): TokenCheck;
  ttlSeconds(type: TokenType): number;
}

/** HS256 only: the verifier refuses `alg: none` and every other algorithm. */
export function createTokenIssuer(secret: string, ttl: Record<TokenType, number>): TokenIssuer {
  const signer = createSigner({ key: secret, algorithm: 'HS256' });
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'], requiredClaims: ['sub', 'sid', 'typ', 'exp'] });
  return {
    sign(type, userId, sessionId) {
      const now = Math.floor(Date.now() / 1000);
      return signer({ sub: String(userId), sid: sessionId, typ: type, jti: randomUUID(), iat: now, exp: now + ttl[type] });
    },
    verify(token, expected) {
      let claims: TokenClaims;
      try {
        claims = verifier(token) as TokenClaims;
      } catch (error) {
        if (error instanceof TokenError && error.code === TokenError.codes.expired) return { ok: false, reason: 'expired' };
        return { ok: false, reason: 'invalid' };
      }
      if (claims.typ !== expected) return { ok: false, reason: 'wrong_type' };
      if (!/^[1-9][0-9]*$/.test(claims.sub) || typeof claims.sid !== 'string') return { ok: false, reason: 'invalid' };
      return { ok: true, claims };
    },
    ttlSeconds: (type) => ttl[type],
  };
}
