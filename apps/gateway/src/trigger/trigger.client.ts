import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DomainFailure, JOBS_SERVICE, type Subjects, type TriggerJobRequest, type TriggerJobResult } from '@cp/contracts';
import { sendCommand } from '@cp/messaging';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { ReadYourWrites } from '../executions/read-your-writes';

/**
 * Sends `cmd.jobs.trigger` and waits for the projector so the job's history shows the new execution. A slow
 * projector does not fail the trigger: the execution exists, and a 5xx would make the SDK retry the POST.
 */
@Injectable()
export class TriggerClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async trigger(request: TriggerJobRequest): Promise<TriggerJobResult> {
    const reply = await sendCommand<TriggerJobResult>(this.nats, this.subjects, JOBS_SERVICE, 'trigger', request, { correlationId: request.context.correlationId });
    if (!reply.ok) throw new DomainFailure(reply.error);
    await this.readYourWrites.awaitPosition(reply.position);
    return reply.result;
  }
}
