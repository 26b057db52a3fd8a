import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { JsonLogger } from '@cp/config';
import { WEBHOOK_DELIVER_COMMAND, WEBHOOK_MAX_BODY_BYTES, WEBHOOKS_SERVICE, type Subjects, type WebhookHttpAnswer } from '@cp/contracts';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { tooLarge } from '../delivery/answers';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { receiveRemainingParts } from './chunk-receiver';
import { encodeReply, exceedsLimit, readEnvelope } from './delivery-envelope';

/**
 * Serves `cmd.webhooks.deliver` (queue group "webhooks": replicas share the load). The gateway sends the raw body
 * as the message data and the HTTP headers in an envelope header; the reply is the HTTP answer to give.
 */
@Injectable()
export class NatsDeliveryServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly metrics: WebhookMetrics,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(this.subjects.command(WEBHOOKS_SERVICE, WEBHOOK_DELIVER_COMMAND), {
      queue: WEBHOOKS_SERVICE,
      callback: (error, msg) => {
        if (error) return this.logger.warn('webhook delivery subscription error', { error: error.message });
        const handling = this.handle(msg).finally(() => this.inFlight.delete(handling));
        this.inFlight.add(handling);
      },
    });
  }

  /** Before the shared connections close: stop taking deliveries and answer the ones in flight. */
  async beforeApplicationShutdown(): Promise<void> {
    const sub = this.subscription;
    if (sub && !sub.isClosed() && !this.nats.isClosed() && !this.nats.isDraining()) await sub.drain();
    await Promise.all([...this.inFlight]);
  }

  private async handle(msg: Msg): Promise<void> {
    const envelope = readEnvelope(msg.headers);
    if (!envelope) return this.answer(msg, { status: 400, headers: {}, body: { detail: 'Malformed webhook delivery request' } });
    if (exceedsLimit(envelope)) {
      const outcome = tooLarge(WEBHOOK_MAX_BODY_BYTES);
      this.metrics.record(outcome.reason, outcome.answer.status, 0);
      return this.answer(msg, outcome.answer);
    }
    let body = msg.data.subarray(0, envelope.body_length);
    let replyTo = msg;
    try {
      if (msg.data.length < envelope.body_length) ({ body, last: replyTo } = await receiveRemainingParts(this.nats, msg, envelope.body_length));
    } catch (error) {
      this.logger.warn('webhook delivery body incomplete', { correlationId: envelope.correlation_id, error: (error as Error).message });
      return;
    }
    const answer = await this.deliveries.deliver({ token: envelope.token, headers: envelope.headers, body, correlationId: envelope.correlation_id });
    this.answer(replyTo, answer);
  }

  private answer(msg: Msg, answer: WebhookHttpAnswer): void {
    try {
      msg.respond(encodeReply({ kind: 'answer', ...answer }));
    } catch (error) {
      this.logger.warn('could not answer a webhook delivery', { error: (error as Error).message });
    }
  }
}
