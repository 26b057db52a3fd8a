import type { RecordedEvent } from '@cp/contracts';
import type { Pool } from 'pg';
import type { SubscribeAllOptions } from '../event-store.port';
import { AppendListener } from './append-listener';

export type FollowAllDeps = {
  pool: Pool;
  channel: string;
  readAfter: (after: string | null, maxCount: number) => Promise<RecordedEvent[]>;
  batchSize: number;
  pollIntervalMs: number;
};

/** Catch up in batches from the checkpoint, then wait for appends; only one batch is held in memory. */
export async function* followAll(deps: FollowAllDeps, options: SubscribeAllOptions): AsyncGenerator<RecordedEvent> {
  const { signal } = options;
  if (signal?.aborted) return;
  // LISTEN before the first read, so nothing committed during the catch-up goes unnoticed.
  const listener = await AppendListener.start(deps.pool, deps.channel);
  let checkpoint = options.after ?? null;
  try {
    while (!signal?.aborted) {
      listener.reset();
      const batch = await deps.readAfter(checkpoint, deps.batchSize);
      for (const event of batch) {
        if (signal?.aborted) return;
        yield event;
        checkpoint = event.position;
      }
      if (batch.length < deps.batchSize) await listener.wait(deps.pollIntervalMs, signal);
    }
  } finally {
    listener.close();
  }
}
