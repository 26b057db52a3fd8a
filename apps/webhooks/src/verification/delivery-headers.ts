/** Request headers as the webhooks service receives them: lower-case names, one string value each. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

/** The headers a delivery is judged by. Every value is trimmed; an empty value counts as absent. */
export type DeliveryHeaders = {
  /** Reference scheme: lowercase hex HMAC-SHA256(secret, body). */
  hexSignature: string | null;
  /** Standard Webhooks scheme: `webhook-signature: v1,<base64>` over `<id>.<timestamp>.<body>`. */
  standard: { id: string | null; timestamp: string | null; signature: string | null };
  /** De-duplication key: webhook-id, else X-Webhook-Delivery, else Idempotency-Key. */
  deliveryId: string | null;
  contentType: string | null;
};

const value = (headers: HeaderMap, name: string): string | null => {
  const raw = headers[name];
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
};

export function readDeliveryHeaders(headers: HeaderMap): DeliveryHeaders {
  const standard = { id: value(headers, 'webhook-id'), timestamp: value(headers, 'webhook-timestamp'), signature: value(headers, 'webhook-signature') };
  return {
    hexSignature: value(headers, 'x-webhook-signature'),
    standard,
    deliveryId: standard.id ?? value(headers, 'x-webhook-delivery') ?? value(headers, 'idempotency-key'),
    contentType: value(headers, 'content-type'),
  };
}

/** Lower-cases names and joins repeated values, as Node does for most headers. */
export function normalizeHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
