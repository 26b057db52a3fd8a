import { KeyFilter } from './key-filter';

describe('the rebuild key filter', () => {
  it('never forgets a key it was given, also past its first capacity', () => {
    const filter = new KeyFilter(1000);
    const keys = Array.from({ length: 5000 }, (_, n) => `executions\u0000${n}-${n * 7919}`);
    keys.forEach((key) => filter.add(key));
    expect(keys.every((key) => filter.mightContain(key))).toBe(true);
  });

  it('rarely claims a key it was not given', () => {
    const filter = new KeyFilter(10_000);
    for (let n = 0; n < 10_000; n++) filter.add(`jobs\u0000job_${n}`);
    let wrong = 0;
    for (let n = 0; n < 10_000; n++) if (filter.mightContain(`jobs\u0000other_${n}`)) wrong += 1;
    expect(wrong).toBeLessThan(300);
  });
});
