import { randomUUID } from 'node:crypto';
import { ErrorCode, headers as natsHeaders, NatsError, type NatsConnection } from 'nats';
import type { CommandReply, Subjects } from '@cp/contracts';
import { CORRELATION_ID_HEADER } from './command-server';
import { decodeJson, encodeJson } from './json';

export type SendCommandOptions = {
  timeoutMs?: number;
  correlationId?: string;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Sends a command and resolves its reply. A service that is down (no responders) or does not answer in
 * time resolves to an `unavailable` error rather than throwing, so callers handle every outcome the same way.
 */
export async function sendCommand<T = unknown>(
  nc: NatsConnection,
  subjects: Subjects,
  service: string,
  command: string,
  payload: unknown,
  options: SendCommandOptions = {},
): Promise<CommandReply<T>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const requestHeaders = natsHeaders();
  requestHeaders.set(CORRELATION_ID_HEADER, options.correlationId ?? randomUUID());
  try {
    const reply = await nc.request(subjects.command(service, command), encodeJson(payload), { timeout: timeoutMs, headers: requestHeaders });
    return parseReply<T>(reply.data, service, command);
  } catch (err) {
    if (err instanceof NatsError && err.code === ErrorCode.NoResponders) {
      return { ok: false, error: { code: 'unavailable', detail: `${service} service is unavailable` } };
    }
    if (err instanceof NatsError && err.code === ErrorCode.Timeout) {
      return { ok: false, error: { code: 'unavailable', detail: `${service} service is unavailable (no reply within ${timeoutMs} ms)` } };
    }
    throw err;
  }
}

function parseReply<T>(data: Uint8Array, service: string, command: string): CommandReply<T> {
  let reply: unknown;
  try {
    reply = decodeJson(data);
  } catch {
    reply = undefined;
  }
  if (typeof reply === 'object' && reply !== null && typeof (reply as { ok?: unknown }).ok === 'boolean') return reply as CommandReply<T>;
  throw new Error(`Malformed reply to command ${service}.${command}`);
}
