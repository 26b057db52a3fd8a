import { WEBHOOK_PATH_PREFIX } from '@cp/contracts';
import type { HttpTransport } from './http-transport';
import type { JobTriggerResponse, WebhookAuth, WebhookPayload } from './types';
import { signWebhookPayload, toPythonJson } from './webhook-signature';

export async function triggerWebhook(http: HttpTransport, pathOrUrl: string, payload: WebhookPayload | string | Uint8Array, auth: WebhookAuth): Promise<JobTriggerResponse> {
  const body = typeof payload === 'string' || payload instanceof Uint8Array ? payload : toPythonJson(payload);
  const signature = auth.signature ?? signWebhookPayload(requireSecret(auth.secret), body);
  const headers: Record<string, string> = { 'X-Webhook-Signature': signature };
  if (auth.deliveryId) headers['X-Webhook-Delivery'] = auth.deliveryId;
  // The token and the signature are the credentials; the API key is not sent to a webhook URL.
  return http.json({ method: 'POST', path: webhookPath(pathOrUrl), body, headers, authenticate: false });
}

/** Accepts a full webhook_url, its path (`/api/v1/jobs/webhook/<token>`) or the token alone. */
export function webhookPath(pathOrUrl: string): string {
  const value = pathOrUrl.trim();
  if (value === '') throw new TypeError('A webhook URL, path or token is required');
  if (/^https?:\/\//i.test(value) || value.startsWith(WEBHOOK_PATH_PREFIX)) return value;
  return `${WEBHOOK_PATH_PREFIX}${encodeURIComponent(value.replace(/^\/+/, ''))}`;
}

function requireSecret(secret: string | undefined): string {
  if (!secret) throw new TypeError('triggerWebhook needs either {secret} or {signature}');
  return secret;
}
