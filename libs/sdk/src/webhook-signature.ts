import { createHmac } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of the exact bytes sent, as the server checks X-Webhook-Signature. */
export function signWebhookPayload(secret: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('hex');
}

/**
 * Serialises a value exactly like Python's `json.dumps(value)` (what the Python SDK sends): `", "` and `": "`
 * separators, every non-ASCII character as a `\uXXXX` escape (surrogate pairs for astral ones), keys in insertion
 * order. A signature computed in Python over its body matches one computed here over this string.
 */
export function toPythonJson(value: unknown): string {
  const text = encode(value);
  if (text === undefined) throw new TypeError('The payload cannot be serialised to JSON');
  return text;
}

function encode(value: unknown): string | undefined {
  const json = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  switch (typeof json) {
    case 'string':
      return quote(json);
    case 'number':
      if (!Number.isFinite(json)) throw new TypeError(`The payload holds ${json}, which JSON cannot represent`);
      return JSON.stringify(json);
    case 'boolean':
      return json ? 'true' : 'false';
    case 'bigint':
      return json.toString();
    case 'object':
      if (json === null) return 'null';
      return Array.isArray(json) ? encodeArray(json) : encodeObject(json as Record<string, unknown>);
    default:
      return undefined;
  }
}

function encodeArray(items: unknown[]): string {
  return `[${items.map((item) => encode(item) ?? 'null').join(', ')}]`;
}

function encodeObject(record: Record<string, unknown>): string {
  const members: string[] = [];
  for (const [key, item] of Object.entries(record)) {
    const encoded = encode(item);
    if (encoded !== undefined) members.push(`${quote(key)}: ${encoded}`);
  }
  return `{${members.join(', ')}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (SHORT_ESCAPES[char]) out += SHORT_ESCAPES[char];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
