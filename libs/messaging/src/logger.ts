/**
 * The few log calls messaging makes. Apps pass their own structured logger; the default writes one JSON
 * line per entry to stderr so that nothing is ever swallowed silently.
 */
export type MessagingLogger = {
  info(msg: string, context?: Record<string, unknown>): void;
  warn(msg: string, context?: Record<string, unknown>): void;
  error(msg: string, context?: Record<string, unknown>): void;
};

const write = (level: string, msg: string, context?: Record<string, unknown>): void => {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...context })}\n`);
};

export const defaultMessagingLogger: MessagingLogger = {
  info: (msg, context) => write('info', msg, context),
  warn: (msg, context) => write('warn', msg, context),
  error: (msg, context) => write('error', msg, context),
};

/** A loggable view of an unknown thrown value (message and stack, never the whole object). */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, errorName: err.name, stack: err.stack };
  return { error: String(err) };
}
