import type { NatsConnection } from 'nats';
import { JOBS_SERVICE, type CommandReply, type Subjects, type TriggerJobRequest, type TriggerJobResult } from '@cp/contracts';
import { sendCommand } from '@cp/messaging';
import type { JobTrigger } from '../delivery/ports';

/** `cmd.jobs.trigger` over NATS request/reply. */
export class NatsJobTrigger implements JobTrigger {
  constructor(private readonly nats: NatsConnection, private readonly subjects: Subjects, private readonly timeoutMs: number) {}

  trigger(request: TriggerJobRequest): Promise<CommandReply<TriggerJobResult>> {
    return sendCommand<TriggerJobResult>(this.nats, this.subjects, JOBS_SERVICE, 'trigger', request, {
      timeoutMs: this.timeoutMs,
      correlationId: request.context.correlationId,
    });
  }
}
