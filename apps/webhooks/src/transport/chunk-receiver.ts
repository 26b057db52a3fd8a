import { createInbox, type Msg, type NatsConnection } from 'nats';
import type { WebhookDeliveryReply } from '@cp/contracts';
import { encodeReply } from './delivery-envelope';

export type ReceivedBody = { body: Uint8Array; last: Msg };

const CONTINUE_TIMEOUT_MS = 15_000;

/**
 * Collects a body larger than one NATS message: answers the first part with a private inbox subject, then takes
 * the following parts there, in order, until `total` bytes have arrived. Fails if the sender stalls or overshoots.
 */
export async function receiveRemainingParts(nc: NatsConnection, first: Msg, total: number): Promise<ReceivedBody> {
  const body = new Uint8Array(total);
  body.set(first.data.subarray(0, total), 0);
  let received = Math.min(first.data.length, total);
  const subject = createInbox();
  const sub = nc.subscribe(subject);
  let timer = setTimeout(() => sub.unsubscribe(), CONTINUE_TIMEOUT_MS);
  const next: WebhookDeliveryReply = { kind: 'continue', subject };
  first.respond(encodeReply(next));
  try {
    for await (const part of sub) {
      clearTimeout(timer);
      if (received + part.data.length > total) {
        part.respond(encodeReply({ kind: 'answer', status: 400, headers: {}, body: { detail: 'Delivery body parts exceed the announced length' } }));
        throw new Error('Delivery body parts exceed the announced length');
      }
      body.set(part.data, received);
      received += part.data.length;
      if (received === total) return { body, last: part };
      part.respond(encodeReply(next));
      timer = setTimeout(() => sub.unsubscribe(), CONTINUE_TIMEOUT_MS);
    }
    throw new Error(`Delivery body incomplete: ${received} of ${total} bytes arrived`);
  } finally {
    clearTimeout(timer);
    sub.unsubscribe();
  }
}
