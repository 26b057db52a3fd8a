import { createHmac } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@cp/event-store';

/** What a webhook sender computes: lowercase hex HMAC-SHA256(secret, body) (the reference scheme, seed 001). */
export const signHex = (secret: string, body: string | Buffer): string => createHmac('sha256', secret).update(body).digest('hex');

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>"). */
export const signStandard = (secret: string, id: string, timestamp: number, body: string | Buffer): string =>
  `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;

/** Python's json.dumps(value) with default settings, as `requests` sends `json=payload` for the SDK. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

export type WebhookAnswer = { status: number; body: Record<string, unknown> & { detail?: unknown }; headers: Headers };

/** POSTs exact bytes to a webhook URL, with no Authorization unless given (the token and signature are the credentials). */
export async function postWebhook(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<WebhookAnswer> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed as WebhookAnswer['body'], headers: res.headers };
}

/** Headers the Python SDK sends on trigger_webhook (session headers + the caller's signature). */
export const sdkHeaders = (signature: string): Record<string, string> => ({
  'Content-Type': 'application/json',
  'User-Agent': 'kubiya-control-plane@2.1.0',
  Authorization: 'UserKey not-used-by-webhooks',
  'X-Webhook-Signature': signature,
});

export type StoredExecution = { execution_id: string; job_id: string; source: string; prompt: string; parameters: Record<string, unknown>; trigger_metadata: Record<string, unknown> };

/**
 * Reads ExecutionRequested events straight from the event store (the source of truth, no projection lag):
 * "how many executions did the deliveries start?" is answered exactly.
 */
export class EventStoreProbe {
  private readonly pool: Pool;
  private readonly store: PostgresEventStore;

  constructor(env: Record<string, string>) {
    this.pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
    this.store = new PostgresEventStore({ pool: this.pool, schema: env.DB_SCHEMA });
  }

  async executions(jobId?: string): Promise<StoredExecution[]> {
    const found: StoredExecution[] = [];
    for (let after: string | null = null; ;) {
      const page = await this.store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) return found;
      for (const event of page) {
        const data = event.data as StoredExecution;
        if (event.type === 'ExecutionRequested' && (jobId === undefined || data.job_id === jobId)) found.push(data);
      }
      after = page[page.length - 1].position;
    }
  }

  async allEventsText(): Promise<string> {
    return JSON.stringify(await this.store.readAll({ maxCount: 100_000 }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
