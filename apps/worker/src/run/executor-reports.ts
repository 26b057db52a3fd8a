import type { NatsConnection } from 'nats';
import {
  EXECUTOR_SERVICE,
  type ExecutorServiceRequests,
  type Subjects,
  type WorkerLogLine,
  type WorkerReportResult,
  type WorkerRunRef,
} from '@cp/contracts';
import { sendCommand } from '@cp/messaging';

export class ExecutorUnavailable extends Error {}

type Retry = { attempts: number; delayMs: number };
const QUICK: Retry = { attempts: 3, delayMs: 200 };
/** A result is worth waiting for: about two minutes of retries. */
const PATIENT: Retry = { attempts: 40, delayMs: 3_000 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The worker's reports to the executor (`cmd.executor.<name>`, libs/contracts execution-work.ts). Each carries the
 * run reference, so resending one after a lost reply is safe; an unavailable executor is retried.
 */
export class ExecutorReports {
  constructor(
    private readonly nats: NatsConnection,
    private readonly subjects: Subjects,
    private readonly ref: WorkerRunRef,
    private readonly correlationId: string,
  ) {}

  started(): Promise<WorkerReportResult> {
    return this.send('started', this.ref, QUICK);
  }

  heartbeat(): Promise<WorkerReportResult> {
    return this.send('heartbeat', this.ref, { attempts: 1, delayMs: 0 });
  }

  log(firstIndex: number, lines: WorkerLogLine[]): Promise<WorkerReportResult> {
    return this.send('log', { ...this.ref, first_index: firstIndex, lines }, QUICK);
  }

  succeeded(output: string, beforeRetry: () => void): Promise<WorkerReportResult> {
    return this.send('succeeded', { ...this.ref, output }, PATIENT, beforeRetry);
  }

  failed(errorMessage: string, beforeRetry: () => void): Promise<WorkerReportResult> {
    return this.send('failed', { ...this.ref, error_message: errorMessage }, PATIENT, beforeRetry);
  }

  private async send<C extends keyof ExecutorServiceRequests>(command: C, payload: ExecutorServiceRequests[C], retry: Retry, beforeRetry?: () => void): Promise<WorkerReportResult> {
    for (let attempt = 1; ; attempt++) {
      const reply = await sendCommand<WorkerReportResult>(this.nats, this.subjects, EXECUTOR_SERVICE, command, payload, { timeoutMs: 5_000, correlationId: this.correlationId });
      if (reply.ok) return reply.result;
      if (reply.error.code !== 'unavailable') {
        throw new Error(`executor refused ${command} of ${this.ref.execution_id}: ${JSON.stringify(reply.error.detail)}`);
      }
      if (attempt >= retry.attempts) throw new ExecutorUnavailable(`executor unavailable for ${command} of ${this.ref.execution_id}: ${reply.error.detail}`);
      beforeRetry?.();
      await sleep(retry.delayMs);
    }
  }
}
