import type { LoggerService } from '@nestjs/common';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line, wherever they appear in the fields. */
const SECRET_KEYS = /secret|password|authorization|token|api[_-]?key|signature/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

/** Structured JSON logs, one line per entry, on stdout (DESIGN.md §7 Operations). */
export class JsonLogger implements LoggerService {
  constructor(
    readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly fields: Record<string, unknown> = {},
  ) {}

  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.service, this.level, { ...this.fields, ...fields });
  }

  write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.level]) return;
    const entry = { time: new Date().toISOString(), level, service: this.service, msg, ...(redact({ ...this.fields, ...fields }) as object) };
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }

  debug(msg: string, fields?: Record<string, unknown>): void { this.write('debug', msg, fields); }
  info(msg: string, fields?: Record<string, unknown>): void { this.write('info', msg, fields); }
  warn(msg: string, fields?: Record<string, unknown>): void { this.write('warn', msg, fields); }
  error(msg: string, fields?: Record<string, unknown> | unknown): void {
    this.write('error', msg, fields instanceof Error || typeof fields !== 'object' ? { error: fields } : (fields as Record<string, unknown>));
  }

  /** NestJS LoggerService */
  log(message: unknown, context?: string): void { this.write('info', String(message), context ? { context } : {}); }
  verbose(message: unknown, context?: string): void { this.write('debug', String(message), context ? { context } : {}); }
}
