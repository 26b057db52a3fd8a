import { connect, type ConnectionOptions, type NatsConnection } from 'nats';
import { defaultMessagingLogger, describeError, type MessagingLogger } from './logger';

export type ConnectNatsOptions = Partial<ConnectionOptions> & { logger?: MessagingLogger };

/**
 * Connects with reconnects that never give up (a service outlives a NATS restart), and logs connection
 * status changes so an outage is visible in the service's logs.
 */
export async function connectNats(url: string, name: string, options: ConnectNatsOptions = {}): Promise<NatsConnection> {
  const { logger = defaultMessagingLogger, ...connectionOptions } = options;
  const nc = await connect({
    servers: url.split(',').map((s) => s.trim()),
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    reconnectJitter: 200,
    pingInterval: 20_000,
    timeout: 5_000,
    // Every request would otherwise capture a stack trace up front (for its error, should it fail): a few % of the CPU
    // of every service under load. Failed requests still carry the error code and subject.
    noAsyncTraces: true,
    ...connectionOptions,
  });
  void logStatus(nc, name, logger);
  return nc;
}

async function logStatus(nc: NatsConnection, name: string, logger: MessagingLogger): Promise<void> {
  try {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'error') logger.warn('nats connection problem', { connection: name, status: status.type, data: String(status.data) });
      if (status.type === 'reconnect') logger.info('nats reconnected', { connection: name, server: String(status.data) });
    }
  } catch (err) {
    logger.warn('nats status stream ended', { connection: name, ...describeError(err) });
  }
}

/** Drains (finishes in-flight messages of every subscription, flushes publishes) and closes. */
export async function closeNats(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) return;
  try {
    if (!nc.isDraining()) await nc.drain();
    else await nc.closed();
  } catch {
    // Draining fails when the connection is already closing or lost; closing is then the best we can do.
    if (!nc.isClosed()) await nc.close();
  }
}
