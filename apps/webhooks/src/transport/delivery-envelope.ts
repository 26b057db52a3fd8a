import type { MsgHdrs } from 'nats';
import { WEBHOOK_ENVELOPE_HEADER, WEBHOOK_MAX_BODY_BYTES, type WebhookDeliveryEnvelope, type WebhookDeliveryReply } from '@cp/contracts';

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/** The envelope of a `cmd.webhooks.deliver` request, or null when it is missing or malformed. */
export function readEnvelope(headers: MsgHdrs | undefined): WebhookDeliveryEnvelope | null {
  const raw = headers?.get(WEBHOOK_ENVELOPE_HEADER);
  if (!raw) return null;
  let parsed: Partial<WebhookDeliveryEnvelope>;
  try {
    parsed = JSON.parse(raw) as Partial<WebhookDeliveryEnvelope>;
  } catch {
    return null;
  }
  const { token, headers: httpHeaders, body_length, correlation_id } = parsed;
  if (typeof token !== 'string' || !isStringRecord(httpHeaders) || typeof correlation_id !== 'string') return null;
  if (typeof body_length !== 'number' || !Number.isInteger(body_length) || body_length < 0) return null;
  return { token, headers: httpHeaders, body_length, correlation_id };
}

export const exceedsLimit = (envelope: WebhookDeliveryEnvelope): boolean => envelope.body_length > WEBHOOK_MAX_BODY_BYTES;

const encoder = new TextEncoder();
export const encodeReply = (reply: WebhookDeliveryReply): Uint8Array => encoder.encode(JSON.stringify(reply));
