import { duration, progressLine, progressSink } from './rebuild-progress';

describe('rebuild progress', () => {
  it('shows a bar, the share done, events, events/s and the ETA on a terminal', () => {
    expect(progressLine({ events: 500_000, fraction: 0.5, phase: 'replaying' }, 25, true))
      .toBe(`[${'█'.repeat(14)}${'░'.repeat(14)}] 50.0% 500,000 events 20,000 events/s ETA 0:25 (replaying)`);
  });

  it('leaves out the bar for logs, and the share and ETA when the total is unknown', () => {
    expect(progressLine({ events: 1200, fraction: 0.25, phase: 'replaying' }, 2, false)).toBe('25.0% 1,200 events 600 events/s ETA 0:06 (replaying)');
    expect(progressLine({ events: 1200, fraction: null, phase: 'indexing' }, 2, false)).toBe('1,200 events 600 events/s (indexing)');
  });

  it('writes plain lines at most every interval when the output is not a terminal', () => {
    const written: string[] = [];
    let now = 0;
    const sink = progressSink({ write: (text) => written.push(text) }, { intervalMs: 5000, now: () => now });
    for (now = 0; now <= 12_000; now += 1000) sink.update({ events: now, fraction: null, phase: 'replaying' });
    sink.done('done');
    expect(written).toEqual([
      '0 events 0 events/s (replaying)\n', '5,000 events 1,000 events/s (replaying)\n', '10,000 events 1,000 events/s (replaying)\n', 'done\n',
    ]);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect([duration(5), duration(65), duration(3725)]).toEqual(['0:05', '1:05', '1:02:05']);
  });
});
