import type { Request, Response } from 'express';
import { raw } from 'express';
import { WEBHOOK_MAX_BODY_BYTES, type WebhookHttpAnswer } from '@cp/contracts';

export type RawBody = { ok: true; body: Buffer } | { ok: false; reason: 'payload_too_large' | 'unsupported_media_type' | 'invalid_payload'; answer: WebhookHttpAnswer };

/** Bytes exactly as received: no decompression (a signature covers what was sent), nothing over 1 MiB. */
const reader = raw({ type: () => true, limit: WEBHOOK_MAX_BODY_BYTES, inflate: false });

const refuse = (reason: Extract<RawBody, { ok: false }>['reason'], status: number, detail: string): RawBody => ({ ok: false, reason, answer: { status, headers: {}, body: { detail } } });

export function readRawBody(req: Request, res: Response): Promise<RawBody> {
  return new Promise((resolve) => {
    reader(req, res, (error?: unknown) => {
      const type = (error as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return resolve(refuse('payload_too_large', 413, `Request body too large: the limit is ${WEBHOOK_MAX_BODY_BYTES} bytes (1 MiB)`));
      if (type === 'encoding.unsupported') return resolve(refuse('unsupported_media_type', 415, 'Content-Encoding is not supported: send the body uncompressed'));
      if (error) return resolve(refuse('invalid_payload', 400, 'Could not read the request body'));
      resolve({ ok: true, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) });
    });
  });
}

/** Writes an answer; 413 closes the connection so the rest of an oversized body is not read. */
export function sendAnswer(res: Response, answer: WebhookHttpAnswer): void {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.status === 413) res.setHeader('Connection', 'close');
  res.status(answer.status).json(answer.body);
}
