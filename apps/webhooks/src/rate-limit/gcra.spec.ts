import { gcraAdmit, gcraPlan, retryAfterSeconds } from './gcra';

/** Runs `count` deliveries at `at`, carrying the TAT along; returns how many were admitted and the final TAT. */
function burst(limit: number, at: Date, count: number, tat: number | null = null) {
  let admitted = 0;
  for (let i = 0; i < count; i++) {
    const decision = gcraAdmit(gcraPlan(limit, at), tat);
    if (decision.admitted) admitted++;
    tat = decision.tatUs;
  }
  return { admitted, tat };
}

describe('GCRA "N per minute"', () => {
  const t0 = new Date('2030-01-01T00:00:00Z');

  it('admits a burst of exactly N, then refuses', () => {
    expect(burst(60, t0, 100).admitted).toBe(60);
    expect(burst(5, t0, 6).admitted).toBe(5);
  });
  it('admits one more per interval (60 s / N) after a burst', () => {
    const { tat } = burst(60, t0, 60);
    expect(gcraAdmit(gcraPlan(60, new Date(t0.getTime() + 999)), tat).admitted).toBe(false);
    expect(gcraAdmit(gcraPlan(60, new Date(t0.getTime() + 1000)), tat).admitted).toBe(true);
  });
  it('admits a full burst again after a quiet minute', () => {
    const { tat } = burst(10, t0, 10);
    expect(burst(10, new Date(t0.getTime() + 60_000), 20, tat).admitted).toBe(10);
  });
  it('tells when the next delivery will be admitted', () => {
    const { tat } = burst(60, t0, 60);
    expect(retryAfterSeconds(gcraPlan(60, t0), tat as number)).toBe(1);
    const slow = burst(1, t0, 1);
    expect(retryAfterSeconds(gcraPlan(1, new Date(t0.getTime() + 15_000)), slow.tat as number)).toBe(45);
  });
  it('never advises less than one second', () => {
    const { tat } = burst(1_000_000, t0, 1_000_000);
    expect(retryAfterSeconds(gcraPlan(1_000_000, t0), tat as number)).toBe(1);
  });
});
