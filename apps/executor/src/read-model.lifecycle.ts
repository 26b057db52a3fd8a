import { Inject, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EXECUTOR_READ_MODEL } from './executor.tokens';

/** Closes the read-model connection pool on shutdown. */
export class ReadModelLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EXECUTOR_READ_MODEL) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
  }
}
