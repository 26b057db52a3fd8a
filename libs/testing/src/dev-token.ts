import jwt from 'jsonwebtoken';
import { DEVELOPMENT_DEFAULTS } from '@cp/config';

export type DevTokenClaims = { organizationId: string; userId: string; email?: string | null };

/** An HS256 bearer token with the claims the gateway verifies: `sub`, `org_id`, `email`. */
export function devToken(claims: DevTokenClaims, secret: string = DEVELOPMENT_DEFAULTS.jwtSecret, expiresInSeconds = 3600): string {
  return jwt.sign({ sub: claims.userId, org_id: claims.organizationId, email: claims.email ?? null }, secret, {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
  });
}
