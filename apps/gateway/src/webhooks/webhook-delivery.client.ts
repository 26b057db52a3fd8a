import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, headers as natsHeaders, NatsError, type MsgHdrs, type NatsConnection } from 'nats';
import {
  WEBHOOK_DELIVER_COMMAND, WEBHOOK_ENVELOPE_HEADER, WEBHOOKS_SERVICE,
  type Subjects, type WebhookDeliveryEnvelope, type WebhookDeliveryReply, type WebhookHttpAnswer,
} from '@cp/contracts';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';

/** Only what the webhooks service judges a delivery by; never Authorization (the SDK sends the user's API key). */
const FORWARDED_HEADERS = [
  'content-type', 'user-agent', 'x-correlation-id',
  'x-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-webhook-delivery', 'idempotency-key',
];

const REQUEST_TIMEOUT_MS = 15_000;
/** Room kept in each NATS message for protocol overhead besides the envelope. */
const MESSAGE_OVERHEAD_BYTES = 1024;

const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
const unavailable = (detail: string): WebhookHttpAnswer => ({ status: 503, headers: { 'Retry-After': '5' }, body: { detail } });

export function forwardedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Hands a raw delivery to the webhooks service over NATS (`cmd.webhooks.deliver`): body bytes as message data,
 * headers in an envelope header. A body larger than one NATS message (max_payload) goes in parts, in order.
 */
@Injectable()
export class WebhookDeliveryClient {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection, @Inject(SUBJECTS) private readonly subjects: Subjects) {}

  async deliver(token: string, headers: Record<string, string>, body: Buffer, correlationId: string): Promise<WebhookHttpAnswer> {
    const envelope: WebhookDeliveryEnvelope = { token, headers, body_length: body.length, correlation_id: correlationId };
    const encoded = asciiJson(envelope);
    const h = natsHeaders();
    h.set(WEBHOOK_ENVELOPE_HEADER, encoded);
    const partSize = Math.max(1, (this.nats.info?.max_payload ?? 1024 * 1024) - MESSAGE_OVERHEAD_BYTES);
    const firstSize = Math.max(1, partSize - Buffer.byteLength(encoded));
    try {
      let reply = await this.request(this.subjects.command(WEBHOOKS_SERVICE, WEBHOOK_DELIVER_COMMAND), body.subarray(0, firstSize), h);
      for (let offset = Math.min(firstSize, body.length); reply.kind === 'continue'; offset += partSize) {
        if (offset >= body.length) throw new Error('The webhooks service asked for more body than was sent');
        reply = await this.request(reply.subject, body.subarray(offset, offset + partSize));
      }
      return { status: reply.status, headers: reply.headers, body: reply.body };
    } catch (error) {
      if (error instanceof NatsError && error.code === ErrorCode.NoResponders) return unavailable('The webhooks service is unavailable; retry later');
      if (error instanceof NatsError && error.code === ErrorCode.Timeout) return unavailable('The webhooks service did not answer in time; retry later');
      throw error;
    }
  }

  private async request(subject: string, data: Uint8Array, headers?: MsgHdrs): Promise<WebhookDeliveryReply> {
    const msg = await this.nats.request(subject, data, { timeout: REQUEST_TIMEOUT_MS, headers });
    return JSON.parse(new TextDecoder().decode(msg.data)) as WebhookDeliveryReply;
  }
}
