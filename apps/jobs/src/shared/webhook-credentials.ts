import { randomBytes } from 'node:crypto';
import type { SecretBox } from '@cp/config';
import type { WebhookCredentials } from '@cp/contracts';

/** Same strength as the reference service: token_urlsafe(16) for the path, token_urlsafe(32) for the secret. */
export function newWebhookCredentials(secretBox: SecretBox): { credentials: WebhookCredentials; secret: string } {
  const secret = randomBytes(32).toString('base64url');
  return { credentials: { token: randomBytes(16).toString('base64url'), secret_encrypted: secretBox.encrypt(secret) }, secret };
}
