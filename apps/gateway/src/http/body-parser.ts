import type { NextFunction, Request, Response } from 'express';
import { raw } from 'express';
import { WEBHOOK_PATH_PREFIX } from '@cp/contracts';

export const MAX_BODY_BYTES = 1024 * 1024;

export type RequestWithBody = Request & { rawBody?: Buffer };

const readRaw = raw({ type: () => true, limit: MAX_BODY_BYTES });

function send(res: Response, status: number, body: unknown): void {
  res.status(status).json(body);
}

/**
 * Reads the body as bytes (kept on `rawBody` for signature checks), then parses JSON ourselves so each bad input
 * gets the seed's error shape: 413 over 1 MiB, 415 for a non-JSON content type, 422 `json_invalid` for bad JSON.
 * An empty body is accepted whatever the content type: the Go CLI POSTs enable/disable with no body.
 */
export function jsonBodyParser(req: RequestWithBody, res: Response, next: NextFunction): void {
  // Webhook deliveries read their own bytes: limits, errors and order of checks are the webhooks service's.
  if (req.method === 'POST' && req.path.startsWith(WEBHOOK_PATH_PREFIX)) return next();
  readRaw(req, res, (error?: unknown) => {
    if (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') return send(res, 413, { detail: `Request body too large: the limit is ${MAX_BODY_BYTES} bytes (1 MiB)` });
      return send(res, 400, { detail: 'Could not read the request body' });
    }
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.rawBody = bytes;
    if (bytes.length === 0 || bytes.toString('utf8').trim() === '') {
      req.body = undefined;
      return next();
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (!/^application\/([a-z0-9.+-]*\+)?json\b/.test(contentType)) {
      return send(res, 415, { detail: `Unsupported media type '${contentType || 'none'}': send the body as application/json` });
    }
    try {
      req.body = JSON.parse(bytes.toString('utf8'));
      next();
    } catch (parseError) {
      send(res, 422, { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: (parseError as Error).message } }] });
    }
  });
}
