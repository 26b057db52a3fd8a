import { CanActivate, ExecutionContext, HttpException, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { extractToken, verifyAccessToken, type AppConfig, type Principal } from '@cp/config';
import type { RequestContext } from '@cp/contracts';
import { APP_CONFIG } from '@cp/runtime';

const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no token (health, OpenAPI, webhook deliveries). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type AuthedRequest = { headers: Record<string, string | undefined>; principal?: Principal; correlationId?: string };

function unauthorized(message: string): HttpException {
  // The reference service answers 401 with a dict detail; clients read detail.message or the whole detail.
  return new HttpException({ detail: { error: 'Unauthorized', message, hint: 'Send Authorization: Bearer <token> (or UserKey <token>)' } }, 401);
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    req.correlationId = req.headers['x-correlation-id'] || randomUUID();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const token = extractToken(req.headers.authorization, req.headers.userkey);
    if (!token) throw unauthorized('Authorization header is required');
    try {
      req.principal = verifyAccessToken(token, this.config.jwtSecret);
    } catch (error) {
      throw unauthorized(`Invalid token: ${(error as Error).message}`);
    }
    return true;
  }
}

/** The caller as a command context: organization, actor and correlation id. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  const principal = req.principal as Principal;
  return { organizationId: principal.organizationId, actor: { id: principal.userId, email: principal.email }, correlationId: req.correlationId ?? randomUUID() };
});
