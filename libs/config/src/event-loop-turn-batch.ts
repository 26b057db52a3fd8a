/**
 * Collects what is added during one turn of the event loop and hands it over as one batch right after (setImmediate):
 * many callers that each want one round trip get one shared round trip instead, at no added latency when alone.
 */
export class EventLoopTurnBatch<T> {
  private items: T[] = [];
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => void) {}

  add(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      const items = this.items;
      this.items = [];
      this.scheduled = false;
      this.flush(items);
    });
  }
}
