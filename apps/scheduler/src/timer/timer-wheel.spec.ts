import { ManualClock } from './manual-clock';
import { TimerWheel } from './timer-wheel';

function wheelAt(start = 0) {
  const clock = new ManualClock(start);
  const fired: Array<{ at: number; keys: string[] }> = [];
  const wheel = new TimerWheel(clock, (keys) => fired.push({ at: clock.now(), keys: [...keys].sort() }));
  return { clock, fired, wheel };
}

describe('TimerWheel', () => {
  it('fires each key at its due time, earliest first', () => {
    const { clock, fired, wheel } = wheelAt();
    wheel.schedule('b', 2000);
    wheel.schedule('a', 1000);
    clock.advanceTo(5000);
    expect(fired).toEqual([{ at: 1000, keys: ['a'] }, { at: 2000, keys: ['b'] }]);
  });
  it('keeps a single timer armed however many keys wait', () => {
    const { clock, wheel } = wheelAt();
    for (let i = 0; i < 10_000; i++) wheel.schedule(`job-${i}`, 60_000 + (i % 7) * 1000);
    expect(clock.pendingTimers).toBe(1);
    expect(wheel.size).toBe(10_000);
  });
  it('hands over every key of a shared due time in one call', () => {
    const { clock, fired, wheel } = wheelAt();
    for (let i = 0; i < 500; i++) wheel.schedule(`job-${i}`, 60_000);
    clock.advanceTo(60_000);
    expect(fired).toHaveLength(1);
    expect(fired[0].keys).toHaveLength(500);
  });
  it('a rescheduled key fires only at its new time', () => {
    const { clock, fired, wheel } = wheelAt();
    wheel.schedule('a', 1000);
    wheel.schedule('a', 3000);
    clock.advanceTo(5000);
    expect(fired).toEqual([{ at: 3000, keys: ['a'] }]);
  });
  it('a cancelled key never fires and leaves no timer armed', () => {
    const { clock, fired, wheel } = wheelAt();
    wheel.schedule('a', 1000);
    wheel.cancel('a');
    expect(clock.pendingTimers).toBe(0);
    clock.advanceTo(5000);
    expect(fired).toEqual([]);
  });
  it('a due time in the past fires at once', () => {
    const { clock, fired, wheel } = wheelAt(10_000);
    wheel.schedule('a', 1000);
    clock.advance(0);
    expect(fired).toEqual([{ at: 10_000, keys: ['a'] }]);
  });
  it('waits beyond the 24.8-day setTimeout limit by re-arming', () => {
    const { clock, fired, wheel } = wheelAt();
    const farAway = 40 * 86_400_000;
    wheel.schedule('yearly', farAway);
    clock.advanceTo(farAway - 1);
    expect(fired).toEqual([]);
    clock.advanceTo(farAway);
    expect(fired).toEqual([{ at: farAway, keys: ['yearly'] }]);
  });
  it('purges stale entries when keys are rescheduled many times', () => {
    const { clock, fired, wheel } = wheelAt();
    for (let round = 1; round <= 3000; round++) wheel.schedule('a', round * 10);
    clock.advanceTo(30_000);
    expect(fired).toEqual([{ at: 30_000, keys: ['a'] }]);
  });
  it('after stop nothing fires', () => {
    const { clock, fired, wheel } = wheelAt();
    wheel.schedule('a', 1000);
    wheel.stop();
    clock.advanceTo(5000);
    expect(fired).toEqual([]);
  });
});
