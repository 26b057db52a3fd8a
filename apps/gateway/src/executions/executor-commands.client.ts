import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DomainFailure, EXECUTOR_SERVICE, type CancelExecutionResult, type ExecutorServiceRequests, type Subjects } from '@cp/contracts';
import { sendCommand } from '@cp/messaging';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { ReadYourWrites } from './read-your-writes';

/** `cmd.executor.cancel`, then read-your-writes so the response shows the cancelled status. */
@Injectable()
export class ExecutorCommandsClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async cancel(request: ExecutorServiceRequests['cancel']): Promise<CancelExecutionResult> {
    const reply = await sendCommand<CancelExecutionResult>(this.nats, this.subjects, EXECUTOR_SERVICE, 'cancel', request, { correlationId: request.context.correlationId });
    if (!reply.ok) throw new DomainFailure(reply.error);
    await this.readYourWrites.awaitPosition(reply.position);
    return reply.result;
  }
}
