import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : null), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing check as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not there');
        return 'there';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('there');
  });

  it('fails with the description and the last error on timeout', async () => {
    const attempt = waitFor(
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 50, intervalMs: 10, description: 'the gateway to answer' },
    );
    await expect(attempt).rejects.toThrow('Timed out after 50 ms waiting for the gateway to answer (last error: connection refused)');
  });

  it('fails on timeout when the check stays falsy', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, intervalMs: 5, description: 'never' })).rejects.toThrow('Timed out after 30 ms waiting for never');
  });
});
