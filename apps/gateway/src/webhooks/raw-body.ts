import type { Request, Response } from 'express';
import { raw } from 'express';
import { WEBHOOK_MAX_BODY_BYTES, type WebhookHttpAnswer } from '@cp/contracts';

/** Webhook bodies are read here, not by the JSON body parser: exact bytes, no decompression, 1 MiB at most. */
const reader = raw({ type: () => true, limit: WEBHOOK_MAX_BODY_BYTES, inflate: false });

const refuse = (status: number, detail: string): WebhookHttpAnswer => ({ status, headers: {}, body: { detail } });

export function readWebhookBody(req: Request, res: Response): Promise<{ ok: true; body: Buffer } | { ok: false; answer: WebhookHttpAnswer }> {
  return new Promise((resolve) => {
    reader(req, res, (error?: unknown) => {
      const type = (error as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return resolve({ ok: false, answer: refuse(413, `Request body too large: the limit is ${WEBHOOK_MAX_BODY_BYTES} bytes (1 MiB)`) });
      if (type === 'encoding.unsupported') return resolve({ ok: false, answer: refuse(415, 'Content-Encoding is not supported: send the body uncompressed') });
      if (error) return resolve({ ok: false, answer: refuse(400, 'Could not read the request body') });
      resolve({ ok: true, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) });
    });
  });
}

/** Writes the webhooks service's answer as it is; 413 closes the connection so the rest of the body is not read. */
export function sendWebhookAnswer(res: Response, answer: WebhookHttpAnswer): void {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.status === 413) res.setHeader('Connection', 'close');
  res.status(answer.status).json(answer.body);
}
