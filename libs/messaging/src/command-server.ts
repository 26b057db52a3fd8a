import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { DomainFailure, type CommandReply, type DomainError, type Subjects } from '@cp/contracts';
import { decodeJson, encodeJson } from './json';
import { defaultMessagingLogger, describeError, type MessagingLogger } from './logger';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

export type CommandContext = {
  /** From the request's `x-correlation-id` header, or a fresh one when the sender gave none. */
  correlationId: string;
  command: string;
  headers: MsgHdrs | undefined;
};

export type CommandOutcome = { result: unknown; revision?: number | null; position?: string | null };

export type CommandHandler = (payload: unknown, context: CommandContext) => Promise<CommandOutcome>;

export type ServeCommandsOptions = {
  logger?: MessagingLogger;
  /** Queue group; defaults to the service name so that replicas share the load. */
  queue?: string;
};

export type CommandServer = {
  /** Stops taking requests and waits for the handlers still running to reply. */
  stop(): Promise<void>;
};

/** Serves `cmd.<service>.*` requests (DESIGN.md §5); handlers run concurrently. */
export function serveCommands(
  nc: NatsConnection,
  subjects: Subjects,
  service: string,
  handlers: Record<string, CommandHandler>,
  options: ServeCommandsOptions = {},
): CommandServer {
  const logger = options.logger ?? defaultMessagingLogger;
  const sub = nc.subscribe(subjects.commandWildcard(service), { queue: options.queue ?? service });
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    for await (const msg of sub) {
      const handling = handleRequest(msg, service, handlers, logger).finally(() => inFlight.delete(handling));
      inFlight.add(handling);
    }
  })();
  return {
    async stop() {
      // A connection already closing drains (or dropped) its subscriptions itself.
      if (!sub.isClosed() && !nc.isClosed() && !nc.isDraining()) await sub.drain();
      else sub.unsubscribe();
      await loop;
      await Promise.all([...inFlight]);
    },
  };
}

async function handleRequest(msg: Msg, service: string, handlers: Record<string, CommandHandler>, logger: MessagingLogger): Promise<void> {
  const command = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
  const correlationId = msg.headers?.get(CORRELATION_ID_HEADER) || randomUUID();
  const reply = await runHandler(msg, { correlationId, command, headers: msg.headers }, service, handlers, logger);
  if (!msg.reply) {
    logger.warn('command received without a reply subject', { service, command, correlationId });
    return;
  }
  const replyHeaders = natsHeaders();
  replyHeaders.set(CORRELATION_ID_HEADER, correlationId);
  try {
    msg.respond(encodeJson(reply), { headers: replyHeaders });
  } catch (err) {
    logger.error('could not send command reply', { service, command, correlationId, ...describeError(err) });
  }
}

async function runHandler(
  msg: Msg,
  context: CommandContext,
  service: string,
  handlers: Record<string, CommandHandler>,
  logger: MessagingLogger,
): Promise<CommandReply> {
  const handler = Object.prototype.hasOwnProperty.call(handlers, context.command) ? handlers[context.command] : undefined;
  if (!handler) return failure({ code: 'bad_request', detail: `Unknown command ${service}.${context.command}` });
  let payload: unknown;
  try {
    payload = decodeJson(msg.data);
  } catch {
    return failure({ code: 'bad_request', detail: `Command ${service}.${context.command} payload is not valid JSON` });
  }
  try {
    const outcome = await handler(payload, context);
    return { ok: true, result: outcome.result, revision: outcome.revision ?? null, position: outcome.position ?? null };
  } catch (err) {
    if (err instanceof DomainFailure) return failure(err.error);
    logger.error('command handler failed', { service, command: context.command, correlationId: context.correlationId, ...describeError(err) });
    return failure({ code: 'internal', detail: 'Internal error' });
  }
}

const failure = (error: DomainError): CommandReply => ({ ok: false, error });
