import type { ValidationIssue } from '@cp/contracts';

/** Seed 001 WebhookPayload, absent fields filled: `{parameters?, config_override?, metadata?}`. */
export type WebhookPayload = {
  parameters: Record<string, unknown>;
  config_override: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
};

export type PayloadResult =
  | { ok: true; payload: WebhookPayload }
  | { ok: false; status: 415; reason: 'unsupported_media_type'; detail: string }
  | { ok: false; status: 422; reason: 'invalid_payload'; detail: ValidationIssue[] };

/** Deeper JSON is refused: it would only serve to exhaust the stack of whoever serialises it next. */
export const MAX_JSON_DEPTH = 64;

const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const invalid = (detail: ValidationIssue[]): PayloadResult => ({ ok: false, status: 422, reason: 'invalid_payload', detail });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return max;
}

function decodeJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(body)) };
  } catch (error) {
    return { ok: false, error: error instanceof TypeError ? 'The body is not valid UTF-8' : (error as Error).message };
  }
}

function dictField(body: Record<string, unknown>, field: keyof WebhookPayload, issues: ValidationIssue[]): Record<string, unknown> | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (isObject(value)) return value;
  issues.push({ loc: ['body', field], msg: 'Input should be a valid dictionary', type: 'dict_type' });
  return null;
}

/**
 * Parses the (already verified) body. Empty body: no parameters. Without a Content-Type the body is read as JSON
 * (as FastAPI does); any other non-JSON type is 415. Bad JSON or wrong field types are 422 in FastAPI's shape.
 */
export function parseWebhookPayload(body: Uint8Array, contentType: string | null): PayloadResult {
  if (body.length === 0) return { ok: true, payload: { parameters: {}, config_override: null, metadata: {} } };
  if (contentType !== null && !JSON_CONTENT_TYPE.test(contentType)) {
    return { ok: false, status: 415, reason: 'unsupported_media_type', detail: `Unsupported media type '${contentType.slice(0, 100)}': send the body as application/json` };
  }
  const decoded = decodeJson(body);
  if (!decoded.ok) return invalid([{ loc: ['body'], msg: `JSON decode error: ${decoded.error.slice(0, 200)}`, type: 'json_invalid' }]);
  if (!isObject(decoded.value)) return invalid([{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }]);
  if (jsonDepth(decoded.value) > MAX_JSON_DEPTH) return invalid([{ loc: ['body'], msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, type: 'value_error' }]);
  const issues: ValidationIssue[] = [];
  const parameters = dictField(decoded.value, 'parameters', issues);
  const config_override = dictField(decoded.value, 'config_override', issues);
  const metadata = dictField(decoded.value, 'metadata', issues);
  if (issues.length > 0) return invalid(issues);
  return { ok: true, payload: { parameters: parameters ?? {}, config_override, metadata: metadata ?? {} } };
}

/** Bytes of JSON the kept fields take (what the execution will carry). */
export const payloadFieldsBytes = (payload: WebhookPayload): number => Buffer.byteLength(JSON.stringify(payload));
