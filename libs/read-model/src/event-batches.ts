const ABORTED = Symbol('aborted');
const IDLE = Symbol('idle');

export type BatchOptions = { maxSize: number; maxWaitMs: number; signal: AbortSignal };

/**
 * Groups consecutive items of `source` into batches. A batch closes when it holds `maxSize` items, when
 * `maxWaitMs` have passed since its first item, or as soon as the next item is not ready at once, so a
 * catch-up read is applied in large transactions while a live event is applied without added delay.
 * Ends when the source ends or the signal aborts.
 */
export async function* batchEvents<T>(source: AsyncIterable<T>, options: BatchOptions): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  const abort = abortedPromise(options.signal);
  let pending: Promise<IteratorResult<T>> | null = null;
  try {
    for (;;) {
      pending = pending ?? iterator.next();
      const first = await Promise.race([pending, abort.promise]);
      if (first === ABORTED) return;
      pending = null;
      if (first.done) return;
      const batch: T[] = [first.value];
      const deadline = Date.now() + options.maxWaitMs;
      while (batch.length < options.maxSize && Date.now() < deadline) {
        pending = iterator.next();
        const next = await Promise.race([pending, nextTurn()]);
        if (next === IDLE) break;
        pending = null;
        if (next.done) {
          yield batch;
          return;
        }
        batch.push(next.value);
      }
      yield batch;
    }
  } finally {
    abort.dispose();
    // With a read still pending, return() would queue behind it; the aborted signal ends that read instead.
    if (pending) void pending.catch(() => undefined);
    else await iterator.return?.();
  }
}

function nextTurn(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

function abortedPromise(signal: AbortSignal): { promise: Promise<typeof ABORTED>; dispose(): void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
