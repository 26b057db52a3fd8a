import type { CommandMetadata, RequestContext } from '@cp/contracts';

export const commandMetadata = (context: RequestContext, now: Date = new Date()): CommandMetadata => ({
  organizationId: context.organizationId,
  actor: context.actor,
  correlationId: context.correlationId,
  now: now.toISOString(),
});
