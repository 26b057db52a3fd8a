import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Who a request acts as: the claims of its HS256 token. */
export type Principal = { organizationId: string; userId: string; email: string | null };

type Claims = { sub?: unknown; org_id?: unknown; email?: unknown };

export function signAccessToken(principal: Principal, secret: string, expiresIn: jwt.SignOptions['expiresIn'] = '30d'): string {
  return jwt.sign({ org_id: principal.organizationId, email: principal.email }, secret, { algorithm: 'HS256', subject: principal.userId, expiresIn });
}

/**
 * Given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every call, which cost more
 * CPU than the rest of a request; a secret KeyObject, made once per secret, skips that.
 */
const keys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Returns the principal, or throws an Error whose message says what is wrong with the token. */
export function verifyAccessToken(token: string, secret: string): Principal {
  const claims = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'] }) as Claims;
  if (typeof claims.org_id !== 'string' || claims.org_id === '') throw new Error('token has no org_id claim');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('token has no sub claim');
  return { organizationId: claims.org_id, userId: claims.sub, email: typeof claims.email === 'string' ? claims.email : null };
}

/**
 * Reads the token from the header forms real clients send (wire notes §1): `Bearer <t>`, `UserKey <t>`,
 * the common misspelling `Baerer <t>`, a bare token, or a separate `UserKey` header.
 */
export function extractToken(authorization: string | undefined, userKeyHeader?: string): string | null {
  if (authorization) {
    const value = authorization.trim();
    const match = /^(Bearer|UserKey|Baerer)\s+(.+)$/i.exec(value);
    if (match) return match[2].trim();
    if (!/\s/.test(value)) return value;
    return null;
  }
  return userKeyHeader?.trim() || null;
}
