export type LogStream = 'stdout' | 'stderr' | 'system';
export type LogSink = (stream: LogStream, line: string) => void;

/** One call of one agent: the prompt and everything around it. `signal` aborts it (cancel, timeout, shutdown). */
export type AgentInvocation = {
  prompt: string;
  systemPrompt: string | null;
  executionId: string;
  /** Environment of a `command` agent: execution_environment.env_vars plus the decrypted secrets. */
  env: Record<string, string>;
  signal: AbortSignal;
  log: LogSink;
};

export type AgentOutcome = { ok: true; output: string } | { ok: false; error: string };

/** Outputs and log lines are capped so that a report always fits in one NATS message (1 MiB by default). */
export const MAX_OUTPUT_CHARS = 512 * 1024;
export const MAX_LINE_CHARS = 16 * 1024;

export function capOutput(text: string): string {
  return text.length <= MAX_OUTPUT_CHARS ? text : `${text.slice(0, MAX_OUTPUT_CHARS)}\n[output truncated: ${text.length - MAX_OUTPUT_CHARS} more characters]`;
}

export function capLine(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)} [line truncated: ${line.length - MAX_LINE_CHARS} more characters]`;
}

/** Why a run was stopped, as the outcome's error. */
export function stoppedError(signal: AbortSignal): AgentOutcome {
  return { ok: false, error: `stopped (${String(signal.reason ?? 'aborted')})` };
}

/** Splits a text stream into lines (LF or CRLF); `end()` emits a last line without a newline. */
export function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; end(): void } {
  let buffer = '';
  return {
    push(chunk) {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        emit(buffer.slice(0, nl).replace(/\r$/, ''));
        buffer = buffer.slice(nl + 1);
      }
    },
    end() {
      if (buffer !== '') emit(buffer.replace(/\r$/, ''));
      buffer = '';
    },
  };
}

/** Logs a whole text (an HTTP body, a completion) line by line. */
export function logText(log: LogSink, stream: LogStream, text: string): void {
  const splitter = lineSplitter((line) => log(stream, line));
  splitter.push(text);
  splitter.end();
}
