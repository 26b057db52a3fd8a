import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { JsonLogger } from '@cp/config';
import { EXECUTOR_SERVICE, type ExecutorCommandName, type Subjects } from '@cp/contracts';
import { serveCommands, type CommandHandler, type CommandServer } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { CancelExecutionService } from './cancel/cancel-execution.service';
import { WorkerReportsService } from './worker-reports/worker-reports.service';

/** NATS request/reply adapter: `cmd.executor.<name>` (libs/contracts execution-work.ts). */
@Injectable()
export class ExecutorCommandServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: CommandServer | null = null;

  constructor(
    private readonly reports: WorkerReportsService,
    private readonly cancels: CancelExecutionService,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const handlers: Record<ExecutorCommandName, CommandHandler> = {
      started: (p, c) => this.reports.started(p, c.correlationId),
      heartbeat: (p, c) => this.reports.heartbeat(p, c.correlationId),
      log: (p, c) => this.reports.log(p, c.correlationId),
      succeeded: (p, c) => this.reports.succeeded(p, c.correlationId),
      failed: (p, c) => this.reports.failed(p, c.correlationId),
      cancel: (p) => this.cancels.cancel(p),
    };
    this.server = serveCommands(this.nats, this.subjects, EXECUTOR_SERVICE, handlers, { logger: this.logger });
  }

  /** Before the NATS connection closes: stop taking reports and let the ones in flight reply. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}
