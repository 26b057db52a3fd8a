import { randomUUID } from 'node:crypto';
import { AckPolicy, type Consumer, type JsMsg, type NatsConnection } from 'nats';
import { EXECUTOR_SERVICE, natsSubjects, workConsumerName, type ExecutorServiceRequests, type Subjects, type WorkItem, type WorkerReportResult } from '@cp/contracts';
import { closeNats, connectNats, sendCommand } from '@cp/messaging';

export type Run = { item: WorkItem; msg: JsMsg; ref: { execution_id: string; attempt: number; run_id: string; worker_id: string } };

/**
 * A worker driven by the test, speaking the worker protocol of libs/contracts execution-work.ts over real NATS:
 * pull a WorkItem from `work.<queue>`, report started / heartbeat / log / succeeded / failed to `cmd.executor.*`.
 * Lets end-to-end tests script what a worker does (hang, fail, go silent) without a real runtime.
 */
export class ScriptedWorker {
  private consumer: Consumer | null = null;

  private constructor(private readonly nc: NatsConnection, readonly subjects: Subjects, readonly queue: string, readonly workerId: string) {}

  static async connect(natsUrl: string, namespace: string, queue: string, workerId = `scripted-${randomUUID().slice(0, 8)}`): Promise<ScriptedWorker> {
    const nc = await connectNats(natsUrl, workerId, { maxReconnectAttempts: 0 });
    const worker = new ScriptedWorker(nc, natsSubjects(namespace), queue, workerId);
    await worker.bind();
    return worker;
  }

  private async bind(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const durable = workConsumerName(this.queue);
    await jsm.consumers.add(this.subjects.workStream, { durable_name: durable, ack_policy: AckPolicy.Explicit, filter_subject: this.subjects.work(this.queue), ack_wait: 30_000_000_000 });
    this.consumer = await this.nc.jetstream().consumers.get(this.subjects.workStream, durable);
  }

  /** The next work item, or null when none arrives within `timeoutMs`. */
  async next(timeoutMs = 10_000): Promise<Run | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const msg = await this.consumer!.next({ expires: Math.max(1_000, Math.min(5_000, deadline - Date.now())) });
      if (!msg) continue;
      const item = msg.json<WorkItem>();
      return { item, msg, ref: { execution_id: item.execution_id, attempt: item.attempt, run_id: randomUUID(), worker_id: this.workerId } };
    }
    return null;
  }

  async send<C extends keyof ExecutorServiceRequests>(command: C, payload: ExecutorServiceRequests[C]): Promise<WorkerReportResult> {
    const reply = await sendCommand<WorkerReportResult>(this.nc, this.subjects, EXECUTOR_SERVICE, command, payload, { timeoutMs: 10_000 });
    if (!reply.ok) throw new Error(`executor.${command} failed: ${JSON.stringify(reply.error)}`);
    return reply.result;
  }

  started(run: Run): Promise<WorkerReportResult> { return this.send('started', run.ref); }
  heartbeat(run: Run): Promise<WorkerReportResult> { return this.send('heartbeat', run.ref); }
  log(run: Run, firstIndex: number, lines: string[]): Promise<WorkerReportResult> {
    return this.send('log', { ...run.ref, first_index: firstIndex, lines: lines.map((line) => ({ stream: 'stdout' as const, line, at: new Date().toISOString() })) });
  }
  succeed(run: Run, output: string): Promise<WorkerReportResult> { return this.send('succeeded', { ...run.ref, output }); }
  fail(run: Run, message: string): Promise<WorkerReportResult> { return this.send('failed', { ...run.ref, error_message: message }); }

  /** Runs every item that arrives until stopped: start, (if accepted) wait, succeed, ack. Counts accepted runs per execution. */
  runAll(options: { workMs?: number; concurrency?: number } = {}): { accepted: Map<string, number>; rejected: number; stop: () => Promise<void> } {
    const accepted = new Map<string, number>();
    const stats = { rejected: 0 };
    let stopping = false;
    const loop = async (): Promise<void> => {
      while (!stopping) {
        const run = await this.next(1_000).catch(() => null);
        if (!run) continue;
        const start = await this.sendWithRetry(() => this.started(run));
        if (!start.accepted) { stats.rejected += 1; run.msg.ack(); continue; }
        accepted.set(run.item.execution_id, (accepted.get(run.item.execution_id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, options.workMs ?? 50));
        await this.sendWithRetry(() => this.succeed(run, `done ${run.item.execution_id}`));
        run.msg.ack();
      }
    };
    const loops = Array.from({ length: options.concurrency ?? 8 }, () => loop());
    return { accepted, get rejected() { return stats.rejected; }, stop: async () => { stopping = true; await Promise.all(loops); } };
  }

  /** A result must reach the executor even while it restarts (the reply tells whether it counted). */
  private async sendWithRetry(send: () => Promise<WorkerReportResult>): Promise<WorkerReportResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= 60) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async close(): Promise<void> {
    await closeNats(this.nc);
  }
}
