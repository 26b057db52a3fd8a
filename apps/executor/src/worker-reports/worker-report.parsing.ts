import { badRequest, type ExecutorServiceRequests, type WorkerLogLine, type WorkerRunRef } from '@cp/contracts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(payload: Record<string, unknown>, field: string, command: string): string {
  const value = payload[field];
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`executor.${command}: ${field} must be a non-empty string`);
  return value;
}

function count(payload: Record<string, unknown>, field: string, command: string, min: number): number {
  const value = payload[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw badRequest(`executor.${command}: ${field} must be an integer >= ${min}`);
  return value;
}

/** Checks the fields every worker report carries (NATS payloads are untyped JSON). */
export function parseRunRef(payload: unknown, command: string): WorkerRunRef & { raw: Record<string, unknown> } {
  if (!isObject(payload)) throw badRequest(`executor.${command}: payload must be a JSON object`);
  return {
    execution_id: text(payload, 'execution_id', command),
    attempt: count(payload, 'attempt', command, 1),
    run_id: text(payload, 'run_id', command),
    worker_id: text(payload, 'worker_id', command),
    raw: payload,
  };
}

const STREAMS = new Set(['stdout', 'stderr', 'system']);

function logLine(value: unknown): WorkerLogLine {
  if (!isObject(value) || typeof value.line !== 'string' || typeof value.stream !== 'string' || !STREAMS.has(value.stream)) {
    throw badRequest('executor.log: every line must be {stream: stdout|stderr|system, line: string, at: ISO time}');
  }
  const at = typeof value.at === 'string' && !Number.isNaN(Date.parse(value.at)) ? value.at : new Date().toISOString();
  return { stream: value.stream as WorkerLogLine['stream'], line: value.line, at };
}

export function parseLog(payload: unknown): ExecutorServiceRequests['log'] {
  const { raw, ...ref } = parseRunRef(payload, 'log');
  if (!Array.isArray(raw.lines)) throw badRequest('executor.log: lines must be an array');
  return { ...ref, first_index: count(raw, 'first_index', 'log', 0), lines: raw.lines.map(logLine) };
}

export function parseSucceeded(payload: unknown): ExecutorServiceRequests['succeeded'] {
  const { raw, ...ref } = parseRunRef(payload, 'succeeded');
  if (typeof raw.output !== 'string') throw badRequest('executor.succeeded: output must be a string');
  return { ...ref, output: raw.output };
}

export function parseFailed(payload: unknown): ExecutorServiceRequests['failed'] {
  const { raw, ...ref } = parseRunRef(payload, 'failed');
  const message = typeof raw.error_message === 'string' && raw.error_message.length > 0 ? raw.error_message : 'Worker reported a failure without a message';
  return { ...ref, error_message: message };
}
