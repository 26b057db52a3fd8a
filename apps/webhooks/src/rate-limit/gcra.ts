/**
 * Generic cell rate algorithm for "N per minute": each admitted delivery pushes the job's theoretical arrival
 * time (TAT) one interval (60 s / N) ahead; a delivery is admitted while the new TAT is at most one period ahead
 * of now. That allows a burst of N, then one per interval, with no fixed-window edge effect. Times in µs.
 */
export type GcraPlan = { nowUs: number; intervalUs: number; periodUs: number };

export const RATE_PERIOD_US = 60_000_000;

export function gcraPlan(limitPerMinute: number, now: Date): GcraPlan {
  return { nowUs: now.getTime() * 1000, intervalUs: Math.max(1, Math.floor(RATE_PERIOD_US / limitPerMinute)), periodUs: RATE_PERIOD_US };
}

/** Admission test, as the SQL upsert does it (pure, for tests and in-memory use). */
export function gcraAdmit(plan: GcraPlan, tatUs: number | null): { admitted: boolean; tatUs: number } {
  const next = Math.max(tatUs ?? plan.nowUs, plan.nowUs) + plan.intervalUs;
  return next - plan.nowUs <= plan.periodUs ? { admitted: true, tatUs: next } : { admitted: false, tatUs: tatUs ?? plan.nowUs };
}

/** Whole seconds until the next delivery would be admitted (at least 1), for the Retry-After header. */
export function retryAfterSeconds(plan: GcraPlan, tatUs: number): number {
  const waitUs = tatUs + plan.intervalUs - plan.periodUs - plan.nowUs;
  return Math.max(1, Math.ceil(waitUs / 1_000_000));
}
