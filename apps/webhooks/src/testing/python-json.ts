/**
 * Python's `json.dumps(value)` with its defaults, which is what `requests` sends for `json=payload` (the SDK's
 * trigger_webhook): separators ", " and ": ", ensure_ascii (DEL and non-ASCII as \uXXXX), keys in insertion order.
 * Numbers are written as JavaScript writes them (Python would write 1.0 for a float one).
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  throw new Error(`Not JSON: ${typeof value}`);
}
