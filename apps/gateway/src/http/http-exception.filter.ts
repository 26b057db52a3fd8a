import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { JsonLogger } from '@cp/config';
import { DomainFailure, HTTP_STATUS_FOR_ERROR } from '@cp/contracts';
import { LOGGER } from '@cp/runtime';

/** Every error leaves in the seed's shape `{detail}`; internals are logged, never returned. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainFailure) {
      res.status(HTTP_STATUS_FOR_ERROR[exception.error.code]).json({ detail: exception.error.detail });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { detail?: unknown; message?: unknown }).detail ?? (body as { message?: unknown }).message ?? exception.message);
      res.status(exception.getStatus()).json({ detail: exception.getStatus() === 404 && typeof detail !== 'string' ? 'Not Found' : detail });
      return;
    }
    const req = host.switchToHttp().getRequest<{ method: string; url: string; headers: Record<string, unknown> }>();
    this.logger.error('unhandled error', { error: exception, method: req.method, path: req.url, correlationId: req.headers['x-correlation-id'] });
    res.status(500).json({ detail: 'Internal Server Error' });
  }
}
