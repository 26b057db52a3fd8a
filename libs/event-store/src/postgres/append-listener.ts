import type { Notification } from 'pg';
import type { Pool, PoolClient } from 'pg';

/**
 * A LISTEN connection that wakes a subscriber when an append commits. Notifications are only a hint:
 * `wait` also returns after the poll interval, so a lost notification delays a subscriber but never stalls it.
 */
export class AppendListener {
  private pending = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly client: PoolClient,
    private readonly channel: string,
  ) {}

  static async start(pool: Pool, channel: string): Promise<AppendListener> {
    const client = await pool.connect();
    const listener = new AppendListener(client, channel);
    client.on('notification', listener.onNotification);
    client.on('error', listener.onError);
    try {
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      listener.close();
      throw error;
    }
    return listener;
  }

  /** Forget earlier wake-ups; call right before reading, so appends after the read still wake `wait`. */
  reset(): void {
    this.pending = false;
  }

  wait(pollIntervalMs: number, signal?: AbortSignal): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = null;
        if (this.failure) reject(this.failure);
        else resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      signal?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  /** Destroys the connection rather than returning it to the pool, so no LISTEN outlives the subscriber. */
  close(): void {
    this.client.off('notification', this.onNotification);
    // Errors of the closing connection no longer concern anyone, but must not crash the process.
    this.client.on('error', () => undefined);
    this.client.off('error', this.onError);
    this.client.release(true);
  }

  private readonly onNotification = (message: Notification): void => {
    if (message.channel !== this.channel) return;
    this.pending = true;
    this.wake?.();
  };

  private readonly onError = (error: Error): void => {
    this.failure = new Error(`Event store subscription lost its LISTEN connection: ${error.message}`);
    this.wake?.();
  };
}
