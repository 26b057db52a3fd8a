import type { WorkerLogLine } from '@cp/contracts';
import { capLine, type LogStream } from '../runtimes/agent-runtime';

export type LogBatcherOptions = {
  flushMs: number;
  batchLines: number;
  send(firstIndex: number, lines: WorkerLogLine[]): Promise<{ accepted: boolean }>;
  /** The executor no longer takes reports for this run (cancelled, timed out): stop it. */
  onRejected(): void;
  onError(error: unknown): void;
};

/**
 * Groups output lines into batches (every `flushMs`, or at `batchLines` lines) and sends them one batch at a time,
 * in order, each with the index of its first line so that a resent batch is never stored twice.
 */
export class LogBatcher {
  private pending: WorkerLogLine[] = [];
  private sent = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: LogBatcherOptions) {}

  push(stream: LogStream, line: string): void {
    this.pending.push({ stream, line: capLine(line), at: new Date().toISOString() });
    if (this.pending.length >= this.options.batchLines) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.flushMs);
  }

  /** Sends what is pending and waits until every batch so far has been answered. */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    const firstIndex = this.sent;
    this.pending = [];
    this.sent += lines.length;
    this.chain = this.chain.then(async () => {
      try {
        const result = await this.options.send(firstIndex, lines);
        if (!result.accepted) this.options.onRejected();
      } catch (error) {
        this.options.onError(error);
      }
    });
  }
}
