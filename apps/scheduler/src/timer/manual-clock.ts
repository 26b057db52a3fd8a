import type { Clock } from './clock';

type Pending = { at: number; callback: () => void; id: number };

/** A clock for tests: time moves only when told to, and timers run in due order as it passes them. */
export class ManualClock implements Clock {
  private pending: Pending[] = [];
  private nextId = 1;
  /** How many timers were ever set (a scheduler that polls would set many). */
  timersSet = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    this.timersSet++;
    const timer = { at: this.current + Math.max(0, delayMs), callback, id: this.nextId++ };
    this.pending.push(timer);
    return timer.id;
  }

  clearTimer(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  /** When the earliest pending timer is due, or null. */
  nextTimerAt(): number | null {
    return this.pending.reduce<number | null>((earliest, timer) => (earliest === null || timer.at < earliest ? timer.at : earliest), null);
  }

  get pendingTimers(): number {
    return this.pending.length;
  }

  /** Moves time forward to `target`, running each timer at its due time. */
  advanceTo(target: number): void {
    for (;;) {
      const due = this.pending.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
