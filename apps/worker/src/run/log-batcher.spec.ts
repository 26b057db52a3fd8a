import type { WorkerLogLine } from '@cp/contracts';
import { LogBatcher } from './log-batcher';

function recordingBatcher(options: { flushMs?: number; batchLines?: number; accept?: boolean } = {}) {
  const batches: { firstIndex: number; lines: string[] }[] = [];
  let rejected = 0;
  const batcher = new LogBatcher({
    flushMs: options.flushMs ?? 10_000,
    batchLines: options.batchLines ?? 3,
    send: async (firstIndex: number, lines: WorkerLogLine[]) => {
      batches.push({ firstIndex, lines: lines.map((l) => `${l.stream}:${l.line}`) });
      return { accepted: options.accept ?? true };
    },
    onRejected: () => (rejected += 1),
    onError: (error) => { throw error; },
  });
  return { batcher, batches, rejected: () => rejected };
}

describe('LogBatcher', () => {
  it('sends a batch as soon as it holds batchLines lines, numbering lines across batches', async () => {
    const { batcher, batches } = recordingBatcher({ batchLines: 2 });
    ['a', 'b', 'c', 'd', 'e'].forEach((line) => batcher.push('stdout', line));
    await batcher.close();
    expect(batches).toEqual([
      { firstIndex: 0, lines: ['stdout:a', 'stdout:b'] },
      { firstIndex: 2, lines: ['stdout:c', 'stdout:d'] },
      { firstIndex: 4, lines: ['stdout:e'] },
    ]);
  });

  it('sends a partial batch after flushMs', async () => {
    const { batcher, batches } = recordingBatcher({ flushMs: 5, batchLines: 100 });
    batcher.push('stderr', 'oops');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toEqual([{ firstIndex: 0, lines: ['stderr:oops'] }]);
    await batcher.close();
    expect(batches).toHaveLength(1);
  });

  it('tells when the executor refuses the lines (the run was cancelled or timed out)', async () => {
    const { batcher, rejected } = recordingBatcher({ accept: false });
    batcher.push('stdout', 'late');
    await batcher.close();
    expect(rejected()).toBe(1);
  });
});
