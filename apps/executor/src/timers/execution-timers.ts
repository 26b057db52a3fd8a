import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

export type TimerKind = 'deadline' | 'heartbeat' | 'retry';

/** setTimeout cannot wait longer than ~24.8 days; longer timers re-arm when this much has passed. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * In-memory timers per execution. They are not durable by themselves: every one of them is derived from the
 * execution's events (deadline, retry_at) or from a grace period (heartbeats), and the recovery scan re-arms
 * them after a restart.
 */
@Injectable()
export class ExecutionTimers implements OnApplicationShutdown {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastSeen = new Map<string, number>();

  /** Arms (or re-arms) the timer `kind` of an execution to run `fire` at `atMs`. */
  schedule(executionId: string, kind: TimerKind, atMs: number, fire: () => void): void {
    const key = `${executionId}:${kind}`;
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const delay = Math.max(0, atMs - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (delay > MAX_DELAY_MS) this.schedule(executionId, kind, atMs, fire);
      else fire();
    }, Math.min(delay, MAX_DELAY_MS));
    timer.unref();
    this.timers.set(key, timer);
  }

  has(executionId: string, kind: TimerKind): boolean {
    return this.timers.has(`${executionId}:${kind}`);
  }

  /** A sign of life from the worker running the attempt (started, heartbeat, log). */
  seen(executionId: string, attempt: number, atMs = Date.now()): void {
    this.lastSeen.set(`${executionId}:${attempt}`, atMs);
  }

  lastSeenAt(executionId: string, attempt: number): number | undefined {
    return this.lastSeen.get(`${executionId}:${attempt}`);
  }

  /** Drops every timer and heartbeat record of an execution (it finished, or moved to another state). */
  clear(executionId: string, kinds: TimerKind[] = ['deadline', 'heartbeat', 'retry']): void {
    for (const kind of kinds) {
      const key = `${executionId}:${kind}`;
      const timer = this.timers.get(key);
      if (timer) clearTimeout(timer);
      this.timers.delete(key);
    }
    if (kinds.includes('heartbeat')) {
      for (const key of this.lastSeen.keys()) if (key.startsWith(`${executionId}:`)) this.lastSeen.delete(key);
    }
  }

  get size(): number {
    return this.timers.size;
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
