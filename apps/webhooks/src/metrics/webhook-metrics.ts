import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliveryReason } from '../delivery/answers';

export type DeliveryOutcomeLabel = 'accepted' | 'duplicate' | 'rejected' | 'error';

const ERRORS: ReadonlySet<DeliveryReason> = new Set(['unavailable', 'internal_error']);

export const outcomeOf = (reason: DeliveryReason): DeliveryOutcomeLabel => {
  if (reason === 'accepted' || reason === 'duplicate') return reason;
  return ERRORS.has(reason) ? 'error' : 'rejected';
};

/** Prometheus metrics of the webhooks service (own registry: no global state shared with libraries). */
export class WebhookMetrics {
  readonly registry = new Registry();
  private readonly deliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook deliveries by outcome (accepted, duplicate, rejected, error), reason and HTTP status',
    labelNames: ['outcome', 'reason', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'webhook_delivery_duration_seconds',
    help: 'Time from receiving a delivery to answering it',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(defaultMetrics = true) {
    this.registry.setDefaultLabels({ service: 'webhooks' });
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  record(reason: DeliveryReason, status: number, seconds: number): void {
    const outcome = outcomeOf(reason);
    this.deliveries.inc({ outcome, reason, status: String(status) });
    this.duration.observe({ outcome }, seconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
