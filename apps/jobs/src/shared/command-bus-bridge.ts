import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { NatsConnection } from 'nats';
import { JsonLogger } from '@cp/config';
import type { Subjects } from '@cp/contracts';
import { serveCommands, type CommandServer } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';

/** Maps one `cmd.<service>.<name>` payload onto the CQRS request its handler executes. */
export type RequestMapping = Record<string, (payload: never) => object>;

/**
 * NATS request/reply adapter: serves `cmd.<service>.*` by mapping each payload onto the CQRS command bus.
 * Stops before the shared NATS connection closes (CoreModule closes it in onApplicationShutdown), so the commands
 * still running can reply.
 */
export abstract class CommandBusBridge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: CommandServer | null = null;
  protected abstract readonly service: string;
  protected abstract readonly requests: RequestMapping;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = Object.fromEntries(
      Object.entries(this.requests).map(([name, toRequest]) => [name, (payload: unknown) => this.commandBus.execute((toRequest as (p: unknown) => object)(payload))]),
    );
    this.server = serveCommands(this.nats, this.subjects, this.service, handlers, { logger: this.logger });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}
