import type { Clock } from './clock';
import { MinHeap } from './min-heap';

type Entry = { dueAt: number; key: string; seq: number };

/** Node's setTimeout fires immediately for delays above 2^31-1 ms; longer waits are re-armed. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One timer per key (a job), one setTimeout in the whole process: a min-heap of due times, armed for the earliest.
 * Nothing runs between due times, however many keys there are. Rescheduling leaves a stale heap entry behind that
 * is skipped when popped (and purged when stale entries outnumber live ones).
 */
export class TimerWheel {
  private readonly heap = new MinHeap<Entry>((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  private readonly live = new Map<string, Entry>();
  private armed: { handle: unknown; dueAt: number } | null = null;
  private seq = 0;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (keys: string[]) => void,
  ) {}

  get size(): number {
    return this.live.size;
  }

  dueAt(key: string): number | null {
    return this.live.get(key)?.dueAt ?? null;
  }

  schedule(key: string, dueAt: number): void {
    if (this.live.get(key)?.dueAt === dueAt) return;
    const entry = { dueAt, key, seq: ++this.seq };
    this.live.set(key, entry);
    this.heap.push(entry);
    if (this.heap.size > 2 * this.live.size + 1024) this.heap.retain((e) => this.live.get(e.key) === e);
    this.arm();
  }

  cancel(key: string): void {
    if (this.live.delete(key)) this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** Pops every entry due at `now` and hands their keys over; called by the armed timeout. */
  private fire(): void {
    this.armed = null;
    const now = this.clock.now();
    const due: string[] = [];
    for (let top = this.heap.peek(); top && top.dueAt <= now; top = this.heap.peek()) {
      this.heap.pop();
      if (this.live.get(top.key) !== top) continue;
      this.live.delete(top.key);
      due.push(top.key);
    }
    this.arm();
    if (due.length > 0) this.onDue(due);
  }

  private earliestLive(): Entry | undefined {
    let top = this.heap.peek();
    while (top && this.live.get(top.key) !== top) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.earliestLive();
    if (!next) return this.disarm();
    if (this.armed?.dueAt === next.dueAt) return;
    this.disarm();
    const delay = Math.min(Math.max(0, next.dueAt - this.clock.now()), MAX_DELAY_MS);
    this.armed = { dueAt: next.dueAt, handle: this.clock.setTimer(() => this.fire(), delay) };
  }

  private disarm(): void {
    if (this.armed) this.clock.clearTimer(this.armed.handle);
    this.armed = null;
  }
}
