import { createWriteStream, type WriteStream } from 'node:fs';

const MAX_BUFFERED_CHARS = 1_000_000;

/** Everything a service printed: kept in memory (bounded) and appended to a log file for debugging. */
export class ProcessOutput {
  private buffer = '';
  private readonly file: WriteStream;

  constructor(readonly logFile: string) {
    this.file = createWriteStream(logFile, { flags: 'a' });
    this.file.on('error', () => undefined);
  }

  append(text: string): void {
    this.buffer += text;
    if (this.buffer.length > MAX_BUFFERED_CHARS) this.buffer = this.buffer.slice(-MAX_BUFFERED_CHARS);
    this.file.write(text);
  }

  text(): string {
    return this.buffer;
  }

  tail(chars = 4_000): string {
    return this.buffer.length <= chars ? this.buffer : `...${this.buffer.slice(-chars)}`;
  }

  close(): void {
    this.file.end();
  }
}

/** Calls `onLine` for every complete line of a stream of chunks. */
export function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  };
}

/** The readiness contract: a JSON log line on stdout with `"msg":"ready"`. */
export function isReadyLine(line: string): boolean {
  if (line.includes('"msg":"ready"')) return true;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && (parsed as { msg?: unknown }).msg === 'ready';
  } catch {
    return false;
  }
}
