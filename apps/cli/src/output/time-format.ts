const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `2025-06-01 09:00:00 UTC`: absolute, unambiguous, sortable. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "in 3 h", "2 min ago", "just now". */
export function formatRelative(iso: string, now: Date): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const delta = at - now.getTime();
  const size = Math.abs(delta);
  if (size < 5 * SECOND) return 'just now';
  const amount = size < MINUTE ? `${Math.round(size / SECOND)} s` : size < HOUR ? `${Math.round(size / MINUTE)} min` : size < DAY ? `${Math.round(size / HOUR)} h` : `${Math.round(size / DAY)} d`;
  return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

/** Absolute time with the relative one next to it; "-" when there is none. */
export function formatWhen(iso: string | null | undefined, now: Date): string {
  if (!iso) return '-';
  const relative = formatRelative(iso, now);
  return relative ? `${formatInstant(iso)} (${relative})` : formatInstant(iso);
}

/** 850 ms, 12.3 s, 2 min 5 s, 1 h 3 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ${Math.floor((ms % MINUTE) / SECOND)} s`;
  return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
}

/** Elapsed time on the live status line: 0:07, 12:45, 1:02:03. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / SECOND));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The compact form for table cells: `2025-06-01 09:00Z (in 3 h)`. */
export function formatWhenShort(iso: string | null | undefined, now: Date): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const relative = formatRelative(iso, now);
  const absolute = `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
  return relative ? `${absolute} (${relative})` : absolute;
}
