import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DomainFailure, type RequestContext, type Subjects } from '@cp/contracts';
import { sendCommand } from '@cp/messaging';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { ReadYourWrites } from './read-your-writes';

/**
 * How a command's caller sees its effect: `strict` answers 503 when the read model has not caught up within the
 * bounded wait (the response is built from the read model); `best_effort` returns the command's own result anyway
 * (used where the result alone is the answer, and a 5xx would make clients retry a POST that already took effect).
 */
export type Consistency = 'strict' | 'best_effort';

/**
 * How long a best-effort command waits for the projector at most. Long enough for an idle projector (tens of ms),
 * short enough that a lagging projector under load does not hold every trigger for seconds.
 */
export const BEST_EFFORT_WAIT_MS = 500;

/** Sends a command over NATS request/reply, maps a typed failure to its HTTP error, then waits for the projector. */
@Injectable()
export class CommandSender {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async send<T>(service: string, command: string, payload: { context: RequestContext }, consistency: Consistency): Promise<T> {
    const reply = await sendCommand<T>(this.nats, this.subjects, service, command, payload, { timeoutMs: 10_000, correlationId: payload.context.correlationId });
    if (!reply.ok) throw new DomainFailure(reply.error);
    const caughtUp = await this.readYourWrites.awaitPosition(reply.position, consistency === 'best_effort' ? BEST_EFFORT_WAIT_MS : undefined);
    if (!caughtUp && consistency === 'strict') {
      throw new DomainFailure({ code: 'unavailable', detail: 'The change was saved, but the read model has not caught up yet; retry the read in a moment' });
    }
    return reply.result;
  }
}
