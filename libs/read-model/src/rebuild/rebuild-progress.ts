/** What the rebuild reports while it replays. `fraction` is null when the total is unknown. */
export type RebuildProgressSample = { events: number; fraction: number | null; phase: string };

export type RebuildProgressSink = {
  update(sample: RebuildProgressSample): void;
  done(message: string): void;
};

type Output = { isTTY?: boolean; columns?: number; write(text: string): unknown };

const BAR_WIDTH = 28;

/**
 * A progress bar with events/s and ETA on a terminal (redrawn at most 10 times a second), plain lines every
 * `intervalMs` otherwise (logs, CI). `now` is injectable so the formatting can be tested.
 */
export function progressSink(output: Output, options: { intervalMs?: number; now?: () => number } = {}): RebuildProgressSink {
  const now = options.now ?? Date.now;
  const started = now();
  const interval = output.isTTY ? 100 : (options.intervalMs ?? 5000);
  let last = -Infinity;
  let lastLine = '';
  return {
    update(sample) {
      const at = now();
      if (at - last < interval) return;
      last = at;
      lastLine = progressLine(sample, (at - started) / 1000, output.isTTY === true);
      output.write(output.isTTY ? `\r${lastLine.padEnd(output.columns ? Math.min(output.columns - 1, 120) : 100)}` : `${lastLine}\n`);
    },
    done(message) {
      output.write(output.isTTY && lastLine ? `\r\u001b[2K${message}\n` : `${message}\n`);
    },
  };
}

/** `[█████░░░] 52.1% 521,000 events 23,512 events/s ETA 0:20 (replaying)` */
export function progressLine(sample: RebuildProgressSample, elapsedSeconds: number, bar: boolean): string {
  const rate = elapsedSeconds > 0 ? sample.events / elapsedSeconds : 0;
  const parts: string[] = [];
  if (sample.fraction !== null) {
    const fraction = Math.min(Math.max(sample.fraction, 0), 1);
    if (bar) parts.push(`[${'█'.repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, '░')}]`);
    parts.push(`${(fraction * 100).toFixed(1)}%`);
  }
  parts.push(`${sample.events.toLocaleString('en-US')} events`, `${Math.round(rate).toLocaleString('en-US')} events/s`);
  if (sample.fraction !== null && sample.fraction > 0 && sample.fraction < 1) parts.push(`ETA ${duration((elapsedSeconds * (1 - sample.fraction)) / sample.fraction)}`);
  parts.push(`(${sample.phase})`);
  return parts.join(' ');
}

export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const silentProgress: RebuildProgressSink = { update: () => undefined, done: () => undefined };
