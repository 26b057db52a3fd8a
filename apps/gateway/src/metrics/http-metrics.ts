import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the gateway: request latency by method, route template and status, plus process metrics. */
export const gatewayMetrics = new Registry();
collectDefaultMetrics({ register: gatewayMetrics });

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route template and status code',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [gatewayMetrics],
});

/** Labels use the route template (`/api/v1/jobs/:jobId`), never the raw path, so ids cannot explode the series. */
export function recordHttpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = requestDuration.startTimer();
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    const template = route ? `${req.baseUrl}${route}` : 'unmatched';
    end({ method: req.method, route: template, status: String(res.statusCode) });
  });
  next();
}
